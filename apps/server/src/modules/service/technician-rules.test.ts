// The rules of who does the work on a service order and when it may change, without a database:
// every order status, every staff role, store scoping, labour time on labour lines only.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { STAFF_ROLES, type StaffRole } from '../../kernel/roles.ts';
import {
  assertCanAssignWork,
  assertLabourMinutes,
  assertTechnician,
  canAssignWork,
  labourMinutesOf,
  lineTechnician,
} from './technician-rules.ts';
import type { ServiceOrderStatus } from './service-order-rules.ts';
import { SERVICE_ORDER_STATUSES } from './service.tables.ts';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

const STORE = 'store-a';

describe('when technicians and hours may change', () => {
  const open: ServiceOrderStatus[] = ['open', 'completed'];
  it.each(SERVICE_ORDER_STATUSES.map((s) => [s]))('%s', (status) => {
    const allowed = open.includes(status);
    expect(canAssignWork(status)).toBe(allowed);
    expect(codeOf(() => assertCanAssignWork(status))).toBe(
      allowed ? null : 'TECHNICIAN_ASSIGNMENT_LOCKED',
    );
  });
});

describe('who may be given the work', () => {
  const expected: Record<StaffRole, string | null> = {
    owner: null,
    manager: null,
    technician: null,
    advisor: 'TECHNICIAN_ROLE_INVALID',
    partner: 'TECHNICIAN_ROLE_INVALID',
  };
  it.each(STAFF_ROLES.map((r) => [r]))('an active %s of the store', (role) => {
    const storeIds = role === 'owner' ? null : [STORE];
    expect(codeOf(() => assertTechnician({ role, active: true, storeIds }, STORE))).toBe(
      expected[role],
    );
  });

  it('nobody, or a deactivated technician, is not found', () => {
    expect(codeOf(() => assertTechnician(undefined, STORE))).toBe('TECHNICIAN_NOT_FOUND');
    expect(
      codeOf(() =>
        assertTechnician({ role: 'technician', active: false, storeIds: [STORE] }, STORE),
      ),
    ).toBe('TECHNICIAN_NOT_FOUND');
  });

  it('a technician or manager of another store is refused; an owner works in every store', () => {
    for (const role of ['technician', 'manager'] as const) {
      expect(
        codeOf(() => assertTechnician({ role, active: true, storeIds: ['store-b'] }, STORE)),
      ).toBe('TECHNICIAN_NOT_IN_STORE');
      expect(codeOf(() => assertTechnician({ role, active: true, storeIds: [] }, STORE))).toBe(
        'TECHNICIAN_NOT_IN_STORE',
      );
    }
    expect(
      codeOf(() => assertTechnician({ role: 'owner', active: true, storeIds: null }, STORE)),
    ).toBe(null);
  });

  it('names the field it checked', () => {
    try {
      assertTechnician(undefined, STORE, 'items.technicianId');
      expect.unreachable();
    } catch (err) {
      expect((err as AppError).field).toBe('items.technicianId');
    }
  });
});

describe('labour time', () => {
  it('is recorded on labour lines only', () => {
    expect(codeOf(() => assertLabourMinutes('labour', 45))).toBe(null);
    expect(codeOf(() => assertLabourMinutes('labour', null))).toBe(null);
    expect(codeOf(() => assertLabourMinutes('part', undefined))).toBe(null);
    expect(codeOf(() => assertLabourMinutes('part', null))).toBe(null);
    expect(codeOf(() => assertLabourMinutes('part', 30))).toBe('LABOUR_MINUTES_NOT_LABOUR');
    expect(codeOf(() => assertLabourMinutes('part', 0))).toBe('LABOUR_MINUTES_NOT_LABOUR');
  });

  it("a line's technician overrides the order's", () => {
    expect(lineTechnician({ technicianId: 'b' }, { technicianId: 'a' })).toBe('b');
    expect(lineTechnician({ technicianId: null }, { technicianId: 'a' })).toBe('a');
    expect(lineTechnician({ technicianId: null }, { technicianId: null })).toBe(null);
  });

  it("credits a technician with their labour lines' minutes only", () => {
    const order = { technicianId: 'a' };
    const lines = [
      { kind: 'labour' as const, technicianId: null, labourMinutes: 60 },
      { kind: 'labour' as const, technicianId: 'b', labourMinutes: 30 },
      { kind: 'labour' as const, technicianId: 'a', labourMinutes: 15 },
      { kind: 'labour' as const, technicianId: null, labourMinutes: null },
      { kind: 'part' as const, technicianId: 'a', labourMinutes: 99 },
    ];
    expect(labourMinutesOf('a', order, lines)).toBe(75);
    expect(labourMinutesOf('b', order, lines)).toBe(30);
    expect(labourMinutesOf('c', order, lines)).toBe(0);
  });
});
