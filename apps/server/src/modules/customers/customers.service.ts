import { and, desc, eq, ilike, like, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { actorRole } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { mapConstraintError } from '../../kernel/pg-errors.ts';
import { maskPhone, normalizePhone, phoneDigits } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { serviceOrders } from '../service/index.ts';
import { listVehiclesOfCustomers, vehicles } from '../vehicles/index.ts';
import { customers } from './customers.tables.ts';
import type { CustomerInput } from './customers.schemas.ts';
import { likeEscape, nameInitials, planSearch } from './search.ts';

const CONSTRAINTS = {
  customers_tenant_phone_key: { code: 'CUSTOMER_PHONE_TAKEN', field: 'phone' },
} as const;

const memberNo = (n: number) => `LK${String(n).padStart(8, '0')}`;

/** Technicians and partners see masked phone numbers (personal data they do not need). */
const showPhone = (ctx: Ctx, phone: string) => {
  const role = actorRole(ctx.actor);
  return role === 'technician' || role === 'partner' ? maskPhone(phone) : phone;
};

function phoneOrThrow(raw: string): string {
  const p = normalizePhone(raw);
  if (!p.ok) throw new AppError('PHONE_INVALID', { field: 'phone' });
  return p.e164;
}

// Columns are qualified by hand: Drizzle leaves them bare in a single-table select list.
const lastVisit = sql<Date | null>`(select max(o.opened_at) from ${serviceOrders} o
  where o.tenant_id = "customers"."tenant_id" and o.customer_id = "customers"."id" and o.status <> 'cancelled')`;

function searchCondition(q: string | undefined): SQL | undefined {
  const plan = q ? planSearch(q) : null;
  if (!q) return undefined;
  if (!plan) return sql`false`;
  const parts: SQL[] = [];
  if (plan.phoneDigits)
    parts.push(like(customers.phoneDigits, `%${likeEscape(plan.phoneDigits)}%`));
  if (plan.name) parts.push(ilike(customers.name, `%${likeEscape(plan.name)}%`));
  if (plan.initials) parts.push(like(customers.nameInitials, `${likeEscape(plan.initials)}%`));
  if (plan.plateOrVin) {
    const pat = `%${likeEscape(plan.plateOrVin)}%`;
    parts.push(
      sql`exists (select 1 from ${vehicles} v where v.tenant_id = ${customers.tenantId} and v.customer_id = ${customers.id}
        and (v.plate like ${pat} or v.vin like ${pat}))`,
    );
  }
  return or(...parts);
}

export async function listCustomers(
  ctx: Ctx,
  input: {
    q?: string | undefined;
    storeId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(input.cursor, 2);
  const rows = await ctx.tx
    .select({
      c: customers,
      lastVisitAt: lastVisit,
      sortKey: sql<string>`"customers"."created_at"::text`,
    })
    .from(customers)
    .where(
      and(
        searchCondition(input.q),
        input.storeId ? eq(customers.homeStoreId, input.storeId) : undefined,
        // The cursor keeps the database's full (microsecond) precision, which a JS Date would lose.
        after
          ? sql`("customers"."created_at", "customers"."id") < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(customers.createdAt), desc(customers.id))
    .limit(input.limit + 1);
  const pageRows = rows.slice(0, input.limit);
  const cars = await listVehiclesOfCustomers(
    ctx,
    pageRows.map((r) => r.c.id),
  );
  const items = pageRows.map(({ c, lastVisitAt }) => ({
    ...summary(ctx, c, lastVisitAt),
    vehicles: cars
      .filter((v) => v.customerId === c.id)
      .map((v) => ({ id: v.id, plate: v.plate, make: v.make, model: v.model })),
  }));
  const last = rows.length > input.limit ? pageRows[pageRows.length - 1] : undefined;
  return { items, nextCursor: last ? encodeCursor([last.sortKey, last.c.id]) : null };
}

function summary(ctx: Ctx, c: typeof customers.$inferSelect, lastVisitAt: Date | string | null) {
  return {
    id: c.id,
    memberNo: memberNo(c.memberNo),
    name: c.name,
    phone: showPhone(ctx, c.phone),
    gender: c.gender,
    tags: c.tags,
    source: c.source,
    homeStoreId: c.homeStoreId,
    lastVisitAt: lastVisitAt ? new Date(lastVisitAt).toISOString() : null,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function getCustomer(ctx: Ctx, id: string) {
  const [row] = await ctx.tx
    .select({ c: customers, lastVisitAt: lastVisit })
    .from(customers)
    .where(eq(customers.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  const { c } = row;
  return {
    ...summary(ctx, c, row.lastVisitAt),
    birthday: c.birthday,
    notes: c.notes,
    updatedAt: c.updatedAt.toISOString(),
    vehicles: await listVehiclesOfCustomers(ctx, [id]),
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
  return getCustomer(ctx, id);
}

export async function updateCustomer(ctx: Ctx, id: string, input: Partial<CustomerInput>) {
  const patch: Partial<typeof customers.$inferInsert> = {};
  for (const [k, v] of Object.entries(input))
    if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (input.phone !== undefined) {
    patch.phone = phoneOrThrow(input.phone);
    patch.phoneDigits = phoneDigits(patch.phone);
  }
  if (input.name !== undefined) patch.nameInitials = nameInitials(input.name);
  let updated: { id: string }[] = [];
  try {
    updated = await ctx.tx
      .update(customers)
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where(eq(customers.id, id))
      .returning({ id: customers.id });
  } catch (err) {
    mapConstraintError(err, CONSTRAINTS);
  }
  if (!updated.length) throw new AppError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'customer.updated',
    entityType: 'customer',
    entityId: id,
    changes: input as Record<string, unknown>,
  });
  return getCustomer(ctx, id);
}

/** Used by the car owner's sign-in: an unknown phone becomes a new customer. */
export async function findOrCreateCustomerByPhone(
  ctx: Ctx,
  input: { phone: string; source: CustomerInput['source'] },
) {
  const phone = phoneOrThrow(input.phone);
  const [existing] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.phone, phone));
  if (existing) return existing;
  const id = newId();
  await ctx.tx
    .insert(customers)
    .values({
      tenantId: ctx.tenantId,
      id,
      name: null,
      phone,
      phoneDigits: phoneDigits(phone),
      source: input.source ?? 'app',
      createdAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    })
    .onConflictDoNothing();
  const [row] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.phone, phone));
  if (row!.id === id)
    await recordAudit(
      { ...ctx, actor: { type: 'customer', id, sessionId: null } },
      {
        action: 'customer.created',
        entityType: 'customer',
        entityId: id,
        changes: { phone, source: input.source },
      },
    );
  return row!;
}

/** What the member card shows about the customer. */
export async function getCustomerCard(ctx: Ctx, id: string) {
  const [c] = await ctx.tx.select().from(customers).where(eq(customers.id, id));
  if (!c) throw new AppError('AUTH_REQUIRED');
  return {
    id: c.id,
    name: c.name,
    phone: c.phone,
    memberNo: memberNo(c.memberNo),
    memberSince: c.createdAt.toISOString(),
  };
}
