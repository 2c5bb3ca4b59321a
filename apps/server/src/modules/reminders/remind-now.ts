// "Send now" from the call list (a hook the call list offers): the car's reminder as its rule
// would send it — the rule's template and the data its selection computes — through messaging,
// which applies consent, quiet hours and caps. The send is recorded as the rule's reminder of
// the cycle (when the rule has not sent one), so the daily run does not repeat it, and it counts
// for the rule's attribution.
import { sql } from 'drizzle-orm';
import type { RemindNowHook } from '../../app/module.ts';
import { queryRows } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import { sendToCustomer } from '../messaging/index.ts';
import { LEAD_DAYS_MAX, TRIGGERS, type Trigger } from './definitions.ts';
import { dueSubjects, type RuleRow } from './evaluate.sql.ts';
import { asRule, evalInput, ruleRecords, withDueWhen } from './reminders.service.ts';
import { reminderSends } from './reminders.tables.ts';

/** The car's triggers, in the order a call-list send prefers them. */
const CAR_TRIGGERS: readonly Trigger[] = ['maintenance', 'insurance', 'inspection'];
const dateText = (d: string | Date | null): string | null =>
  d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** However long overdue: staff chose to send. */
const ANY_AGE_DAYS = 3650;

export const remindVehicleNow: RemindNowHook = async (ctx, car) => {
  const rules = await ruleRecords(ctx);
  const input = await evalInput(ctx, { vehicleId: car.vehicleId, customerId: car.customerId });
  for (const trigger of CAR_TRIGGERS) {
    const record =
      rules.find((r) => r.trigger === trigger && r.enabled) ??
      rules.find((r) => r.trigger === trigger);
    if (!record) continue;
    const rule: RuleRow = {
      ...asRule(record),
      leadDays: Math.max(record.leadDays, LEAD_DAYS_MAX),
      params: { ...record.params, windowDays: ANY_AGE_DAYS },
    };
    const [subject] = await queryRows<{
      cycle_key: string;
      due_date: string | Date | null;
      data: Record<string, unknown>;
    }>(
      ctx.tx,
      sql`with d(subject_type, subject_id, customer_id, vehicle_id, cycle_key, due_date, since, data) as (
            ${dueSubjects(rule, input)}
          )
          select d.cycle_key, d.due_date, d.data from d
          where d.customer_id = ${car.customerId}::uuid order by d.due_date limit 1`,
    );
    if (!subject) continue;
    const [owner] = await queryRows<{ language: string | null }>(
      ctx.tx,
      sql`select language from customers where id = ${car.customerId}::uuid`,
    );
    const data = withDueWhen(
      { data: subject.data, trigger, language: owner?.language ?? null },
      input.today,
    );
    const purpose = TRIGGERS[trigger].purpose;
    const channels = record.channels?.length ? (record.channels as ('sms' | 'inapp')[]) : null;
    const ref = await sendToCustomer(ctx, {
      customerId: car.customerId,
      templateKey: record.templateKey,
      data,
      dedupeKey: car.dedupeKey,
      priority: purpose === 'marketing' ? 'marketing' : 'transactional',
      purpose,
      ...(channels ? { channels } : {}),
      source: { type: 'rule', id: record.id },
    });
    await ctx.tx
      .insert(reminderSends)
      .values({
        tenantId: ctx.tenantId,
        id: newId(),
        ruleId: record.id,
        subjectType: 'vehicle',
        subjectId: car.vehicleId,
        cycleKey: subject.cycle_key,
        attempt: 0,
        customerId: car.customerId,
        vehicleId: car.vehicleId,
        dueDate: dateText(subject.due_date),
        runDate: input.today,
        data,
        status: 'queued',
        intentId: ref.intentId,
        queuedAt: ctx.clock.now(),
        createdAt: ctx.clock.now(),
      })
      .onConflictDoNothing();
    return { ...ref, templateKey: record.templateKey };
  }
  return null;
};
