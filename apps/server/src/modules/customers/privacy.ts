// A customer's rights over their own record (PIPL): what the record holds, correcting it,
// objecting to personalised marketing, and anonymising it on erasure. The privacy module calls
// these; each other module anonymises its own rows.
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { erasedPhoneHash } from '../../kernel/phone.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { consentHistory, currentConsents, recordConsents, type ConsentMethod } from './consents.ts';
import { customers, erasedPhones, personalisationConsents, CHANNELS } from './customers.tables.ts';
import { nameInitials } from './search.ts';

async function liveCustomer(ctx: Ctx, id: string) {
  const [c] = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.id, id), isNull(customers.mergedIntoId), isNull(customers.erasedAt)));
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

/** The record's own fields, its consents with their history and the personalisation history. */
export async function customerProfileData(ctx: Ctx, id: string) {
  const c = await liveCustomer(ctx, id);
  return {
    profile: {
      memberNo: c.memberNo,
      name: c.name,
      phone: c.phone,
      email: c.email,
      address: c.address,
      gender: c.gender,
      birthday: c.birthday,
      language: c.language,
      timezone: c.timezone,
      preferredChannel: c.preferredChannel,
      source: c.source,
      tags: c.tags,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    },
    consents: {
      current: await currentConsents(ctx, id),
      history: await consentHistory(ctx, id),
    },
    personalisation: {
      personalisedMarketing: !c.personalisedMarketingOff,
      history: await personalisationHistory(ctx, id),
    },
  };
}

export interface ProfileCorrection {
  name?: string | null | undefined;
  email?: string | null | undefined;
  address?: string | null | undefined;
  birthday?: string | null | undefined;
  gender?: 'male' | 'female' | 'unknown' | undefined;
}

/** The owner corrects their own record; the audit entry keeps the values before and after. */
export async function correctProfile(ctx: Ctx, id: string, input: ProfileCorrection) {
  const c = await liveCustomer(ctx, id);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const patch: Partial<typeof customers.$inferInsert> = {};
  for (const key of ['name', 'email', 'address', 'birthday', 'gender'] as const) {
    const v = input[key];
    if (v === undefined || v === c[key]) continue;
    before[key] = c[key];
    after[key] = v;
    (patch as Record<string, unknown>)[key] = v;
  }
  if (!Object.keys(patch).length) return { changed: [] as string[] };
  if ('name' in patch) patch.nameInitials = nameInitials(patch.name ?? undefined);
  await ctx.tx
    .update(customers)
    .set({ ...patch, updatedAt: ctx.clock.now() })
    .where(eq(customers.id, id));
  await recordAudit(ctx, {
    action: 'customer.corrected',
    entityType: 'customer',
    entityId: id,
    changes: { before, after },
  });
  return { changed: Object.keys(after) };
}

export async function personalisationHistory(ctx: Ctx, id: string) {
  const rows = await ctx.tx
    .select()
    .from(personalisationConsents)
    .where(eq(personalisationConsents.customerId, id))
    .orderBy(desc(personalisationConsents.recordedAt), desc(personalisationConsents.id));
  return rows.map((r) => ({
    granted: r.granted,
    method: r.method,
    recordedAt: r.recordedAt.toISOString(),
    recordedBy: r.recordedBy,
  }));
}

/** Switches personalised marketing on or off (a no-op when already so); history kept. */
export async function setPersonalisedMarketing(
  ctx: Ctx,
  id: string,
  granted: boolean,
  method: ConsentMethod,
) {
  const c = await liveCustomer(ctx, id);
  if (c.personalisedMarketingOff === !granted) return { personalisedMarketing: granted };
  const now = ctx.clock.now();
  await ctx.tx.insert(personalisationConsents).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId: id,
    granted,
    method,
    recordedAt: now,
    recordedBy: ctx.actor.id,
  });
  await ctx.tx
    .update(customers)
    .set({ personalisedMarketingOff: !granted, updatedAt: now })
    .where(eq(customers.id, id));
  await recordAudit(ctx, {
    action: 'customer.personalisationChanged',
    entityType: 'customer',
    entityId: id,
    changes: {
      before: { personalisedMarketing: !granted },
      after: { personalisedMarketing: granted },
      method,
    },
  });
  return { personalisedMarketing: granted };
}

/**
 * Anonymises the record: name, phone, e-mail, address, birthday, notes, tags and ids from other
 * systems are removed, every consent is withdrawn (the history stays as proof of what was
 * given), and the phone goes on the suppression list. The row itself stays: orders, ledger
 * accounts and statistics keep pointing at it, so amounts and balances are unchanged.
 */
export async function anonymiseCustomer(ctx: Ctx, id: string) {
  const c = await liveCustomer(ctx, id);
  const now = ctx.clock.now();
  await recordConsents(
    ctx,
    id,
    CHANNELS.flatMap((channel) =>
      (['service', 'marketing'] as const).map((purpose) => ({ channel, purpose, granted: false })),
    ),
    'staff',
  );
  await ctx.tx
    .insert(erasedPhones)
    .values({
      tenantId: ctx.tenantId,
      phoneHash: erasedPhoneHash(ctx.tenantId, c.phone),
      erasedAt: now,
    })
    .onConflictDoNothing();
  await ctx.tx
    .update(customers)
    .set({
      name: null,
      // Unique per tenant and never a dialable number.
      phone: `erased:${id}`,
      phoneDigits: '',
      nameInitials: '',
      email: null,
      address: null,
      birthday: null,
      gender: 'unknown',
      notes: null,
      tags: [],
      externalId: null,
      preferredChannel: null,
      timezone: null,
      personalisedMarketingOff: true,
      erasedAt: now,
      updatedAt: now,
    })
    .where(eq(customers.id, id));
  return { phone: c.phone, email: c.email };
}

/** Whether a phone belongs to an erased record and to no live customer (sign-in is refused). */
export async function isErasedPhone(ctx: Ctx, phone: string): Promise<boolean> {
  const [hit] = await ctx.tx
    .select({ h: erasedPhones.phoneHash })
    .from(erasedPhones)
    .where(eq(erasedPhones.phoneHash, erasedPhoneHash(ctx.tenantId, phone)));
  if (!hit) return false;
  const [live] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.phone, phone), isNull(customers.erasedAt)));
  return !live;
}

/** Whether the customer (any record id) has been erased. */
export async function isErased(ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await ctx.tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.id, id), isNotNull(customers.erasedAt)));
  return !!row;
}
