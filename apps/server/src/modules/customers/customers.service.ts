import { and, desc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { actorRole } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { newestFirst, takePage } from '../../kernel/paging.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { maskPhone, normalizePhone, phoneDigits } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import { customers } from './customers.tables.ts';
import type { CustomerInput } from './customers.schemas.ts';
import { likeEscape, nameInitials, namePair, planSearch } from './search.ts';
import { currentConsents, recordConsents } from './consents.ts';

const CONSTRAINTS = {
  customers_tenant_phone_key: { code: 'CUSTOMER_PHONE_TAKEN', field: 'phone' },
} as const;

const memberNo = (n: number) => `LK${String(n).padStart(8, '0')}`;

/** Technicians and partners see masked phone numbers (personal data they do not need). */
export const phoneForViewer = (ctx: Ctx, phone: string) => {
  const role = actorRole(ctx.actor);
  return role === 'technician' || role === 'partner' ? maskPhone(phone) : phone;
};

function phoneOrThrow(raw: string): string {
  const p = normalizePhone(raw);
  if (!p.ok) throw new AppError('PHONE_INVALID', { field: 'phone' });
  return p.e164;
}

/**
 * A customer's last visit as a correlated SQL expression over "customers" (the service module
 * keeps visits; the customer view passes its expression in). Without it the field is null.
 */
export interface LastVisit {
  lastVisit?: SQL<Date | null>;
}
const noVisit = sql<Date | null>`null::timestamptz`;

/** A pattern needs this many characters to have a trigram, which the indexes look up. */
const TRIGRAM_CHARS = 3;

/**
 * The one search box. What an index can find — 4+ phone digits, 3+ characters of a name, plate
 * or VIN, the start of the pinyin initials — is looked up by `liuke_customer_search`
 * (db/security.ts): under row-level security PostgreSQL uses no index for LIKE, and an OR of
 * these conditions read every customer and car of the tenant (seconds on a tenant of 200,000
 * customers; BENCHMARKS.md). A name part of two characters without case ("张伟") has no trigram
 * and is found among the names' character pairs (index `customers_name_pairs`); a single one
 * ("芳") is tested row by row, newest first, which a common character fills fast. One or two letters are read as initials only (a Latin
 * name's initials are the name itself), and a plate or VIN fragment needs three characters:
 * shorter ones match a large share of all cars.
 */
function searchCondition(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const plan = planSearch(q);
  if (!plan) return sql`false`;
  const long = (s: string | null): s is string => !!s && Array.from(s).length >= TRIGRAM_CHARS;
  const contains = (s: string) => `%${likeEscape(s)}%`;
  const byIndex = {
    phone: plan.phoneDigits ? contains(plan.phoneDigits) : null,
    name: long(plan.name) ? contains(plan.name) : null,
    initials: plan.initials ? `${likeEscape(plan.initials)}%` : null,
    car: long(plan.plateOrVin) ? contains(plan.plateOrVin) : null,
    pair: namePair(plan),
  };
  const parts: SQL[] = [];
  if (Object.values(byIndex).some((v) => v !== null))
    parts.push(
      sql`${customers.id} in (select liuke_customer_search(${byIndex.phone}, ${byIndex.name}, ${byIndex.initials}, ${byIndex.car}, ${byIndex.pair}))`,
    );
  if (plan.name && !byIndex.name && !byIndex.pair && !plan.initials) {
    // Chinese characters have no case: LIKE is the same test, and cheaper per row.
    const caseless = plan.name.toLowerCase() === plan.name.toUpperCase();
    parts.push((caseless ? like : ilike)(customers.name, contains(plan.name)));
  }
  return parts.length ? or(...parts) : sql`false`;
}

export async function listCustomers(
  ctx: Ctx,
  input: {
    q?: string | undefined;
    storeId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
  opts: LastVisit = {},
) {
  const keyset = newestFirst('customers', 'created_at', input.cursor);
  // The page's ids first, from the columns of customers_page_idx alone (an index-only scan when
  // a search matches many customers), then the rows of those ids.
  const pageIds = ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        isNull(customers.mergedIntoId),
        searchCondition(input.q),
        input.storeId ? eq(customers.homeStoreId, input.storeId) : undefined,
        keyset.after,
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(input.limit + 1);
  const rows = await ctx.tx
    .select({
      c: customers,
      lastVisitAt: opts.lastVisit ?? noVisit,
      sortKey: keyset.sortKey,
    })
    .from(customers)
    .where(inArray(customers.id, pageIds))
    .orderBy(desc(customers.createdAt), desc(customers.id));
  const { pageRows, nextCursor } = takePage(rows, input.limit, (r) => [r.sortKey, r.c.id]);
  const items = pageRows.map(({ c, lastVisitAt }) => summary(ctx, c, lastVisitAt));
  return { items, nextCursor };
}

function summary(ctx: Ctx, c: typeof customers.$inferSelect, lastVisitAt: Date | string | null) {
  return {
    id: c.id,
    memberNo: memberNo(c.memberNo),
    name: c.name,
    // An erased record keeps only a placeholder where the phone was.
    phone: c.erasedAt ? '' : phoneForViewer(ctx, c.phone),
    gender: c.gender,
    tags: c.tags,
    source: c.source,
    homeStoreId: c.homeStoreId,
    lastVisitAt: lastVisitAt ? new Date(lastVisitAt).toISOString() : null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** A customer's record (their cars and visits are added by the customer view). */
export async function getCustomer(ctx: Ctx, id: string, opts: LastVisit = {}) {
  const [row] = await ctx.tx
    .select({ c: customers, lastVisitAt: opts.lastVisit ?? noVisit })
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.mergedIntoId)));
  if (!row) throw new AppError('NOT_FOUND');
  const { c } = row;
  return {
    ...summary(ctx, c, row.lastVisitAt),
    birthday: c.birthday,
    notes: c.notes,
    email: c.email,
    address: c.address,
    preferredChannel: c.preferredChannel,
    language: c.language,
    personalisedMarketing: !c.personalisedMarketingOff,
    erasedAt: c.erasedAt?.toISOString() ?? null,
    timezone: c.timezone,
    externalId: c.externalId,
    consents: await currentConsents(ctx, id),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function createCustomer(ctx: Ctx, input: CustomerInput) {
  const phone = phoneOrThrow(input.phone);
  const id = newId();
  const now = ctx.clock.now();
  try {
    await ctx.tx.insert(customers).values({
      tenantId: ctx.tenantId,
      id,
      name: input.name,
      phone,
      phoneDigits: phoneDigits(phone),
      nameInitials: nameInitials(input.name),
      gender: input.gender ?? 'unknown',
      birthday: input.birthday ?? null,
      tags: input.tags ?? [],
      source: input.source ?? 'walk_in',
      homeStoreId: input.homeStoreId ?? null,
      notes: input.notes ?? null,
      email: input.email ?? null,
      address: input.address ?? null,
      preferredChannel: input.preferredChannel ?? null,
      language: input.language ?? 'zh-CN',
      timezone: input.timezone ?? null,
      externalId: input.externalId ?? null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  await recordAudit(ctx, {
    action: 'customer.created',
    entityType: 'customer',
    entityId: id,
    changes: { ...input, phone },
  });
  if (input.consents?.length) await recordConsents(ctx, id, input.consents, 'staff');
  await emitEvent(ctx, {
    type: 'customer.created',
    aggregateId: id,
    payload: { customerId: id, source: input.source ?? 'walk_in' },
  });
  return getCustomer(ctx, id);
}

export async function updateCustomer(ctx: Ctx, id: string, input: Partial<CustomerInput>) {
  const { consents, ...fields } = input;
  const patch: Partial<typeof customers.$inferInsert> = {};
  for (const [k, v] of Object.entries(fields))
    if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (input.phone !== undefined) {
    patch.phone = phoneOrThrow(input.phone);
    patch.phoneDigits = phoneDigits(patch.phone);
  }
  if (input.name !== undefined) patch.nameInitials = nameInitials(input.name);
  // The values before, for the audit log (locked: the entry must describe this very change).
  const [current] = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.mergedIntoId), isNull(customers.erasedAt)))
    .for('update');
  if (!current) throw new AppError('NOT_FOUND');
  const before: Record<string, unknown> = {};
  for (const k of Object.keys(fields))
    if (k in current) before[k] = current[k as keyof typeof current];
  let updated: { id: string }[] = [];
  try {
    updated = await ctx.tx
      .update(customers)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(and(eq(customers.id, id), isNull(customers.mergedIntoId), isNull(customers.erasedAt)))
      .returning({ id: customers.id });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  if (!updated.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'customer.updated',
    entityType: 'customer',
    entityId: id,
    changes: { before, after: fields },
  });
  if (consents?.length) await recordConsents(ctx, id, consents, 'staff');
  return getCustomer(ctx, id);
}

/**
 * "Show number": the full phone for a role that normally sees it masked (a technician calling
 * the owner about the car). Every such viewing is itself written to the audit log.
 */
export async function revealPhone(ctx: Ctx, id: string) {
  const [c] = await ctx.tx
    .select({ phone: customers.phone, erasedAt: customers.erasedAt })
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.mergedIntoId)));
  if (!c || c.erasedAt) throw new AppError('NOT_FOUND');
  const role = actorRole(ctx.actor);
  await recordAudit(ctx, {
    action: 'customer.phoneRevealed',
    entityType: 'customer',
    entityId: id,
    changes: { role, maskedForRole: phoneForViewer(ctx, c.phone) !== c.phone },
  });
  return { phone: c.phone };
}

/** Used by the car owner's sign-in: an unknown phone becomes a new customer. */
export async function findOrCreateCustomerByPhone(
  ctx: Ctx,
  input: { phone: string; source: CustomerInput['source'] },
): Promise<{ id: string }> {
  const phone = phoneOrThrow(input.phone);
  const byPhone = () =>
    ctx.tx
      .select({ id: customers.id, mergedIntoId: customers.mergedIntoId })
      .from(customers)
      .where(eq(customers.phone, phone));
  // A merged record's phone signs its owner in as the record it was merged into.
  const follow = (row: { id: string; mergedIntoId: string | null }) => ({
    id: row.mergedIntoId ?? row.id,
  });
  const [existing] = await byPhone();
  if (existing) return follow(existing);
  const id = newId();
  const now = ctx.clock.now();
  await ctx.tx
    .insert(customers)
    .values({
      tenantId: ctx.tenantId,
      id,
      name: null,
      phone,
      phoneDigits: phoneDigits(phone),
      source: input.source ?? 'app',
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
  const [row] = await byPhone();
  // Staff acting for the customer (a partner issuing a coupon to a phone) create the record
  // themselves and give no consent on the customer's behalf.
  const byStaff = ctx.actor.type === 'staff';
  if (row!.id === id && byStaff) {
    await recordAudit(ctx, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: id,
      changes: { phone, source: input.source },
    });
    await emitEvent(ctx, {
      type: 'customer.created',
      aggregateId: id,
      payload: { customerId: id, source: input.source ?? 'app' },
    });
  } else if (row!.id === id) {
    const self = { ...ctx, actor: { type: 'customer' as const, id, sessionId: null } };
    await recordAudit(self, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: id,
      changes: { phone, source: input.source },
    });
    // Signing up in the app is consent to service messages in the app and by SMS.
    await recordConsents(
      self,
      id,
      [
        { channel: 'inapp', purpose: 'service', granted: true },
        { channel: 'sms', purpose: 'service', granted: true },
      ],
      'app',
    );
    await emitEvent(self, {
      type: 'customer.created',
      aggregateId: id,
      payload: { customerId: id, source: input.source ?? 'app' },
    });
  }
  return follow(row!);
}

/** What the member card shows about the customer. */
export async function getCustomerCard(ctx: Ctx, id: string) {
  const [c] = await ctx.tx.select().from(customers).where(eq(customers.id, id));
  if (!c || c.erasedAt) throw new AppError('AUTH_REQUIRED');
  return {
    id: c.id,
    name: c.name,
    phone: c.phone,
    memberNo: memberNo(c.memberNo),
    memberSince: c.createdAt.toISOString(),
  };
}
