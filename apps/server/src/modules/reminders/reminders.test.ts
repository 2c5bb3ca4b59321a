import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES, TRIGGERS } from './definitions.ts';
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
