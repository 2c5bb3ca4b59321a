// The shop's privacy policy as the owner app shows it at sign-in, and the consent to it: no
// sign-in code is sent and no sign-in happens without the current version accepted; the
// acceptance is recorded once per customer and version.
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { getTenant } from '../tenancy/index.ts';
import { privacyPolicyConsents } from './privacy.tables.ts';

/** Raise it when the wording changes: owners accept the new version at their next sign-in. */
export const PRIVACY_POLICY_VERSION = '2026-01';

const TEXT = {
  'zh-CN': (shop: string) => [
    `${shop}（以下简称“我们”）重视您的个人信息保护。本政策说明我们在您使用会员服务时如何收集、使用和保护您的个人信息。`,
    `一、我们收集的信息：手机号码（用于登录与服务通知）、姓名、车辆信息（车牌、车型、里程）、到店与维修保养记录、会员积分与储值记录。`,
    `二、使用目的：提供维修保养服务、预约与到店提醒、会员权益与积分储值结算；在您同意的前提下发送优惠活动信息，您可随时在“我的—消息设置”中关闭。`,
    `三、共享与委托处理：我们不会出售您的个人信息。短信等消息通过受委托的通信服务商发送，仅用于向您送达。`,
    `四、保存期限：在您为我们的会员期间保存；您申请删除后，我们将依法删除或匿名化处理。`,
    `五、您的权利：您可在“我的—我的数据”中查阅、复制、更正您的信息，或申请删除；我们将在法定期限内答复。`,
    `六、联系我们：如对本政策有疑问，请到店或致电门店联系我们。`,
  ],
  en: (shop: string) => [
    `${shop} ("we") cares about your personal information. This policy explains how we collect, use and protect it when you use our member services.`,
    `1. What we collect: your mobile number (for signing in and service messages), name, car details (plate, model, mileage), visits and service records, points and stored value.`,
    `2. Why: to service your car, remind you of bookings and due work, and keep your member benefits; with your consent, to send offers — you can turn them off any time under Me › Messages.`,
    `3. Sharing: we never sell your data. Text messages go through a contracted carrier, only to reach you.`,
    `4. How long: while you are our member; after you ask us to erase it, we delete or anonymise it as the law requires.`,
    `5. Your rights: under Me › My data you can see, copy and correct your data or ask us to erase it; we answer within the legal deadline.`,
    `6. Contact: visit or call the shop with any question about this policy.`,
  ],
};

export async function privacyPolicy(ctx: Ctx, language: 'zh-CN' | 'en') {
  const tenant = await getTenant(ctx);
  return {
    tenantName: tenant.name,
    version: PRIVACY_POLICY_VERSION,
    paragraphs: TEXT[language](tenant.name),
  };
}

/** The sign-in consent hook (identity runs it before a code is sent and at sign-in). */
export async function signInConsent(ctx: Ctx, s: { acceptedVersion: string | null }) {
  if (s.acceptedVersion !== PRIVACY_POLICY_VERSION)
    throw new AppError('PRIVACY_CONSENT_REQUIRED', {
      field: 'privacyPolicyVersion',
      details: { currentVersion: PRIVACY_POLICY_VERSION },
    });
  return async (customerId: string) => {
    await ctx.tx
      .insert(privacyPolicyConsents)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        customerId,
        policyVersion: PRIVACY_POLICY_VERSION,
        acceptedAt: ctx.clock.now(),
      })
      .onConflictDoNothing();
  };
}

/** When the customer accepted which version (their data copy, the console). */
export async function policyConsentsOf(ctx: Ctx, customerId: string) {
  const rows = await ctx.tx
    .select()
    .from(privacyPolicyConsents)
    .where(sql`${privacyPolicyConsents.customerId} = ${customerId}::uuid`)
    .orderBy(privacyPolicyConsents.acceptedAt);
  return rows.map((r) => ({ version: r.policyVersion, acceptedAt: r.acceptedAt.toISOString() }));
}

/**
 * On a customer merge: the duplicate's acceptances move to the survivor with the other rows of
 * the customer, except a version the survivor accepted too (the survivor's acceptance stays).
 */
export async function mergePolicyConsents(
  ctx: Ctx,
  m: { survivorId: string; duplicateId: string },
): Promise<void> {
  await ctx.tx.execute(sql`
    delete from privacy_policy_consents d
    where d.customer_id = ${m.duplicateId}::uuid
      and exists (select 1 from privacy_policy_consents s
                  where s.tenant_id = d.tenant_id and s.customer_id = ${m.survivorId}::uuid
                    and s.policy_version = d.policy_version)`);
}
