// Fraud rules for offline auto service. Each rule is one query over what the tenant already knows;
// a rule that fires adds `{ code, details }`. Rules run at attribution and again at the referee's
// first paid order (a car is usually added at the first visit, after the app sign-up).
//
//   PHONE_KNOWN        the referee's phone was known before: another record with the same national
//                      digits (merged-away or differently written), imported from the old system,
//                      or the referee already paid an order before being referred
//   VIN_KNOWN          a car of the referee (with a VIN) was owned by or serviced for another customer
//   PLATE_KNOWN        the same for a car's plate
//   HOUSEHOLD_ADDRESS  another customer has the same home address (normalised) on file
//   HOUSEHOLD_PAYER    another customer paid with the same payer reference (card tail, WeChat payer)
//   STAFF_SELF         the referee is a staff member (their phone), or the referrer is the staff
//                      member who attributed the referral at the counter
//   STAFF_RELATIVE     the referrer is a staff member (by phone) and the referee shares their surname,
//                      their household (address or payer) or a car they owned: what a shop can see
//                      of "a relative" without asking for family records
//   VELOCITY           the referrer already brought `velocityMaxPerDay` referees in the last 24 hours
//   MONTHLY_CAP        the referrer already reached the monthly cap (informational: the referrer's
//                      reward is capped, the referral needs no review for it)
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import type { ReferralSettings } from './referrals.schemas.ts';
import type { REFERRAL_FLAGS } from './referrals.tables.ts';

export type FlagCode = (typeof REFERRAL_FLAGS)[number];
export interface Flag {
  code: FlagCode;
  details: Record<string, unknown>;
}

/** Flags that send a referral to review (MONTHLY_CAP only caps the referrer's reward). */
export const needsReview = (flags: Flag[]) => flags.some((f) => f.code !== 'MONTHLY_CAP');

/** Digits of a phone without the country code, for comparing staff and customer phones. */
const NATIONAL = (col: string) => sql.raw(`right(regexp_replace(${col}, '\\D', '', 'g'), 11)`);

export async function evaluateFlags(
  ctx: Ctx,
  input: {
    referrerId: string;
    refereeId: string;
    /** When the referral was made (now for a new one): counts are of referrals before it. */
    at: Date;
    /** The referral itself, when re-evaluating (excluded from the counts). */
    referralId?: string | null;
    attributedBy?: string | null;
    /** The order being paid now (re-evaluation at the first paid order): not "paid before". */
    orderId?: string | null;
    settings: ReferralSettings;
  },
): Promise<Flag[]> {
  const { referrerId: rr, refereeId: re } = input;
  const at = input.at.toISOString();
  const self = input.referralId ?? '00000000-0000-0000-0000-000000000000';
  const flags: Flag[] = [];

  const [phone] = await queryRows<{ other: string | null; imported: boolean; paid: string | null }>(
    ctx.tx,
    sql`select
          (select o.id from customers o where o.phone_digits = c.phone_digits and o.id <> c.id
            limit 1) as other,
          c.source = 'import' as imported,
          (select so.id from service_orders so where so.customer_id = c.id and so.paid_at is not null
            and so.paid_at <= ${at}::timestamptz
            and so.id <> ${input.orderId ?? self}::uuid limit 1) as paid
        from customers c where c.id = ${re}::uuid`,
  );
  if (phone && (phone.other || phone.imported || phone.paid))
    flags.push({
      code: 'PHONE_KNOWN',
      details: phone.other
        ? { reason: 'other_record', customerId: phone.other }
        : phone.imported
          ? { reason: 'imported' }
          : { reason: 'paid_before', orderId: phone.paid },
    });

  const cars = await queryRows<{ vin: string | null; plate: string | null; other: string }>(
    ctx.tx,
    sql`select v.vin, v.plate, h.customer_id as other from vehicles v
        join lateral (
          select o.customer_id from vehicle_ownerships o where o.vehicle_id = v.id
            and o.customer_id <> ${re}::uuid
          union all
          select so.customer_id from service_orders so where so.vehicle_id = v.id
            and so.customer_id <> ${re}::uuid
          limit 1) h on true
        where v.customer_id = ${re}::uuid`,
  );
  const vin = cars.find((c) => c.vin);
  if (vin) flags.push({ code: 'VIN_KNOWN', details: { vin: vin.vin, customerId: vin.other } });
  const plate = cars.find((c) => c.plate);
  if (plate)
    flags.push({ code: 'PLATE_KNOWN', details: { plate: plate.plate, customerId: plate.other } });

  const [household] = await queryRows<{ address_other: string | null; payer_other: string | null }>(
    ctx.tx,
    sql`select
          (select o.holder_id from referral_households o where o.address_key = h.address_key
            and o.holder_id <> h.holder_id limit 1) as address_other,
          (select o.holder_id from referral_households o where o.payer_key = h.payer_key
            and o.holder_id <> h.holder_id limit 1) as payer_other
        from referral_households h where h.holder_id = ${re}::uuid`,
  );
  const who = (id: string) => ({ customerId: id, isReferrer: id === rr });
  if (household?.address_other)
    flags.push({ code: 'HOUSEHOLD_ADDRESS', details: who(household.address_other) });
  if (household?.payer_other)
    flags.push({ code: 'HOUSEHOLD_PAYER', details: who(household.payer_other) });

  const [staff] = await queryRows<{
    referee_staff: string | null;
    referrer_staff: string | null;
    referrer_staff_name: string | null;
    attributor_is_referrer: boolean;
  }>(
    ctx.tx,
    sql`select
          (select s.id from staff_users s, customers c where c.id = ${re}::uuid and s.phone is not null
            and ${NATIONAL('s.phone')} = ${NATIONAL('c.phone')} limit 1) as referee_staff,
          (select s.id from staff_users s, customers c where c.id = ${rr}::uuid and s.phone is not null
            and ${NATIONAL('s.phone')} = ${NATIONAL('c.phone')} limit 1) as referrer_staff,
          (select s.name from staff_users s, customers c where c.id = ${rr}::uuid and s.phone is not null
            and ${NATIONAL('s.phone')} = ${NATIONAL('c.phone')} limit 1) as referrer_staff_name,
          coalesce((select ${NATIONAL('s.phone')} = ${NATIONAL('c.phone')} from staff_users s, customers c
            where s.id = ${input.attributedBy ?? null}::uuid and c.id = ${rr}::uuid
            and s.phone is not null), false) as attributor_is_referrer`,
  );
  if (staff?.referee_staff)
    flags.push({ code: 'STAFF_SELF', details: { staffId: staff.referee_staff, side: 'referee' } });
  else if (staff?.attributor_is_referrer)
    flags.push({ code: 'STAFF_SELF', details: { staffId: input.attributedBy, side: 'counter' } });
  if (staff?.referrer_staff) {
    const [rel] = await queryRows<{ surname: boolean; household: boolean; car: boolean }>(
      ctx.tx,
      sql`select
            coalesce(left(btrim(e.name), 1) = left(btrim(${staff.referrer_staff_name}), 1)
              and left(btrim(e.name), 1) ~ '[\u4e00-\u9fff]', false) as surname,
            exists (select 1 from referral_households a, referral_households b
              where a.holder_id = ${rr}::uuid and b.holder_id = e.id
              and (a.address_key = b.address_key or a.payer_key = b.payer_key)) as household,
            exists (select 1 from vehicles v join vehicle_ownerships o on o.vehicle_id = v.id
              where v.customer_id = e.id and o.customer_id = ${rr}::uuid) as car
          from customers e where e.id = ${re}::uuid`,
    );
    if (rel && (rel.surname || rel.household || rel.car))
      flags.push({
        code: 'STAFF_RELATIVE',
        details: {
          staffId: staff.referrer_staff,
          reason: rel.surname ? 'surname' : rel.household ? 'household' : 'car',
        },
      });
  }

  const [counts] = await queryRows<{ day: number | string; month: number | string }>(
    ctx.tx,
    sql`select
          count(*) filter (where f.created_at > ${at}::timestamptz - interval '1 day') as day,
          count(*) filter (where date_trunc('month', f.created_at at time zone t.timezone)
            = date_trunc('month', ${at}::timestamptz at time zone t.timezone)) as month
        from referrals f, tenants t
        where t.tenant_id = f.tenant_id and f.referrer_id = ${rr}::uuid and f.id <> ${self}::uuid
          and f.status <> 'rejected' and f.created_at <= ${at}::timestamptz`,
  );
  const day = Number(counts?.day ?? 0);
  const month = Number(counts?.month ?? 0);
  if (day >= input.settings.velocityMaxPerDay)
    flags.push({
      code: 'VELOCITY',
      details: { last24h: day, max: input.settings.velocityMaxPerDay },
    });
  if (month >= input.settings.monthlyCapPerReferrer)
    flags.push({
      code: 'MONTHLY_CAP',
      details: { thisMonth: month, cap: input.settings.monthlyCapPerReferrer },
    });
  return flags;
}

/** Flags of `next` not already in `prev` (by code), appended. */
export function mergeFlags(prev: Flag[], next: Flag[]): { flags: Flag[]; added: Flag[] } {
  const have = new Set(prev.map((f) => f.code));
  const added = next.filter((f) => !have.has(f.code));
  return { flags: [...prev, ...added], added };
}
