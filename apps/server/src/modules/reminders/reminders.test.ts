import { describe, expect, it } from 'vitest';
import { capPerCustomer, dueWhen } from './customer-cap.ts';
import { BUILT_IN_RULES, TRIGGERS, type Trigger } from './definitions.ts';
import { tenantDayJobId } from './reminders.jobs.ts';
import { checkRule, dedupeKeyOf } from './reminders.service.ts';

describe('reminder rules (pure)', () => {
  it('every built-in rule passes its own save-time checks', () => {
    for (const r of BUILT_IN_RULES) expect(() => checkRule(r), r.key).not.toThrow();
  });

  it('every trigger has a built-in rule', () => {
    expect(new Set(BUILT_IN_RULES.map((r) => r.trigger))).toEqual(new Set(Object.keys(TRIGGERS)));
  });

  it('names the first variable a template needs and the rule lacks', () => {
    const r = BUILT_IN_RULES.find((b) => b.key === 'birthday')!;
    expect(() => checkRule({ ...r, templateKey: 'reminder.maintenance' })).toThrow(
      expect.objectContaining({
        code: 'REMINDER_TEMPLATE_VARIABLE_MISSING',
        details: expect.objectContaining({ variable: 'vehicle.plate' }),
      }),
    );
  });

  it('derives the dedupe key from rule, subject, cycle and repeat', () => {
    expect(dedupeKeyOf('maintenance', 'v1', 'items:ab', 0)).toBe(
      'reminder:maintenance:v1:items:ab',
    );
    expect(dedupeKeyOf('maintenance', 'v1', 'items:ab', 2)).toBe(
      'reminder:maintenance:v1:items:ab:repeat2',
    );
  });

  it('gives one job id per tenant and local day, a valid UUID', () => {
    const a = tenantDayJobId('0190a0a0-0000-7000-8000-000000000001', '2026-06-01');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(tenantDayJobId('0190a0a0-0000-7000-8000-000000000001', '2026-06-01')).toBe(a);
    expect(tenantDayJobId('0190a0a0-0000-7000-8000-000000000001', '2026-06-02')).not.toBe(a);
  });
});

describe('what a reminder says about its date, and how many one owner gets (pure)', () => {
  it('words the due date by whether it is ahead, today or past on the day sent', () => {
    expect(dueWhen('2026-06-10', '2026-06-01', 'zh-CN')).toBe('将于2026-06-10到期');
    expect(dueWhen('2026-06-01', '2026-06-01', 'zh-CN')).toBe('于今天（2026-06-01）到期');
    expect(dueWhen('2026-05-20', '2026-06-01', 'zh-CN')).toBe('已于2026-05-20到期（已超期）');
    expect(dueWhen('2026-05-20', '2026-06-01', 'en')).toBe('was due on 2026-05-20 (overdue)');
  });

  it('labels every rule by its anchor: the survey and thank-you count after the visit', () => {
    expect(TRIGGERS.post_service_survey.anchor).toBe('after_visit');
    expect(TRIGGERS.post_service_thanks.anchor).toBe('after_visit');
    expect(TRIGGERS.declined_work.anchor).toBe('after_recommendation');
    expect(TRIGGERS.maintenance.anchor).toBe('before_due');
  });

  const row = (
    id: string,
    customerId: string,
    trigger: Trigger,
    dueDate: string | null = null,
  ) => ({
    id,
    customerId,
    trigger,
    dueDate,
  });

  it('lets one reminder per customer go today, the most important first; the rest wait', () => {
    const plan = capPerCustomer(
      [
        row('a', 'c1', 'win_back'),
        row('b', 'c1', 'post_service_survey'),
        row('c', 'c1', 'insurance', '2026-06-20'),
        row('d', 'c2', 'birthday', '2026-06-01'),
      ],
      new Map(),
      '2026-06-01',
      1,
    );
    expect(plan.send.map((r) => r.id).sort()).toEqual(['c', 'd']);
    expect(plan.defer.map((d) => [d.row.id, d.runDate]).sort()).toEqual([
      ['a', '2026-06-02'],
      ['b', '2026-06-02'],
    ]);
  });

  it('holds every reminder of a customer reminded within the gap until the gap is over', () => {
    const plan = capPerCustomer(
      [row('a', 'c1', 'maintenance', '2026-06-05'), row('b', 'c2', 'maintenance', '2026-06-05')],
      new Map([
        ['c1', '2026-05-30'],
        ['c2', '2026-05-25'],
      ]),
      '2026-06-01',
      3,
    );
    expect(plan.send.map((r) => r.id)).toEqual(['b']);
    expect(plan.defer.map((d) => [d.row.id, d.runDate])).toEqual([['a', '2026-06-02']]);
    expect(
      capPerCustomer(
        [row('a', 'c1', 'maintenance')],
        new Map([['c1', '2026-06-01']]),
        '2026-06-01',
        0,
      ).send,
    ).toHaveLength(1);
  });
});
