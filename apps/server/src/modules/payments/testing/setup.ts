// Shared setup of the payments tests: a tenant with providers pointed at the doubles, top-up
// packages for sale, members signed in to the app, and reading their wallets.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../../db/database.ts';
import { newId } from '../../../kernel/ids.ts';
import {
  signInCustomer,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../../testing/harness.ts';
import { createMember } from '../../loyalty/testing/helpers.ts';
import { saveSettings } from '../../loyalty/settings.ts';

export const TOP_UP = {
  id: newId(),
  name: '充 500 送 50',
  payFen: 50_000,
  bonusFen: 5_000,
  active: true,
};

export async function sellTopUps(env: TestEnv, tenant: TestTenant) {
  await env.inTenant(tenant.id, (ctx) => saveSettings(ctx, { topUpPackages: [TOP_UP] }));
}

export async function configure(
  env: TestEnv,
  staff: Session,
  provider: string,
  config: Record<string, string>,
  secrets: Record<string, string>,
) {
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/payment-settings',
    headers: staff.headers,
    payload: { provider, enabled: true, config, secrets },
  });
  if (res.statusCode !== 200) throw new Error(`settings: ${res.statusCode} ${res.body}`);
  return res.json() as { secretsSet: Record<string, boolean>; config: Record<string, string> };
}

let phoneSeq = 0;

/** A named member (a registered card) signed in to the app. */
export async function appMember(env: TestEnv, tenant: TestTenant, staff: Session) {
  const phone = `137${String(10_000_000 + ((++phoneSeq * 104_729 + Date.now()) % 89_999_999)).padStart(8, '0')}`;
  const m = await createMember(env, staff, { name: '张先生', phone });
  const session = await signInCustomer(env, tenant, phone);
  return { ...m, session };
}

export async function walletFen(env: TestEnv, tenantId: string, customerId: string) {
  const [r] = await queryRows<{ total: string | number }>(
    env.database.adminDb,
    sql`select coalesce(sum(balance), 0) as total from ledger_accounts
        where tenant_id = ${tenantId}::uuid and owner_customer_id = ${customerId}::uuid
          and kind in ('stored_value_principal', 'stored_value_bonus')`,
  );
  return Number(r?.total ?? 0);
}

export async function startPay(
  env: TestEnv,
  session: Session,
  body: { kind: string; subjectId: string; provider: string; channel: string; openid?: string },
) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/app/payments',
    headers: session.headers,
    payload: body,
  });
}

/** A new member's top-up started in the app through WeChat Pay (H5), not yet paid. */
export async function wechatTopUp(env: TestEnv, tenant: TestTenant, staff: Session) {
  const m = await appMember(env, tenant, staff);
  const res = await startPay(env, m.session, {
    kind: 'top_up',
    subjectId: TOP_UP.id,
    provider: 'wechat',
    channel: 'h5',
  });
  if (res.statusCode !== 201) throw new Error(`pay: ${res.statusCode} ${res.body}`);
  return { m, p: res.json() as { id: string; number: string } };
}

export async function notify(
  env: TestEnv,
  tenantId: string,
  provider: string,
  n: { headers: Record<string, string>; body: string },
) {
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/webhooks/payments/${provider}?tenant=${tenantId}`,
    headers: n.headers,
    payload: n.body,
  });
}
