// The search baseline: the application's first page of customer search (customers, last visit,
// their cars) written by hand as one SQL statement with the same conditions as
// customers.service.ts `searchCondition`, run straight through `pg` as the owner (no row-level
// security, so each branch can use its index directly).
import type { SearchPlan } from '../../apps/server/src/modules/customers/search.ts';
import { likeEscape, namePair } from '../../apps/server/src/modules/customers/search.ts';

export interface Statement {
  text: string;
  values: unknown[];
}

export function baselineSearch(tenantId: string, plan: SearchPlan, limit: number): Statement {
  const values: unknown[] = [tenantId];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  // The application's rules (customers.service.ts): name, plate and VIN parts need three
  // characters to be looked up by trigram; a name part of two caseless characters is looked up
  // among the names' character pairs; a shorter one is tested unless the query reads as
  // initials; a shorter plate or VIN part matches nothing. Each branch finds customer ids
  // through an index of its own where it can.
  const long = (s: string | null): s is string => !!s && Array.from(s).length >= 3;
  const pair = namePair(plan);
  const branches: string[] = [];
  if (plan.phoneDigits)
    branches.push(
      `select id from customers where tenant_id = $1 and phone_digits like ${param(`%${likeEscape(plan.phoneDigits)}%`)}`,
    );
  if (pair)
    branches.push(
      `select id from customers where tenant_id = $1 and liuke_name_pairs(name) @> array[${param(pair)}::text]`,
    );
  else if (plan.name && (long(plan.name) || !plan.initials))
    branches.push(
      `select id from customers where tenant_id = $1 and name ilike ${param(`%${likeEscape(plan.name)}%`)}`,
    );
  if (plan.initials)
    branches.push(
      `select id from customers where tenant_id = $1 and name_initials like ${param(`${likeEscape(plan.initials)}%`)}`,
    );
  if (long(plan.plateOrVin)) {
    const pat = param(`%${likeEscape(plan.plateOrVin)}%`);
    branches.push(
      `select customer_id from vehicles where tenant_id = $1 and plate like ${pat}`,
      `select customer_id from vehicles where tenant_id = $1 and vin like ${pat}`,
    );
  }
  const text = `
    select p.*, coalesce((
      select json_agg(json_build_object('id', v.id, 'plate', v.plate, 'make', v.make, 'model', v.model)
                      order by v.created_at desc)
      from vehicles v where v.tenant_id = $1 and v.customer_id = p.id), '[]') as vehicles
    from (
      select c.id, c.member_no, c.name, c.phone, c.gender, c.tags, c.source, c.home_store_id,
             c.created_at,
             (select max(o.opened_at) from service_orders o
               where o.tenant_id = c.tenant_id and o.customer_id = c.id and o.status <> 'cancelled')
               as last_visit_at
      from customers c
      where c.tenant_id = $1 and c.merged_into_id is null
        and c.id in (${branches.length ? branches.join(' union ') : 'select null::uuid where false'})
      order by c.created_at desc, c.id desc
      limit ${param(limit + 1)}
    ) p
    order by p.created_at desc, p.id desc`;
  return { text, values };
}
