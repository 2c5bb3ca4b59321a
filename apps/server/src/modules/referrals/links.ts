// Who among some customers is "the same people" as one customer, by the facts the fraud rules use
// (flags.ts): the same phone digits, a car both owned (now or before) or had serviced, the same
// plate on two records, the same household address or payer reference. Other modules' group
// offers (deals) use it so one family cannot count as several people.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';

export type LinkCode = 'PHONE' | 'CAR' | 'PLATE' | 'HOUSEHOLD_ADDRESS' | 'HOUSEHOLD_PAYER';
export interface CustomerLink {
  code: LinkCode;
  customerId: string;
}

/** The links of `customerId` to each of `among` (a customer may appear under several codes). */
export async function linkedCustomers(
  ctx: Ctx,
  customerId: string,
  among: readonly string[],
): Promise<CustomerLink[]> {
  const others = among.filter((id) => id !== customerId);
  if (!others.length) return [];
  const ids = sql.join(
    others.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string;
    phone: boolean;
    car: boolean;
    plate: boolean;
    address: boolean;
    payer: boolean;
  }>(
    ctx.tx,
    sql`with mine as (
          select v.id, v.plate from vehicles v where v.customer_id = ${customerId}::uuid
          union select v.id, v.plate from vehicle_ownerships o join vehicles v on v.id = o.vehicle_id
            where o.customer_id = ${customerId}::uuid
          union select v.id, v.plate from service_orders so join vehicles v on v.id = so.vehicle_id
            where so.customer_id = ${customerId}::uuid),
        theirs as (
          select v.customer_id as owner, v.id, v.plate from vehicles v where v.customer_id in (${ids})
          union select o.customer_id, v.id, v.plate from vehicle_ownerships o
            join vehicles v on v.id = o.vehicle_id where o.customer_id in (${ids})
          union select so.customer_id, v.id, v.plate from service_orders so
            join vehicles v on v.id = so.vehicle_id where so.customer_id in (${ids}))
        select o.id,
          o.phone_digits = c.phone_digits as phone,
          exists (select 1 from theirs t join mine m on m.id = t.id where t.owner = o.id) as car,
          exists (select 1 from theirs t join mine m on m.plate = t.plate and m.id <> t.id
            where t.owner = o.id) as plate,
          exists (select 1 from referral_households a, referral_households b
            where a.holder_id = c.id and b.holder_id = o.id and a.address_key = b.address_key) as address,
          exists (select 1 from referral_households a, referral_households b
            where a.holder_id = c.id and b.holder_id = o.id and a.payer_key = b.payer_key) as payer
        from customers c, customers o
        where c.id = ${customerId}::uuid and o.id in (${ids})`,
  );
  const links: CustomerLink[] = [];
  for (const r of rows) {
    if (r.phone) links.push({ code: 'PHONE', customerId: r.id });
    if (r.car) links.push({ code: 'CAR', customerId: r.id });
    if (r.plate) links.push({ code: 'PLATE', customerId: r.id });
    if (r.address) links.push({ code: 'HOUSEHOLD_ADDRESS', customerId: r.id });
    if (r.payer) links.push({ code: 'HOUSEHOLD_PAYER', customerId: r.id });
  }
  return links;
}
