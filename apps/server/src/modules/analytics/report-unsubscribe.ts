// The weekly report's unsubscribe link: a signed token (tenant, owner) switches the tenant's
// report off, on behalf of that owner (audited as their change), and answers a small page in
// both languages. A token that does not parse, is not signed by the tenant's key or names
// someone who is not an active owner is refused with ANALYTICS_UNSUBSCRIBE_INVALID.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { contactsOf } from '../identity/index.ts';
import { readReportToken, verifyReportToken } from './report-token.ts';
import { updateAnalyticsSettings } from './settings.ts';

/** The tenant a token names (checked against its key inside the tenant's transaction). */
export function tenantOfReportToken(token: string): string {
  const claims = readReportToken(token);
  if (!claims) throw new AppError('ANALYTICS_UNSUBSCRIBE_INVALID', { field: 'token' });
  return claims.tenantId;
}

export async function unsubscribeWeeklyReport(ctx: Ctx, token: string): Promise<string> {
  const claims = readReportToken(token);
  const [row] = await queryRows<{ key: string | null; name: string }>(
    ctx.tx,
    sql`select s.signing_key as key, t.name from tenants t
        left join analytics_settings s on s.tenant_id = t.tenant_id
        where t.tenant_id = ${ctx.tenantId}::uuid`,
  );
  if (
    !claims ||
    claims.tenantId !== ctx.tenantId ||
    !row?.key ||
    !verifyReportToken(row.key, token)
  )
    throw new AppError('ANALYTICS_UNSUBSCRIBE_INVALID', { field: 'token' });
  const [owner] = await contactsOf(ctx, { ids: [claims.staffId], roles: ['owner'] });
  if (!owner) throw new AppError('ANALYTICS_UNSUBSCRIBE_INVALID', { field: 'token' });
  await updateAnalyticsSettings(
    { ...ctx, actor: { type: 'staff', id: owner.id, role: 'owner', sessionId: null } },
    { weeklyReport: 'off' },
  );
  return unsubscribedPage(row.name);
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function unsubscribedPage(tenantName: string): string {
  const name = escapeHtml(tenantName);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>已退订经营周报 · Weekly report stopped</title></head>
<body style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.6">
<h1 style="font-size:1.4rem">已退订经营周报</h1>
<p>${name} 的经营周报不再发送。如需恢复，请在管理后台的“数据看板 → 设置”中重新开启。</p>
<h2 style="font-size:1.2rem" lang="en">Weekly report stopped</h2>
<p lang="en">The weekly report of ${name} will no longer be sent. To get it again, turn it back on in the console under Dashboards → Settings.</p>
</body></html>`;
}
