// Use-cases of the reminder rules: the tenant's rules (seeded lazily from the built-ins, edited
// with checks), the daily run (one statement per rule, then intents in batches, resumable), the
// incremental re-evaluation of one car or customer on an event, stop conditions withdrawing
// reminders not yet delivered, last-touch attribution and the per-rule dashboard.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { pgArray } from '../../db/arrays.ts';
import { queryRows } from '../../db/database.ts';
import { yieldToEventLoop } from '../../kernel/yield.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError, type Locale } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { recordAudit } from '../audit/index.ts';
import { localDate } from '../automation/index.ts';
import {
  builtInTemplate,
  listBuiltInTemplates,
  messagingSettings,
  sendToCustomers,
  templateName,
  touchedBetween,
  withdrawQueued,
} from '../messaging/index.ts';
import { unlessRefunded, withdrawOrderCredit, type ConversionInput } from '../service/index.ts';
import { tenants } from '../tenancy/index.ts';
import { BUILT_IN_RULES, TRIGGERS, type StopCondition, type Trigger } from './definitions.ts';
import { addDays, capPerCustomer, dueWhen } from './customer-cap.ts';
import {
  candidates,
  insertSends,
  type EvalInput,
  type EvalScope,
  type RuleRow,
} from './evaluate.sql.ts';
import {
  reminderAttributions,
  reminderRules,
  reminderRuns,
  reminderSends,
} from './reminders.tables.ts';
import type { ReminderRuleDto, ReminderRulePatch } from './reminders.schemas.ts';
import './templates.ts';

const DISPATCH_BATCH = 500;

// ---------------------------------------------------------------------------------------------
// Rules

type RuleRecord = typeof reminderRules.$inferSelect;

/** Seeds the built-in rules the tenant does not have yet (first use; new built-ins later). */
export async function ensureRules(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(reminderRules)
    .values(
      BUILT_IN_RULES.map((r) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        key: r.key,
        trigger: r.trigger,
        name: null,
        leadDays: r.leadDays,
        repeatEveryDays: r.repeatEveryDays,
        repeatMax: r.repeatMax,
        channels: r.channels,
        templateKey: r.templateKey,
        stopConditions: r.stopConditions,
        attributionDays: r.attributionDays,
        params: r.params,
        enabled: true,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing({ target: [reminderRules.tenantId, reminderRules.key] });
}

export async function ruleRecords(ctx: Ctx): Promise<RuleRecord[]> {
  let rows = await ctx.tx
    .select()
    .from(reminderRules)
    .orderBy(asc(reminderRules.createdAt), asc(reminderRules.key));
  if (rows.length < BUILT_IN_RULES.length) {
    await ensureRules(ctx);
    rows = await ctx.tx
      .select()
      .from(reminderRules)
      .orderBy(asc(reminderRules.createdAt), asc(reminderRules.key));
  }
  const order = new Map(BUILT_IN_RULES.map((r, i) => [r.key, i]));
  return rows.sort((a, b) => (order.get(a.key) ?? 99) - (order.get(b.key) ?? 99));
}

function toDto(ctx: Ctx, r: RuleRecord): ReminderRuleDto {
  const builtIn = BUILT_IN_RULES.find((b) => b.key === r.key);
  return {
    id: r.id,
    key: r.key,
    trigger: r.trigger,
    triggerLabel: TRIGGERS[r.trigger].label[ctx.locale],
    name: r.name ?? builtIn?.name[ctx.locale] ?? r.key,
    subject: TRIGGERS[r.trigger].subject,
    purpose: TRIGGERS[r.trigger].purpose,
    anchor: TRIGGERS[r.trigger].anchor,
    leadDays: r.leadDays,
    repeatEveryDays: r.repeatEveryDays,
    repeatMax: r.repeatMax,
    channels: (r.channels ?? null) as ReminderRuleDto['channels'],
    templateKey: r.templateKey,
    templateName: templateName(r.templateKey, ctx.locale),
    stopConditions: r.stopConditions as StopCondition[],
    attributionDays: r.attributionDays,
    params: {
      days: r.params.days ?? null,
      thresholdFen: r.params.thresholdFen ?? null,
      windowDays: r.params.windowDays ?? null,
    },
    variables: TRIGGERS[r.trigger].variables,
    enabled: r.enabled,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listRules(ctx: Ctx) {
  const rows = await ruleRecords(ctx);
  return {
    items: rows.map((r) => toDto(ctx, r)),
    templates: listBuiltInTemplates()
      .filter((t) => t.purpose === 'service' || t.purpose === 'marketing')
      .map((t) => ({
        key: t.key,
        name: t.name[ctx.locale],
        purpose: t.purpose,
        variables: t.variables,
        channels: Object.keys(t.channels),
      })),
  };
}

async function ruleOrThrow(ctx: Ctx, id: string): Promise<RuleRecord> {
  await ruleRecords(ctx);
  const [row] = await ctx.tx.select().from(reminderRules).where(eq(reminderRules.id, id));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getRule(ctx: Ctx, id: string): Promise<ReminderRuleDto> {
  return toDto(ctx, await ruleOrThrow(ctx, id));
}

/** Checks a rule as it would be saved: template exists, covers variables, channels, stops, repeats. */
export function checkRule(r: {
  trigger: Trigger;
  templateKey: string;
  channels: string[] | null;
  stopConditions: string[];
  repeatEveryDays: number | null;
  repeatMax: number;
}): void {
  const template = builtInTemplate(r.templateKey);
  if (!template || (template.purpose !== 'service' && template.purpose !== 'marketing'))
    throw new AppError('REMINDER_TEMPLATE_NOT_FOUND', {
      field: 'templateKey',
      details: { templateKey: r.templateKey },
    });
  const provided = new Set(TRIGGERS[r.trigger].variables);
  const missing = template.variables.filter(
    (v) => !provided.has(v) && !v.startsWith('customer.') && !v.startsWith('tenant.'),
  );
  if (missing.length)
    throw new AppError('REMINDER_TEMPLATE_VARIABLE_MISSING', {
      field: 'templateKey',
      details: { variable: missing[0], missing, provided: [...provided] },
    });
  const noText = (r.channels ?? []).filter((c) => !(c in template.channels));
  if (noText.length)
    throw new AppError('REMINDER_CHANNEL_NOT_IN_TEMPLATE', {
      field: 'channels',
      details: { channels: noText },
    });
  const allowed = new Set(TRIGGERS[r.trigger].stops);
  const bad = r.stopConditions.filter((s) => !allowed.has(s as StopCondition));
  if (bad.length)
    throw new AppError('REMINDER_STOP_CONDITION_INVALID', {
      field: 'stopConditions',
      details: { stopConditions: bad, allowed: [...allowed] },
    });
  if (r.repeatMax > 0 && !r.repeatEveryDays)
    throw new AppError('REMINDER_REPEAT_INVALID', { field: 'repeatEveryDays' });
}

export async function updateRule(
  ctx: Ctx,
  id: string,
  patch: ReminderRulePatch,
): Promise<ReminderRuleDto> {
  const row = await ruleOrThrow(ctx, id);
  const next = {
    name: patch.name === undefined ? row.name : patch.name,
    leadDays: patch.leadDays ?? row.leadDays,
    repeatEveryDays:
      patch.repeatEveryDays === undefined ? row.repeatEveryDays : patch.repeatEveryDays,
    repeatMax: patch.repeatMax ?? row.repeatMax,
    channels: patch.channels === undefined ? row.channels : patch.channels,
    templateKey: patch.templateKey ?? row.templateKey,
    stopConditions: patch.stopConditions ?? row.stopConditions,
    attributionDays: patch.attributionDays ?? row.attributionDays,
    params: {
      ...row.params,
      ...Object.fromEntries(Object.entries(patch.params ?? {}).filter(([, v]) => v !== undefined)),
    },
    enabled: patch.enabled ?? row.enabled,
  };
  if (row.trigger === 'win_back' && next.params.days == null)
    throw new AppError('VALIDATION_FAILED', { field: 'params.days' });
  checkRule({ trigger: row.trigger, ...next });
  await ctx.tx
    .update(reminderRules)
    .set({ ...next, updatedBy: ctx.actor.id, updatedAt: ctx.clock.now() })
    .where(eq(reminderRules.id, id));
  await recordAudit(ctx, {
    action: 'reminderRule.updated',
    entityType: 'reminder_rule',
    entityId: id,
    changes: patch as Record<string, unknown>,
  });
  return getRule(ctx, id);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

async function tenantTimeZone(ctx: Ctx): Promise<string> {
  const [t] = await ctx.tx
    .select({ tz: tenants.timezone })
    .from(tenants)
    .where(eq(tenants.tenantId, ctx.tenantId));
  return t?.tz ?? 'Asia/Shanghai';
}

export async function evalInput(ctx: Ctx, scope?: EvalScope): Promise<EvalInput> {
  const timeZone = await tenantTimeZone(ctx);
  const now = ctx.clock.now();
  return { tenantId: ctx.tenantId, today: localDate(now, timeZone), now, timeZone, scope };
}

export const asRule = (r: RuleRecord): RuleRow => ({
  id: r.id,
  key: r.key,
  trigger: r.trigger,
  leadDays: r.leadDays,
  repeatEveryDays: r.repeatEveryDays,
  repeatMax: r.repeatMax,
  stopConditions: r.stopConditions as StopCondition[],
  params: r.params,
});

export const dedupeKeyOf = (
  ruleKey: string,
  subjectId: string,
  cycleKey: string,
  attempt: number,
) => `reminder:${ruleKey}:${subjectId}:${cycleKey}${attempt > 0 ? `:repeat${attempt}` : ''}`;

type PendingRow = {
  id: string;
  rule_id: string;
  rule_key: string;
  trigger: Trigger;
  template_key: string;
  channels: string[] | null;
  subject_id: string;
  cycle_key: string;
  attempt: number;
  customer_id: string;
  due_date: string | null;
  language: string;
  data: Record<string, unknown>;
};

/**
 * Turns up to `limit` pending sends due today into message intents (one batch, in `ctx.tx`). The
 * intent's dedupe key is the send's key: a batch replayed after a crash answers the existing
 * intents. One reminder per customer per `reminderGapDays` (messaging settings) across all rules:
 * the others stay pending until their day (`capPerCustomer`). Answers how many sends it handled.
 */
export async function dispatchPending(
  ctx: Ctx,
  opts: { limit?: number; customerId?: string } = {},
): Promise<number> {
  const { today, timeZone } = await evalInput(ctx);
  const rows = await queryRows<PendingRow>(
    ctx.tx,
    sql`select s.id, s.rule_id, r.key as rule_key, r.trigger, r.template_key, r.channels, s.subject_id,
               s.cycle_key, s.attempt, s.customer_id, s.due_date::text as due_date,
               coalesce((select c.language from customers c
                         where c.tenant_id = s.tenant_id and c.id = s.customer_id), 'zh-CN') as language,
               s.data
        from reminder_sends s join reminder_rules r on r.tenant_id = s.tenant_id and r.id = s.rule_id
        where s.tenant_id = ${ctx.tenantId}::uuid and s.status = 'pending' and s.run_date <= ${today}::date
          ${opts.customerId ? sql`and s.customer_id = ${opts.customerId}::uuid` : sql``}
        order by s.id limit ${opts.limit ?? DISPATCH_BATCH}
        for update of s skip locked`,
  );
  if (!rows.length) return 0;
  const plan = capPerCustomer(
    rows.map((r) => ({ ...r, customerId: r.customer_id, dueDate: r.due_date })),
    await lastReminderDays(ctx, rows, timeZone, today),
    today,
    await reminderGapDays(ctx),
  );
  if (plan.defer.length)
    await ctx.tx.execute(sql`update reminder_sends s set run_date = u.run_date
      from json_to_recordset(${JSON.stringify(plan.defer.map((d) => ({ id: d.row.id, run_date: d.runDate })))}::json)
        as u(id uuid, run_date date)
      where s.tenant_id = ${ctx.tenantId}::uuid and s.id = u.id and s.status = 'pending'`);
  if (plan.send.length) await queueIntents(ctx, plan.send, today);
  return rows.length;
}

/** The intents of the sends that go now, all in one statement (set-based, as the selection). */
async function queueIntents(ctx: Ctx, rows: PendingRow[], today: string): Promise<void> {
  const refs = await sendToCustomers(
    ctx,
    rows.map((r) => {
      const purpose = TRIGGERS[r.trigger].purpose;
      const channels = r.channels?.length ? (r.channels as ('sms' | 'inapp')[]) : undefined;
      return {
        customerId: r.customer_id,
        templateKey: r.template_key,
        data: withDueWhen(r, today),
        dedupeKey: dedupeKeyOf(r.rule_key, r.subject_id, r.cycle_key, Number(r.attempt)),
        priority: purpose === 'marketing' ? ('marketing' as const) : ('transactional' as const),
        purpose,
        ...(channels ? { channels } : {}),
        source: { type: 'rule' as const, id: r.rule_id },
      };
    }),
  );
  const done = rows.map((r, i) => ({ id: r.id, intent: refs[i]!.intentId }));
  await ctx.tx.execute(sql`update reminder_sends s set status = 'queued', intent_id = u.intent,
      queued_at = ${ctx.clock.now().toISOString()}::timestamptz
    from json_to_recordset(${JSON.stringify(done)}::json) as u(id uuid, intent uuid)
    where s.tenant_id = ${ctx.tenantId}::uuid and s.id = u.id and s.status = 'pending'`);
}

/** `due.when` is worded on the day the message goes (ahead of, on or past the due date). */
export function withDueWhen(
  r: { data: Record<string, unknown>; trigger: Trigger; language: string | null },
  today: string,
): Record<string, unknown> {
  const due = r.data.due as Record<string, unknown> | undefined;
  const date = typeof due?.date === 'string' ? due.date : null;
  if (!due || !date || !TRIGGERS[r.trigger].variables.includes('due.when')) return r.data;
  const language = r.language === 'en' ? 'en' : 'zh-CN';
  return { ...r.data, due: { ...due, when: dueWhen(date, today, language) } };
}

/**
 * The local day each customer of the batch last got a reminder, under a lock per customer (in
 * one sorted order) so that the daily run and an event's dispatch never both send one.
 */
async function lastReminderDays(
  ctx: Ctx,
  rows: PendingRow[],
  timeZone: string,
  today: string,
): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.customer_id))].sort();
  await ctx.tx.execute(
    sql`select count(pg_advisory_xact_lock(h)) from (
          select hashtextextended(${ctx.tenantId} || ':' || k, 7352) as h
          from unnest(${pgArray(ids)}::text[]) k order by k) x`,
  );
  const last = await queryRows<{ customer_id: string; day: string }>(
    ctx.tx,
    sql`select s.customer_id, max((s.queued_at at time zone ${timeZone})::date)::text as day
        from reminder_sends s
        where s.tenant_id = ${ctx.tenantId}::uuid and s.customer_id = any(${pgArray(ids)}::uuid[])
          and s.status = 'queued' and s.queued_at >= ${addDays(today, -31)}::date - interval '1 day'
        group by s.customer_id`,
  );
  return new Map(last.map((r) => [r.customer_id, r.day]));
}

async function reminderGapDays(ctx: Ctx): Promise<number> {
  const [s] = await ctx.tx
    .select({ days: messagingSettings.reminderGapDays })
    .from(messagingSettings)
    .where(eq(messagingSettings.tenantId, ctx.tenantId));
  return s?.days ?? 1;
}

/** Re-evaluates every enabled rule for one car and / or customer (events), then queues. */
export async function evaluateSubject(ctx: Ctx, scope: EvalScope): Promise<number> {
  const rules = (await ruleRecords(ctx)).filter((r) => r.enabled);
  let customerId = scope.customerId ?? null;
  if (!customerId && scope.vehicleId) {
    const [car] = await queryRows<{ customer_id: string }>(
      ctx.tx,
      sql`select customer_id from vehicles where tenant_id = ${ctx.tenantId}::uuid and id = ${scope.vehicleId}::uuid`,
    );
    if (!car) return 0;
    customerId = car.customer_id;
  }
  const input = await evalInput(ctx, { vehicleId: scope.vehicleId ?? null, customerId });
  // Customer rules need the customer; car rules a car or the customer. All in one statement.
  const relevant = rules.filter(
    (r) => TRIGGERS[r.trigger].subject === 'vehicle' || scope.customerId,
  );
  if (!relevant.length) return 0;
  const [row] = await queryRows<{ n: number }>(ctx.tx, insertSends(relevant.map(asRule), input));
  const n = Number(row?.n ?? 0);
  if (n > 0 && customerId) await dispatchPending(ctx, { customerId });
  return n;
}

export interface RunHooks {
  /** Called after each committed step (tests simulate a crash by throwing). */
  afterStep?: (step: { kind: 'select' | 'dispatch'; ruleKey?: string }) => void | Promise<void>;
}

/**
 * The daily run of one tenant: each step is its own transaction (`inTx`), so a crash leaves the
 * committed steps done. Per rule: the selection statement and the run's progress commit together;
 * a rerun skips the rules already selected and dispatches what is still pending. Running it again
 * on the same day sends nothing new.
 */
export async function runTenantDay(
  inTx: <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>,
  hooks: RunHooks = {},
  /** Evaluate every rule again even if today's run completed (the console's "run now"). */
  force = false,
): Promise<{
  runDate: string;
  selected: number;
  queued: number;
  resumed: boolean;
  skipped: boolean;
}> {
  const start = await inTx(async (ctx) => {
    const rules = (await ruleRecords(ctx)).filter((r) => r.enabled);
    const input = await evalInput(ctx);
    const [run] = await ctx.tx
      .insert(reminderRuns)
      .values({ tenantId: ctx.tenantId, runDate: input.today, startedAt: input.now })
      .onConflictDoUpdate({
        target: [reminderRuns.tenantId, reminderRuns.runDate],
        set: { attempts: sql`${reminderRuns.attempts} + 1` },
      })
      .returning();
    return { rules, input, run: run! };
  });
  const { input, run } = start;
  if (run.status === 'completed' && !force)
    return { runDate: input.today, selected: 0, queued: 0, resumed: false, skipped: true };
  // Every rule not yet selected today in ONE statement and one transaction (the union of the
  // rules' selections, as for one car on an event): per tenant one round trip and one commit
  // instead of one per rule. The selection and the run's progress commit together, so a crash
  // leaves it either wholly done (a rerun goes on to dispatch) or not at all (a rerun redoes it).
  const done = new Set(force ? [] : run.rulesSelected);
  const todo = start.rules.filter((rule) => !done.has(rule.key));
  let selected = 0;
  if (todo.length) {
    selected = await inTx(async (ctx) => {
      const [row] = await queryRows<{ n: number }>(ctx.tx, insertSends(todo.map(asRule), input));
      const n = Number(row?.n ?? 0);
      await ctx.tx
        .update(reminderRuns)
        .set({
          rulesSelected: sql`(select array_agg(distinct k order by k) from unnest(${reminderRuns.rulesSelected} || ${pgArray(todo.map((r) => r.key))}::text[]) k)`,
          selected: sql`${reminderRuns.selected} + ${n}`,
        })
        .where(and(eq(reminderRuns.tenantId, ctx.tenantId), eq(reminderRuns.runDate, input.today)));
      return n;
    });
    await hooks.afterStep?.({ kind: 'select' });
    await yieldToEventLoop();
  }
  let queued = 0;
  for (;;) {
    const n = await inTx(async (ctx) => {
      const k = await dispatchPending(ctx);
      if (k)
        await ctx.tx
          .update(reminderRuns)
          .set({ queued: sql`${reminderRuns.queued} + ${k}` })
          .where(
            and(eq(reminderRuns.tenantId, ctx.tenantId), eq(reminderRuns.runDate, input.today)),
          );
      return k;
    });
    if (!n) break;
    queued += n;
    await hooks.afterStep?.({ kind: 'dispatch' });
    await yieldToEventLoop();
  }
  await inTx(async (ctx) =>
    ctx.tx
      .update(reminderRuns)
      .set({ status: 'completed', completedAt: ctx.clock.now() })
      .where(and(eq(reminderRuns.tenantId, ctx.tenantId), eq(reminderRuns.runDate, input.today))),
  );
  return { runDate: input.today, selected, queued, resumed: run.attempts > 1, skipped: false };
}

/** The same run inside one transaction (the console's "run now"). */
export async function runNow(ctx: Ctx) {
  return runTenantDay((fn) => fn(ctx), {}, true);
}

// ---------------------------------------------------------------------------------------------
// Stop conditions

/**
 * A stop condition happened (booked, serviced): reminders of the rules that stop on it, for this
 * customer (and car), are withdrawn if not delivered yet — pending ones cancelled, queued intents
 * the pipeline has not taken yet suppressed with a timeline entry.
 */
export async function withdrawOnStop(
  ctx: Ctx,
  input: { stop: StopCondition; customerId: string; vehicleId?: string | null },
): Promise<number> {
  const now = ctx.clock.now();
  const carFilter = input.vehicleId
    ? sql`and (s.vehicle_id is null or s.vehicle_id = ${input.vehicleId}::uuid)`
    : sql``;
  const rows = await queryRows<{ id: string; intent_id: string | null }>(
    ctx.tx,
    sql`select s.id, s.intent_id from reminder_sends s
        join reminder_rules r on r.tenant_id = s.tenant_id and r.id = s.rule_id
        left join message_intents i on i.tenant_id = s.tenant_id and i.id = s.intent_id
        where s.tenant_id = ${ctx.tenantId}::uuid and s.customer_id = ${input.customerId}::uuid
          and ${input.stop} = any(r.stop_conditions)
          and r.trigger not in ('post_service_thanks', 'post_service_survey')
          and (s.status = 'pending' or (s.status = 'queued' and i.status = 'queued'))
          ${carFilter}
        for update of s`,
  );
  if (!rows.length) return 0;
  const intentIds = rows.map((r) => r.intent_id).filter((x): x is string => !!x);
  const suppressed = await withdrawQueued(ctx, intentIds, `reminder_stopped_${input.stop}`, {
    by: 'reminders',
  });
  const sup = new Set(suppressed);
  const cancel = rows.filter((r) => !r.intent_id || sup.has(r.intent_id)).map((r) => r.id);
  if (cancel.length)
    await ctx.tx
      .update(reminderSends)
      .set({ status: 'cancelled', reason: input.stop, cancelledAt: now })
      .where(inArray(reminderSends.id, cancel));
  return cancel.length;
}

// ---------------------------------------------------------------------------------------------
// Attribution

/**
 * Credits a booking or paid order to the reminder that touched the customer last within its
 * rule's window — unless a campaign message touched them after it (the campaign is the last touch
 * then; campaigns apply the same rule the other way round). An order already refunded is not
 * credited (the refund may be handled first). Idempotent: one attribution per (kind, reference).
 */
export async function attributeToRule(ctx: Ctx, input: ConversionInput): Promise<boolean> {
  const at = input.at.toISOString();
  const rows = await queryRows<{ id: string }>(
    ctx.tx,
    sql`insert into reminder_attributions
          (tenant_id, id, rule_id, send_id, customer_id, kind, reference_id, revenue_fen, converted_at, event_id)
        select s.tenant_id, ${newId()}::uuid, s.rule_id, s.id, s.customer_id, ${input.kind},
               ${input.referenceId}::uuid, ${input.revenueFen}::bigint, ${at}::timestamptz, ${input.eventId}::uuid
        from reminder_sends s
        join reminder_rules r on r.tenant_id = s.tenant_id and r.id = s.rule_id
        join message_intents i on i.tenant_id = s.tenant_id and i.id = s.intent_id
        where s.tenant_id = ${ctx.tenantId}::uuid and s.customer_id = ${input.customerId}::uuid
          and s.status = 'queued' and i.status not in ('failed', 'suppressed')
          and s.queued_at <= ${at}::timestamptz
          and s.queued_at >= ${at}::timestamptz - make_interval(days => r.attribution_days)
          and not ${touchedBetween({
            tenantId: sql`s.tenant_id`,
            customerId: sql`s.customer_id`,
            sourceType: 'campaign',
            after: sql`s.queued_at`,
            until: sql`${at}::timestamptz`,
          })}
          ${unlessRefunded(input)}
        order by s.queued_at desc, s.id desc
        limit 1
        on conflict (tenant_id, kind, reference_id) do nothing
        returning id`,
  );
  return rows.length > 0;
}

/** A refunded order is no conversion: its credit to a rule is taken back. Answers rows removed. */
export const withdrawRuleConversion = (ctx: Ctx, orderId: string): Promise<number> =>
  withdrawOrderCredit(ctx, reminderAttributions, orderId);

// ---------------------------------------------------------------------------------------------
// Console views

/** Today's reminders: what the run will send now (not yet decided) and what it decided today. */
export async function todayPreview(ctx: Ctx, opts: { limit: number }) {
  const rules = await ruleRecords(ctx);
  const input = await evalInput(ctx);
  const byRule = new Map(rules.map((r) => [r.id, r]));
  type Row = {
    rule_id: string;
    subject_type: 'vehicle' | 'customer';
    subject_id: string;
    customer_id: string;
    vehicle_id: string | null;
    cycle_key: string;
    due_date: string | null;
    data: Record<string, unknown>;
    attempt: number;
    status: 'will_send' | 'pending' | 'queued' | 'cancelled';
    intent_status: string | null;
  };
  const counts: Record<string, { willSend: number; decidedToday: number }> = {};
  const items: Row[] = [];
  for (const rule of rules) {
    if (!rule.enabled) {
      counts[rule.id] = { willSend: 0, decidedToday: 0 };
      continue;
    }
    // The run keeps one send per subject and cycle (its unique key): count them the same way.
    const [c] = await queryRows<{ n: number }>(
      ctx.tx,
      sql`select count(distinct (k.subject_id, k.cycle_key))::int as n
          from (${candidates(asRule(rule), input)}) k`,
    );
    const rows = await queryRows<Row>(
      ctx.tx,
      sql`select ${rule.id}::uuid as rule_id, k.subject_type, k.subject_id, k.customer_id, k.vehicle_id,
                 k.cycle_key, k.due_date::text as due_date, k.data, k.attempt, 'will_send' as status,
                 null as intent_status
          from (${candidates(asRule(rule), input)}) k
          order by k.due_date nulls last, k.subject_id limit ${opts.limit}`,
    );
    counts[rule.id] = { willSend: Number(c?.n ?? 0), decidedToday: 0 };
    items.push(...rows);
  }
  // Decided today: going today, or decided today and held for a later day by the per-customer cap.
  const decidedToday = (s: SQL) =>
    sql`(${s}.run_date = ${input.today}::date or (${s}.created_at at time zone ${input.timeZone})::date = ${input.today}::date)`;
  const decided = await queryRows<Row & { n: number }>(
    ctx.tx,
    sql`select s.rule_id, s.subject_type, s.subject_id, s.customer_id, s.vehicle_id, s.cycle_key,
               s.due_date::text as due_date, s.data, s.attempt, s.status, i.status as intent_status
        from reminder_sends s
        left join message_intents i on i.tenant_id = s.tenant_id and i.id = s.intent_id
        where s.tenant_id = ${ctx.tenantId}::uuid and ${decidedToday(sql`s`)}
        order by s.status = 'pending', s.created_at desc limit ${opts.limit}`,
  );
  const decidedCounts = await queryRows<{ rule_id: string; n: number }>(
    ctx.tx,
    sql`select s.rule_id, count(*)::int as n from reminder_sends s
        where s.tenant_id = ${ctx.tenantId}::uuid and ${decidedToday(sql`s`)} group by s.rule_id`,
  );
  for (const d of decidedCounts)
    if (counts[d.rule_id]) counts[d.rule_id]!.decidedToday = Number(d.n);
  const all = [...items, ...decided];
  const customerIds = [...new Set(all.map((r) => r.customer_id))];
  const vehicleIds = [...new Set(all.map((r) => r.vehicle_id).filter((v): v is string => !!v))];
  const names = customerIds.length
    ? await queryRows<{ id: string; name: string | null; phone: string }>(
        ctx.tx,
        sql`select id, name, phone from customers where tenant_id = ${ctx.tenantId}::uuid
            and id = any(${`{${customerIds.join(',')}}`}::uuid[])`,
      )
    : [];
  const plates = vehicleIds.length
    ? await queryRows<{ id: string; plate: string | null }>(
        ctx.tx,
        sql`select id, plate from vehicles where tenant_id = ${ctx.tenantId}::uuid
            and id = any(${`{${vehicleIds.join(',')}}`}::uuid[])`,
      )
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const plateOf = new Map(plates.map((p) => [p.id, p.plate]));
  const rule = (id: string) => byRule.get(id)!;
  return {
    today: input.today,
    rules: rules.map((r) => ({
      ruleId: r.id,
      key: r.key,
      name: toDto(ctx, r).name,
      enabled: r.enabled,
      willSend: counts[r.id]?.willSend ?? 0,
      decidedToday: counts[r.id]?.decidedToday ?? 0,
    })),
    items: all.slice(0, opts.limit * 2).map((r) => {
      const d = r.data as {
        due?: { item?: string; labels?: Partial<Record<Locale, string>>; date?: string };
        coupon?: { name?: string };
      };
      return {
        ruleId: r.rule_id,
        ruleKey: rule(r.rule_id).key,
        ruleName: toDto(ctx, rule(r.rule_id)).name,
        templateKey: rule(r.rule_id).templateKey,
        templateName: templateName(rule(r.rule_id).templateKey, ctx.locale),
        customerId: r.customer_id,
        customerName: nameOf.get(r.customer_id)?.name ?? null,
        phone: nameOf.get(r.customer_id)?.phone ?? null,
        vehicleId: r.vehicle_id,
        plate: r.vehicle_id ? (plateOf.get(r.vehicle_id) ?? null) : null,
        // In the staff member's language (the message itself went out in the owner's).
        what:
          d.due?.labels?.[ctx.locale] ??
          d.due?.item ??
          d.coupon?.name ??
          TRIGGERS[rule(r.rule_id).trigger].label[ctx.locale],
        dueDate: r.due_date ? String(r.due_date).slice(0, 10) : null,
        cycleKey: r.cycle_key,
        attempt: Number(r.attempt),
        status: r.status,
        messageStatus: r.intent_status,
      };
    }),
  };
}

/** Per rule over the last `days`: decided, sent, opened, converted, revenue, conversion rate. */
export async function ruleDashboard(ctx: Ctx, opts: { days: number }) {
  const rules = await ruleRecords(ctx);
  const since = new Date(ctx.clock.now().getTime() - opts.days * 86_400_000).toISOString();
  const stats = await queryRows<{
    rule_id: string;
    decided: number;
    cancelled: number;
    sent: number;
    suppressed: number;
    failed: number;
    opened: number;
  }>(
    ctx.tx,
    sql`select s.rule_id, count(*)::int as decided,
          count(*) filter (where s.status = 'cancelled')::int as cancelled,
          count(*) filter (where i.status = 'sent')::int as sent,
          count(*) filter (where i.status = 'suppressed')::int as suppressed,
          count(*) filter (where i.status = 'failed')::int as failed,
          count(*) filter (where exists (
            select 1 from message_deliveries d where d.tenant_id = s.tenant_id and d.intent_id = s.intent_id
              and d.status in ('opened', 'clicked')))::int as opened
        from reminder_sends s
        left join message_intents i on i.tenant_id = s.tenant_id and i.id = s.intent_id
        where s.tenant_id = ${ctx.tenantId}::uuid and s.created_at >= ${since}::timestamptz
        group by s.rule_id`,
  );
  const conv = await queryRows<{
    rule_id: string;
    converted: number;
    bookings: number;
    orders: number;
    revenue: number;
  }>(
    ctx.tx,
    sql`select a.rule_id, count(distinct a.send_id)::int as converted,
          count(*) filter (where a.kind = 'booking')::int as bookings,
          count(*) filter (where a.kind = 'order')::int as orders,
          coalesce(sum(a.revenue_fen), 0)::bigint as revenue
        from reminder_attributions a
        where a.tenant_id = ${ctx.tenantId}::uuid and a.converted_at >= ${since}::timestamptz
        group by a.rule_id`,
  );
  const s = new Map(stats.map((x) => [x.rule_id, x]));
  const c = new Map(conv.map((x) => [x.rule_id, x]));
  const items = rules.map((r) => {
    const st = s.get(r.id);
    const cv = c.get(r.id);
    const sent = Number(st?.sent ?? 0);
    const converted = Number(cv?.converted ?? 0);
    return {
      ruleId: r.id,
      key: r.key,
      name: toDto(ctx, r).name,
      enabled: r.enabled,
      decided: Number(st?.decided ?? 0),
      cancelled: Number(st?.cancelled ?? 0),
      sent,
      suppressed: Number(st?.suppressed ?? 0),
      failed: Number(st?.failed ?? 0),
      opened: Number(st?.opened ?? 0),
      converted,
      bookings: Number(cv?.bookings ?? 0),
      orders: Number(cv?.orders ?? 0),
      revenueFen: Number(cv?.revenue ?? 0),
      conversionRate: sent > 0 ? converted / sent : null,
    };
  });
  return { days: opts.days, items };
}
