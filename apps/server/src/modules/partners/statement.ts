// The settlement statement between the business and one partner for a period (对账单): every
// partner coupon redeemed in it, on either side, and what each side owes. Read from the coupons
// themselves, so a redemption taken back (order cancelled or refunded) leaves the statement too.
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { maskPhone } from '../../kernel/phone.ts';
import { getTenant } from '../tenancy/index.ts';
import type { Statement, StatementLine } from './partners.schemas.ts';
import type { PartnerRow } from './partners.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A statement covers at most about a year; longer is a typo. */
const MAX_DAYS = 366;

/** 王** from 王小明; a customer without a name shows the masked phone. */
export function maskName(name: string | null, phone: string): string {
  const n = name?.trim();
  if (!n) return maskPhone(phone);
  const chars = [...n];
  return `${chars[0]}${'*'.repeat(Math.min(Math.max(chars.length - 1, 1), 3))}`;
}

export function checkPeriod(from: string, to: string): void {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
  if (days < 0)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      message: {
        'zh-CN': '请求内容有误：结束日期不能早于开始日期',
        en: 'The request is not valid: `to` is before `from`',
      },
    });
  if (days >= MAX_DAYS)
    throw new AppError('VALIDATION_FAILED', {
      field: 'to',
      message: {
        'zh-CN': `请求内容有误：期间最长 ${MAX_DAYS} 天`,
        en: `The request is not valid: a period spans at most ${MAX_DAYS} days`,
      },
    });
}

/** The local date `days` before `date` (YYYY-MM-DD arithmetic in UTC, no time zone involved). */
export function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

export function todayIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
}

interface LineRow {
  coupon_id: string;
  code: string;
  template_name: string;
  direction: StatementLine['direction'];
  customer_name: string | null;
  customer_phone: string;
  redeemed_at: string | Date;
  store_name: string | null;
  settlement_fen: string | number;
}

/** Redeemed coupons of the partner's templates, redeemed between the two local dates (inclusive). */
export async function statementLines(
  ctx: Ctx,
  partnerId: string,
  period: { from: string; to: string },
): Promise<StatementLine[]> {
  checkPeriod(period.from, period.to);
  const tz = (await getTenant(ctx)).timezone;
  const rows = await queryRows<LineRow>(
    ctx.tx,
    sql`select "coupons"."id" as coupon_id, "coupons"."code" as code,
               "coupon_templates"."name" as template_name,
               "coupon_templates"."partner_direction" as direction,
               "customers"."name" as customer_name, "customers"."phone" as customer_phone,
               "coupons"."redeemed_at" as redeemed_at, "stores"."name" as store_name,
               coalesce("coupons"."settlement_fen", "coupon_templates"."settlement_fen") as settlement_fen
          from "coupons"
          join "coupon_templates"
            on "coupon_templates"."tenant_id" = "coupons"."tenant_id"
           and "coupon_templates"."id" = "coupons"."template_id"
          join "customers"
            on "customers"."tenant_id" = "coupons"."tenant_id"
           and "customers"."id" = "coupons"."customer_id"
          left join "service_orders"
            on "service_orders"."tenant_id" = "coupons"."tenant_id"
           and "service_orders"."id" = "coupons"."redeemed_order_id"
          left join "stores"
            on "stores"."tenant_id" = "service_orders"."tenant_id"
           and "stores"."id" = "service_orders"."store_id"
         where "coupon_templates"."partner_id" = ${partnerId}
           and "coupons"."status" = 'redeemed'
           and "coupons"."redeemed_at" >= (${period.from}::date::timestamp at time zone ${tz})
           and "coupons"."redeemed_at" < ((${period.to}::date + 1)::timestamp at time zone ${tz})
         order by "coupons"."redeemed_at", "coupons"."id"`,
  );
  return rows.map((r) => ({
    couponId: r.coupon_id,
    code: r.code,
    templateName: r.template_name,
    direction: r.direction,
    customerName: maskName(r.customer_name, r.customer_phone),
    redeemedAt: new Date(r.redeemed_at).toISOString(),
    storeName: r.store_name,
    settlementFen: Number(r.settlement_fen),
  }));
}

/** The totals both ways: at the partner the business owes, at the business the partner owes. */
export function totalsOf(lines: StatementLine[]): Statement['totals'] {
  let redemptionsAtPartner = 0;
  let redemptionsAtBusiness = 0;
  let businessOwesPartnerFen = 0;
  let partnerOwesBusinessFen = 0;
  for (const l of lines) {
    if (l.direction === 'redeem_at_partner') {
      redemptionsAtPartner++;
      businessOwesPartnerFen += l.settlementFen;
    } else {
      redemptionsAtBusiness++;
      partnerOwesBusinessFen += l.settlementFen;
    }
  }
  return {
    redemptionsAtPartner,
    redemptionsAtBusiness,
    businessOwesPartnerFen,
    partnerOwesBusinessFen,
    netFen: businessOwesPartnerFen - partnerOwesBusinessFen,
  };
}

/** The period asked for; by default the month so far (tenant dates). */
export async function resolvePeriod(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
  defaultDays?: number,
): Promise<{ from: string; to: string }> {
  const to = q.to ?? todayIn(ctx.clock.now(), (await getTenant(ctx)).timezone);
  const from =
    q.from ?? (defaultDays === undefined ? `${to.slice(0, 8)}01` : daysBefore(to, defaultDays));
  return { from, to };
}

export async function statementFor(
  ctx: Ctx,
  partner: PartnerRow,
  q: { from?: string | undefined; to?: string | undefined },
): Promise<Statement> {
  const period = await resolvePeriod(ctx, q);
  const lines = await statementLines(ctx, partner.id, period);
  return {
    partner: { id: partner.id, name: partner.name },
    from: period.from,
    to: period.to,
    lines,
    totals: totalsOf(lines),
  };
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The statement as CSV: UTF-8 with BOM (Excel), headers in the request's language. */
export async function statementCsv(ctx: Ctx, statement: Statement): Promise<string> {
  const zh = ctx.locale !== 'en';
  const tz = (await getTenant(ctx)).timezone;
  const local = new Intl.DateTimeFormat('sv-SE', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const direction = (d: StatementLine['direction']) =>
    zh
      ? d === 'redeem_at_partner'
        ? '合作商家核销'
        : '本店核销'
      : d === 'redeem_at_partner'
        ? 'Redeemed at partner'
        : 'Redeemed at business';
  const header = zh
    ? ['核销时间', '券码', '券名称', '核销方', '客户', '门店', '结算金额（元）']
    : ['Redeemed at', 'Code', 'Coupon', 'Redeemed by', 'Customer', 'Store', 'Settlement (CNY)'];
  const body = statement.lines.map((l) => [
    local.format(new Date(l.redeemedAt)),
    l.code,
    l.templateName,
    direction(l.direction),
    l.customerName,
    l.storeName ?? '',
    yuan(l.settlementFen),
  ]);
  const t = statement.totals;
  const footer = zh
    ? [
        [],
        ['合作商家', statement.partner.name],
        ['期间', `${statement.from} 至 ${statement.to}`],
        ['合作商家核销（笔）', String(t.redemptionsAtPartner)],
        ['本店核销（笔）', String(t.redemptionsAtBusiness)],
        ['本店应付合作商家（元）', yuan(t.businessOwesPartnerFen)],
        ['合作商家应付本店（元）', yuan(t.partnerOwesBusinessFen)],
        ['净额（元，正数为本店应付）', yuan(t.netFen)],
      ]
    : [
        [],
        ['Partner', statement.partner.name],
        ['Period', `${statement.from} to ${statement.to}`],
        ['Redemptions at partner', String(t.redemptionsAtPartner)],
        ['Redemptions at business', String(t.redemptionsAtBusiness)],
        ['Business owes partner (CNY)', yuan(t.businessOwesPartnerFen)],
        ['Partner owes business (CNY)', yuan(t.partnerOwesBusinessFen)],
        ['Net (CNY, positive: business pays)', yuan(t.netFen)],
      ];
  return `\uFEFF${stringify([header, ...body, ...footer])}`;
}
