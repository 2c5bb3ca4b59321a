// What planning reads for a batch of claimed intents, a statement per kind for every tenant at
// once: the tenants' messaging settings (a signing key made where marketing needs one), the
// customers, their consents in force, erased addresses and the tenants' own template texts.
import type { MessageAttachment } from '../../channels/port.ts';
import { sql } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import type { Db } from '../../db/database.ts';
import { queryRows } from './delivery-rows.ts';
import { erasedAddresses } from './erased.ts';

export interface IntentRow {
  tenant_id: string;
  id: string;
  customer_id: string | null;
  to_channel: string | null;
  to_address: string | null;
  template_key: string;
  data: Record<string, unknown>;
  purpose: 'auth' | 'transactional' | 'service' | 'marketing';
  priority: 'transactional' | 'marketing';
  channels: string[] | null;
  attachments?: MessageAttachment[] | null;
}

export interface TenantRow {
  tenant_id: string;
  name: string;
  timezone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  marketing_per_day: number | null;
  marketing_per_week: number | null;
  fallback_minutes: number | null;
  signing_key: string | null;
}

export interface CustomerRow {
  tenant_id: string;
  id: string;
  name: string | null;
  phone: string;
  email: string | null;
  language: string;
  timezone: string | null;
  preferred_channel: string | null;
  /** Erased on request (PIPL): nothing is ever sent to them again, whatever the purpose. */
  erased: boolean;
}

interface OverrideRow {
  tenant_id: string;
  key: string;
  channel: string;
  language: string;
  subject: string | null;
  body: string;
}

export interface PlanContext {
  tenantIds: string[];
  tenants: Map<string, TenantRow>;
  /** By `tenant:customer`. */
  customers: Map<string, CustomerRow>;
  /** `tenant:customer:channel:purpose` of the consents granted. */
  consents: Set<string>;
  /** `tenant:address` of addresses that belong to erased customers. */
  erased: Set<string>;
  /** By `tenant:key:channel:language`. */
  overrides: Map<string, OverrideRow>;
}

export async function loadPlanContext(tx: Db, intents: IntentRow[]): Promise<PlanContext> {
  const tenantIds = [...new Set(intents.map((i) => i.tenant_id))];
  const customerIds = [...new Set(intents.flatMap((i) => (i.customer_id ? [i.customer_id] : [])))];
  const tenants = await loadTenants(tx, tenantIds, intents);
  const customers = await loadCustomers(tx, tenantIds, customerIds);
  const consents = await loadConsents(tx, tenantIds, customerIds);
  // Messages to an address (no customer) whose phone belongs to an erased customer — and to
  // no live customer since — are never sent either.
  const erased = await erasedAddresses(
    tx,
    intents
      .filter((i) => !i.customer_id && i.to_address)
      .map((i) => ({ tenantId: i.tenant_id, address: i.to_address! })),
    queryRows,
  );
  const overrides = await loadOverrides(tx, tenantIds, intents);
  return { tenantIds, tenants, customers, consents, erased, overrides };
}

async function loadTenants(tx: Db, tenantIds: string[], intents: IntentRow[]) {
  const tenants = new Map(
    (
      await queryRows<TenantRow>(
        tx,
        sql`select t.tenant_id, t.name, t.timezone, s.quiet_start, s.quiet_end, s.marketing_per_day,
                   s.marketing_per_week, s.fallback_minutes, s.signing_key
            from tenants t left join messaging_settings s on s.tenant_id = t.tenant_id
            where t.tenant_id = any(${pgArray(tenantIds)}::uuid[])`,
      )
    ).map((t) => [t.tenant_id, t]),
  );
  // Marketing needs a signing key for its unsubscribe links: create the settings row once.
  const missingKey = tenantIds.filter(
    (t) =>
      !tenants.get(t)?.signing_key &&
      intents.some((i) => i.tenant_id === t && i.purpose === 'marketing'),
  );
  if (missingKey.length) {
    const rows = await queryRows<{ tenant_id: string; signing_key: string }>(
      tx,
      sql`insert into messaging_settings (tenant_id) select unnest(${pgArray(missingKey)}::uuid[])
          on conflict (tenant_id) do update set tenant_id = excluded.tenant_id
          returning tenant_id, signing_key`,
    );
    for (const r of rows) {
      const t = tenants.get(r.tenant_id);
      if (t) t.signing_key = r.signing_key;
    }
  }
  return tenants;
}

async function loadCustomers(tx: Db, tenantIds: string[], customerIds: string[]) {
  if (!customerIds.length) return new Map<string, CustomerRow>();
  const rows = await queryRows<CustomerRow>(
    tx,
    sql`select c.tenant_id, c.id, c.name, c.phone, to_jsonb(c) ->> 'email' as email, c.language, c.timezone, c.preferred_channel,
               c.erased_at is not null as erased
        from customers c where c.tenant_id = any(${pgArray(tenantIds)}::uuid[]) and c.id = any(${pgArray(customerIds)}::uuid[])`,
  );
  return new Map(rows.map((c) => [`${c.tenant_id}:${c.id}`, c]));
}

async function loadConsents(tx: Db, tenantIds: string[], customerIds: string[]) {
  if (!customerIds.length) return new Set<string>();
  const rows = await queryRows<{
    tenant_id: string;
    customer_id: string;
    channel: string;
    purpose: string;
    granted: boolean;
  }>(
    tx,
    sql`select distinct on (tenant_id, customer_id, channel, purpose) tenant_id, customer_id, channel, purpose, granted
        from customer_consents
        where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and customer_id = any(${pgArray(customerIds)}::uuid[])
        order by tenant_id, customer_id, channel, purpose, recorded_at desc, id desc`,
  );
  return new Set(
    rows
      .filter((r) => r.granted)
      .map((r) => `${r.tenant_id}:${r.customer_id}:${r.channel}:${r.purpose}`),
  );
}

async function loadOverrides(tx: Db, tenantIds: string[], intents: IntentRow[]) {
  const keys = [...new Set(intents.map((i) => i.template_key))];
  const rows = await queryRows<OverrideRow>(
    tx,
    sql`select tenant_id, key, channel, language, subject, body from message_templates
        where tenant_id = any(${pgArray(tenantIds)}::uuid[]) and key = any(${pgArray(keys)}::text[])`,
  );
  return new Map(rows.map((o) => [`${o.tenant_id}:${o.key}:${o.channel}:${o.language}`, o]));
}
