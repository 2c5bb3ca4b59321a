// Data rights (PIPL arts. 44–47): the customer's copy of their data, correction, erasure, and
// the requests staff answer within the statutory deadline. This module owns only the requests
// and the setting; every section of the copy and every step of an erasure is a function of the
// module that owns those rows.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { emitEvent } from '../../jobs/outbox.ts';
import { forgetRecordedRecipients } from '../../channels/index.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { decodeCursor, encodeCursor } from '../../kernel/paging.ts';
import { maskPhone } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { appointmentsOf, anonymiseAppointments } from '../appointments/index.ts';
import { forgetCustomerEndpoints } from '../channel-settings/index.ts';
import { eventSignupsOf } from '../events/index.ts';
import { anonymiseCallLogs, callLogsOf } from '../call-list/index.ts';
import { anonymiseCoupons, couponsOf } from '../coupons/index.ts';
import {
  anonymiseCustomer,
  correctProfile,
  customerProfileData,
  type ProfileCorrection,
} from '../customers/index.ts';
import { forgetCustomerCredentials } from '../identity/index.ts';
import { anonymiseInbox, inboxDataOf } from '../inbox/index.ts';
import { eraseInterests, interestsDataOf } from '../interests/index.ts';
import { loyaltyStatementOf } from '../loyalty/index.ts';
import { anonymiseCustomerMessages, messagesOf } from '../messaging/index.ts';
import { anonymiseReferrals, referralsOf } from '../referrals/index.ts';
import { anonymiseReminderSends } from '../reminders/index.ts';
import { anonymiseServiceOrders, serviceHistoryOf } from '../service/index.ts';
import { anonymiseInvoiceRequests } from '../receipts/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { anonymiseVehicles, vehicleDataOf } from '../vehicles/index.ts';
import { addWorkingDays, daysUntil, localDate } from './deadline.ts';
import { dataRequests, privacySettings, type DATA_REQUEST_KINDS } from './privacy.tables.ts';

export { mergePolicyConsents, policyConsentsOf, privacyPolicy, signInConsent } from './policy.ts';

export type DataRequestKind = (typeof DATA_REQUEST_KINDS)[number];
export const DEFAULT_DEADLINE_WORKING_DAYS = 15;

// ---- settings ----

export async function loadPrivacySettings(ctx: Ctx) {
  const [row] = await ctx.tx.select().from(privacySettings);
  return { deadlineWorkingDays: row?.deadlineWorkingDays ?? DEFAULT_DEADLINE_WORKING_DAYS };
}

export async function savePrivacySettings(ctx: Ctx, input: { deadlineWorkingDays: number }) {
  const before = await loadPrivacySettings(ctx);
  await ctx.tx
    .insert(privacySettings)
    .values({ tenantId: ctx.tenantId, deadlineWorkingDays: input.deadlineWorkingDays })
    .onConflictDoUpdate({
      target: privacySettings.tenantId,
      set: { deadlineWorkingDays: input.deadlineWorkingDays, updatedAt: ctx.clock.now() },
    });
  await recordAudit(ctx, {
    action: 'privacy.settingsChanged',
    entityType: 'tenant',
    entityId: ctx.tenantId,
    changes: { before, after: input },
  });
  return loadPrivacySettings(ctx);
}

// ---- the customer's copy ----

/** Everything the tenant holds about the customer, section by section, from each owner. */
export async function exportCustomerData(ctx: Ctx, customerId: string) {
  const tenant = await getTenant(ctx);
  const { profile, consents, personalisation } = await customerProfileData(ctx, customerId);
  const { cars, ownerships } = await vehicleDataOf(ctx, customerId);
  const service = await serviceHistoryOf(ctx, customerId);
  const { inbox, conversation } = await inboxDataOf(ctx, customerId);
  return {
    generatedAt: ctx.clock.now().toISOString(),
    controller: { name: tenant.name, code: tenant.slug },
    profile,
    consents,
    personalisation,
    cars,
    carOwnerships: ownerships,
    serviceHistory: service.orders,
    declinedRecommendations: service.declinedRecommendations,
    // Inspections: the product keeps only each car's next inspection date (in `cars`).
    appointments: await appointmentsOf(ctx, customerId),
    calls: await callLogsOf(ctx, customerId),
    loyalty: await loyaltyStatementOf(ctx, customerId),
    coupons: await couponsOf(ctx, customerId),
    messages: { sent: await messagesOf(ctx, customerId), inbox, conversation },
    referrals: await referralsOf(ctx, customerId),
    events: await eventSignupsOf(ctx, customerId),
    interests: await interestsDataOf(ctx, customerId),
    dataRequests: await myDataRequests(ctx, customerId),
  };
}

export type CustomerDataExport = Awaited<ReturnType<typeof exportCustomerData>>;

/** The owner downloads their copy: answered at once, recorded as a completed request. */
export async function downloadMyData(ctx: Ctx, customerId: string) {
  const data = await exportCustomerData(ctx, customerId);
  const now = ctx.clock.now();
  await ctx.tx.insert(dataRequests).values({
    tenantId: ctx.tenantId,
    id: newId(),
    customerId,
    kind: 'export',
    status: 'completed',
    channel: 'app',
    requestedAt: now,
    dueOn: await dueOn(ctx, now),
    handledAt: now,
    resolution: 'self_service',
  });
  await recordAudit(ctx, {
    action: 'customer.dataExported',
    entityType: 'customer',
    entityId: customerId,
  });
  return data;
}

/** The owner corrects their profile in the app: applied at once, recorded as a request. */
export async function correctMyProfile(ctx: Ctx, customerId: string, input: ProfileCorrection) {
  const result = await correctProfile(ctx, customerId, input);
  if (result.changed.length) {
    const now = ctx.clock.now();
    await ctx.tx.insert(dataRequests).values({
      tenantId: ctx.tenantId,
      id: newId(),
      customerId,
      kind: 'correction',
      status: 'completed',
      channel: 'app',
      details: { fields: result.changed },
      requestedAt: now,
      dueOn: await dueOn(ctx, now),
      handledAt: now,
      resolution: 'self_service',
    });
  }
  return result;
}

// ---- requests ----

async function dueOn(ctx: Ctx, at: Date): Promise<string> {
  const tenant = await getTenant(ctx);
  const { deadlineWorkingDays } = await loadPrivacySettings(ctx);
  return addWorkingDays(localDate(at, tenant.timezone), deadlineWorkingDays);
}

export async function createDataRequest(
  ctx: Ctx,
  customerId: string,
  input: { kind: DataRequestKind; message?: string | null | undefined },
  channel: 'app' | 'staff',
) {
  // One open request of a kind at a time: a second tap does not start a second clock.
  const [open] = await ctx.tx
    .select({ id: dataRequests.id })
    .from(dataRequests)
    .where(
      and(
        eq(dataRequests.customerId, customerId),
        eq(dataRequests.kind, input.kind),
        eq(dataRequests.status, 'open'),
      ),
    )
    .for('update');
  if (open) throw new AppError('DATA_REQUEST_ALREADY_OPEN', { field: 'kind' });
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(dataRequests).values({
    tenantId: ctx.tenantId,
    id,
    customerId,
    kind: input.kind,
    status: 'open',
    message: input.message ?? null,
    channel,
    requestedAt: now,
    dueOn: await dueOn(ctx, now),
  });
  await recordAudit(ctx, {
    action: 'dataRequest.created',
    entityType: 'data_request',
    entityId: id,
    changes: { after: { kind: input.kind, customerId, channel } },
  });
  await emitEvent(ctx, {
    type: 'dataRequest.created',
    aggregateId: id,
    payload: { requestId: id, kind: input.kind },
  });
  return getDataRequest(ctx, id);
}

interface RequestRow {
  id: string;
  customer_id: string;
  kind: DataRequestKind;
  status: 'open' | 'completed' | 'rejected';
  message: string | null;
  details: unknown;
  channel: 'app' | 'staff';
  requested_at: Date | string;
  due_on: string;
  handled_at: Date | string | null;
  handled_by: string | null;
  handled_by_name: string | null;
  resolution: string | null;
  customer_name: string | null;
  customer_phone: string;
  member_no: number;
  erased_at: Date | string | null;
}

const toIso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString());

function requestDto(r: RequestRow, today: string) {
  return {
    id: r.id,
    customerId: r.customer_id,
    customer: {
      name: r.customer_name,
      phoneMasked: r.erased_at ? null : maskPhone(r.customer_phone),
      memberNo: `LK${String(r.member_no).padStart(8, '0')}`,
      erased: r.erased_at !== null,
    },
    kind: r.kind,
    status: r.status,
    message: r.message,
    details: (r.details as Record<string, unknown> | null) ?? null,
    channel: r.channel,
    requestedAt: toIso(r.requested_at)!,
    dueOn: r.due_on,
    daysLeft: r.status === 'open' ? daysUntil(today, r.due_on) : null,
    overdue: r.status === 'open' && daysUntil(today, r.due_on) < 0,
    handledAt: toIso(r.handled_at),
    handledBy: r.handled_by_name,
    resolution: r.resolution,
  };
}

export type DataRequestDto = ReturnType<typeof requestDto>;

function selectRequests(ctx: Ctx, where: SQL, tail: SQL = sql``) {
  return queryRows<RequestRow>(
    ctx.tx,
    sql`select r.id, r.customer_id, r.kind, r.status, r.message, r.details, r.channel, r.requested_at,
          r.due_on::text as due_on, r.handled_at, r.handled_by, s.name as handled_by_name, r.resolution,
          c.name as customer_name, c.phone as customer_phone, c.member_no, c.erased_at
        from data_requests r
        join customers c on c.tenant_id = r.tenant_id and c.id = r.customer_id
        left join staff_users s on s.tenant_id = r.tenant_id and s.id = r.handled_by
        where r.tenant_id = ${ctx.tenantId}::uuid and ${where} ${tail}`,
  );
}

async function today(ctx: Ctx) {
  const tenant = await getTenant(ctx);
  return localDate(ctx.clock.now(), tenant.timezone);
}

export async function getDataRequest(ctx: Ctx, id: string) {
  const [row] = await selectRequests(ctx, sql`r.id = ${id}::uuid`);
  if (!row) throw new AppError('NOT_FOUND');
  return requestDto(row, await today(ctx));
}

/** Staff: open requests first by deadline, then the handled ones newest first. */
export async function listDataRequests(
  ctx: Ctx,
  input: {
    status?: 'open' | 'completed' | 'rejected' | undefined;
    kind?: DataRequestKind | undefined;
    customerId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeCursor(input.cursor, ['text', 'uuid']);
  // The sort key is 'a' + due date (open requests) or 'b' + ten digits (the rest).
  if (after && !/^(a\d{4}-\d{2}-\d{2}|b\d{10})$/.test(after[0]))
    throw new AppError('CURSOR_INVALID', { field: 'cursor' });
  const conds: SQL[] = [sql`true`];
  if (input.status) conds.push(sql`r.status = ${input.status}`);
  if (input.kind) conds.push(sql`r.kind = ${input.kind}`);
  if (input.customerId) conds.push(sql`r.customer_id = ${input.customerId}::uuid`);
  // Sort key: open ones by due date ascending, the rest after them, newest first.
  const key = sql`(case when r.status = 'open' then 'a' || r.due_on::text else 'b' || to_char(9999999999 - extract(epoch from r.requested_at)::bigint, 'FM0000000000') end)`;
  if (after) conds.push(sql`(${key}, r.id::text) > (${String(after[0])}, ${String(after[1])})`);
  const rows = await queryRows<RequestRow & { sort_key: string }>(
    ctx.tx,
    sql`select * from (select r.id, r.customer_id, r.kind, r.status, r.message, r.details, r.channel, r.requested_at,
          r.due_on::text as due_on, r.handled_at, r.handled_by, s.name as handled_by_name, r.resolution,
          c.name as customer_name, c.phone as customer_phone, c.member_no, c.erased_at, ${key} as sort_key
        from data_requests r
        join customers c on c.tenant_id = r.tenant_id and c.id = r.customer_id
        left join staff_users s on s.tenant_id = r.tenant_id and s.id = r.handled_by
        where r.tenant_id = ${ctx.tenantId}::uuid and ${sql.join(conds, sql` and `)}) x
        order by x.sort_key, x.id::text limit ${input.limit + 1}`,
  );
  const more = rows.length > input.limit;
  const pageRows = rows.slice(0, input.limit);
  const last = pageRows[pageRows.length - 1];
  const t = await today(ctx);
  return {
    items: pageRows.map((r) => requestDto(r, t)),
    nextCursor: more && last ? encodeCursor([last.sort_key, last.id]) : null,
  };
}

export async function myDataRequests(ctx: Ctx, customerId: string) {
  const rows = await selectRequests(
    ctx,
    sql`r.customer_id = ${customerId}::uuid`,
    sql`order by r.requested_at desc limit 100`,
  );
  const t = await today(ctx);
  return rows.map((r) => {
    const d = requestDto(r, t);
    return {
      id: d.id,
      kind: d.kind,
      status: d.status,
      message: d.message,
      requestedAt: d.requestedAt,
      dueOn: d.dueOn,
      handledAt: d.handledAt,
      resolution: d.resolution,
    };
  });
}

async function lockOpen(ctx: Ctx, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(dataRequests)
    .where(eq(dataRequests.id, id))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'open') throw new AppError('DATA_REQUEST_NOT_OPEN');
  return row;
}

async function close(
  ctx: Ctx,
  id: string,
  status: 'completed' | 'rejected',
  resolution: string | null,
) {
  const now = ctx.clock.now();
  await ctx.tx
    .update(dataRequests)
    .set({ status, resolution, handledAt: now, handledBy: ctx.actor.id, updatedAt: now })
    .where(eq(dataRequests.id, id));
  await recordAudit(ctx, {
    action: status === 'completed' ? 'dataRequest.completed' : 'dataRequest.rejected',
    entityType: 'data_request',
    entityId: id,
    changes: { before: { status: 'open' }, after: { status, resolution } },
  });
}

/** An export or correction answered by staff (a deletion is answered by erasing). */
export async function completeDataRequest(ctx: Ctx, id: string, resolution: string | null) {
  const row = await lockOpen(ctx, id);
  if (row.kind === 'deletion')
    throw new AppError('VALIDATION_FAILED', {
      field: 'kind',
      details: { reason: 'a deletion request is completed by erasing the customer' },
    });
  await close(ctx, id, 'completed', resolution);
  return getDataRequest(ctx, id);
}

export async function rejectDataRequest(ctx: Ctx, id: string, resolution: string) {
  await lockOpen(ctx, id);
  await close(ctx, id, 'rejected', resolution);
  return getDataRequest(ctx, id);
}

/** Answers a deletion request: erases the customer and completes the request, in one commit. */
export async function eraseForRequest(ctx: Ctx, id: string, resolution: string | null) {
  const row = await lockOpen(ctx, id);
  if (row.kind !== 'deletion')
    throw new AppError('VALIDATION_FAILED', {
      field: 'kind',
      details: { reason: 'only a deletion request erases' },
    });
  await eraseCustomer(ctx, row.customerId);
  await close(ctx, id, 'completed', resolution);
  return getDataRequest(ctx, id);
}

/**
 * Erasure: each module anonymises its own rows. What the books must keep stays — orders with
 * their items and amounts, the ledger (balances, transfers, entries), coupons, referrals and
 * rewards — pointing at a record that no longer names anyone. The audit log is kept as written
 * (it is the legal record of processing and cannot be changed by the application).
 */
export async function eraseCustomer(ctx: Ctx, customerId: string) {
  const { phone, email } = await anonymiseCustomer(ctx, customerId);
  const addresses = [phone, email].filter((a): a is string => !!a);
  await forgetCustomerCredentials(ctx, customerId, phone);
  await forgetCustomerEndpoints(ctx, customerId);
  const messages = await anonymiseCustomerMessages(ctx, customerId, addresses);
  await forgetRecordedRecipients(ctx.tx, addresses);
  await anonymiseReminderSends(ctx, customerId);
  await anonymiseInbox(ctx, customerId);
  const cars = await anonymiseVehicles(ctx, customerId);
  await anonymiseServiceOrders(ctx, customerId);
  await anonymiseInvoiceRequests(ctx, customerId);
  await anonymiseAppointments(ctx, customerId);
  await anonymiseCallLogs(ctx, customerId);
  await anonymiseCoupons(ctx, customerId);
  await anonymiseReferrals(ctx, customerId);
  await eraseInterests(ctx, customerId);
  await recordAudit(ctx, {
    action: 'customer.erased',
    entityType: 'customer',
    entityId: customerId,
    changes: {
      after: { erased: true, carsCleared: cars.cars, messagesWithdrawn: messages.withdrawn },
    },
  });
  await emitEvent(ctx, {
    type: 'customer.erased',
    aggregateId: customerId,
    payload: { customerId },
  });
}

/** Open requests due within `days` calendar days or overdue (the console's badge). */
export async function dueSoonCount(ctx: Ctx, days = 3) {
  const t = await today(ctx);
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(dataRequests)
    .where(
      and(
        eq(dataRequests.status, 'open'),
        sql`${dataRequests.dueOn} <= (${t}::date + ${days}::int)`,
      ),
    );
  return Number(row?.n ?? 0);
}
