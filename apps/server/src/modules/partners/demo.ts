// Demo partners: a car wash, an insurer and a café, each with a portal account, coupon templates
// both ways, and coupons issued and redeemed over the last two months so statements show figures.
// The same partners and accounts on every seed; the codes and recipients' order are fixed by
// the customer list given.
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { claimCoupon, createTemplate, issueCoupons } from '../coupons/index.ts';
import { bindPartnerStaff } from '../identity/index.ts';
import type { CreatePartnerInput } from './partners.schemas.ts';
import { createPartner, createPartnerAccount } from './partners.service.ts';

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

type TemplateInput = Parameters<typeof createTemplate>[1];

interface DemoPartner {
  partner: CreatePartnerInput;
  /** The portal sign-in: an existing partner staff member to bind, or a new account. */
  account: { email: string; name: string };
  templates: { input: TemplateInput; issued: number; redeemed: number }[];
}

const PARTNERS: DemoPartner[] = [
  {
    partner: {
      name: '洁途洗车·天河北店',
      kind: 'car_wash',
      contactName: '周美玲',
      contactPhone: '13800000010',
      email: 'jietu-wash@demo.liuke.dev',
      note: '天河北路 233 号隔壁，凭券免费精洗一次',
    },
    account: { email: 'partner1@demo.liuke.dev', name: '周美玲' },
    templates: [
      {
        input: {
          name: '洁途精洗一次（合作）',
          description: '到洁途洗车出示券码即可免费精洗一次',
          kind: 'free_item',
          freeItemName: '精致洗车',
          freeItemCategory: 'wash',
          maxDiscountFen: 6800,
          validDays: 90,
          settlementFen: 2500,
        },
        issued: 16,
        redeemed: 11,
      },
      {
        input: {
          name: '洁途会员 保养立减 80 元',
          description: '洁途洗车会员到店保养满 500 元可用',
          kind: 'amount_off',
          amountOffFen: 8000,
          minSpendFen: 50000,
          categories: ['oil_change'],
          validDays: 120,
          partnerDirection: 'redeem_at_business',
          settlementFen: 3000,
        },
        issued: 10,
        redeemed: 6,
      },
    ],
  },
  {
    partner: {
      name: '平安车险·天河营业部',
      kind: 'insurer',
      contactName: '赵敏',
      contactPhone: '13922001188',
      email: 'pingan-th@demo.liuke.dev',
      note: '续保客户赠送免费检测',
    },
    account: { email: 'partner2@demo.liuke.dev', name: '赵敏' },
    templates: [
      {
        input: {
          name: '续保礼 免费全车检测',
          description: '平安续保客户专享，到店免费 36 项全车检测',
          kind: 'free_item',
          freeItemName: '全车检测',
          freeItemCategory: 'inspection',
          maxDiscountFen: 12800,
          validDays: 180,
          partnerDirection: 'redeem_at_business',
          settlementFen: 6000,
        },
        issued: 14,
        redeemed: 8,
      },
    ],
  },
  {
    partner: {
      name: '街角咖啡·体育西路',
      kind: 'cafe',
      contactName: '许晴',
      contactPhone: '13688776655',
      email: null,
      note: '候车客户凭券到店享咖啡',
    },
    account: { email: 'partner3@demo.liuke.dev', name: '许晴' },
    templates: [
      {
        input: {
          name: '候车咖啡立减 15 元',
          description: '保养候车时到街角咖啡，任意饮品立减 15 元',
          kind: 'amount_off',
          amountOffFen: 1500,
          validDays: 60,
          settlementFen: 1200,
        },
        issued: 20,
        redeemed: 13,
      },
    ],
  },
];

/** The portal sign-ins the demo has (password: the demo staff password). */
export const DEMO_PARTNER_SIGN_INS: readonly { name: string; login: string }[] = PARTNERS.map(
  (p) => ({ name: p.account.name, login: p.account.email }),
);

/**
 * A past redemption, a day or two after issue in opening hours and never in the future: neither
 * audited nor announced, as history is not news.
 */
function redeemInHistory(
  ctx: Ctx,
  coupon: { id: string; templateId: string; customerId: string },
  when: { issuedAt: Date; nth: number; now: Date },
  template: TemplateInput,
  partnerName: string,
) {
  const { issuedAt, nth, now } = when;
  const at = Math.min(
    issuedAt.getTime() + (1 + (nth % 3)) * DAY + (2 + (nth % 6)) * HOUR,
    now.getTime() - HOUR,
  );
  return claimCoupon(ctx, coupon, {
    at: new Date(at),
    settlementFen: template.settlementFen ?? 0,
    note:
      template.partnerDirection === 'redeem_at_business' ? null : `合作商家核销：${partnerName}`,
    record: null,
  });
}

/**
 * `partnerStaffId`: the demo's staff member with role partner (bound to the car wash and given
 * the login partner1@…); the other partners get new accounts with the demo password.
 */
export async function seedDemoPartners(
  ctx: Ctx,
  input: {
    partnerStaffId: string | null;
    password: string;
    demoCustomerId: string | null;
    customerIds: string[];
  },
): Promise<{
  partners: number;
  templates: number;
  coupons: number;
  redeemed: number;
  signIns: { name: string; login: string }[];
}> {
  const now = ctx.clock.now();
  const pool = input.customerIds.filter((id) => id !== input.demoCustomerId);
  let next = 0;
  const takeCustomer = () => pool[next++ % Math.max(pool.length, 1)];
  const signIns: { name: string; login: string }[] = [];
  let templates = 0;
  let issued = 0;
  let redeemed = 0;

  for (const [pi, d] of PARTNERS.entries()) {
    const partner = await createPartner(ctx, d.partner);
    // The demo's partner staff member signs in for the first partner; the others get accounts.
    const staffId = pi === 0 ? input.partnerStaffId : null;
    if (staffId)
      await bindPartnerStaff(ctx, staffId, { partnerId: partner.id, email: d.account.email });
    else await createPartnerAccount(ctx, partner.id, { ...d.account, password: input.password });
    signIns.push({ name: d.account.name, login: d.account.email });

    for (const [ti, t] of d.templates.entries()) {
      // Issued 58 days ago at the earliest, so every coupon is still in its window today.
      const template = await createTemplate(
        { ...ctx, clock: fixedClock(new Date(now.getTime() - 60 * DAY)) },
        { ...t.input, partnerId: partner.id },
      );
      templates++;
      for (let i = 0; i < t.issued && pool.length; i++) {
        const issuedAt = new Date(now.getTime() - (58 - ((i * 37 + ti * 11 + pi * 5) % 55)) * DAY);
        const customerId = takeCustomer()!;
        const res = await issueCoupons({ ...ctx, clock: fixedClock(issuedAt) }, template.id, {
          customerIds: [customerId],
          batchKey: `demo-partner-${pi}-${ti}-${i}`,
          source: t.input.partnerDirection === 'redeem_at_business' ? 'partner' : 'manual',
        });
        issued += res.issued;
        const coupon = res.coupons[0];
        if (!coupon || i >= t.redeemed) continue;
        await redeemInHistory(ctx, coupon, { issuedAt, nth: i, now }, t.input, d.partner.name);
        redeemed++;
      }
      // The demo car owner holds one unused coupon of each template to try in the portal.
      if (input.demoCustomerId)
        issued += (
          await issueCoupons(ctx, template.id, {
            customerIds: [input.demoCustomerId],
            batchKey: `demo-partner-owner-${pi}-${ti}`,
            source: 'manual',
          })
        ).issued;
    }
  }
  return { partners: PARTNERS.length, templates, coupons: issued, redeemed, signIns };
}
