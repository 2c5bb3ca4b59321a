// Approvals under concurrency (PostgreSQL): the owner approving while the advisor edits the job
// gives one result — the approved price is the one on the order, or the edit is refused — and the
// order's total is always the sum of its lines; the owner approving twice at once (two taps, two
// phones) approves once; an approval racing the order's completion either joins the order before it
// or is refused, never a line on a completed or paid order.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  testConfig,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { payOrder } from '../checkout/index.ts';
import { completeOrder } from '../service/index.ts';
import { decideJob } from './decisions.ts';
import { setJob } from './inspection-editing.ts';
import { carWithOrder, sentInspection } from './testing/helpers.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const ROUNDS = 6;
const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
let env: TestEnv;
let t: TestTenant;
let advisor: Session;
let technician: Session;

beforeAll(async () => {
  if (!pg) return;
  const base = testConfig();
  env = await createTestEnv({
    clock,
    config: { database: { ...base.database, poolSize: 10 } as never },
  });
  t = await env.createTenant();
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
});
afterAll(() => env?.close());

const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === 'fulfilled' ? 'ok' : r.reason instanceof AppError ? r.reason.code : String(r.reason);

async function orderState(orderId: string) {
  const [o] = await queryRows<{ total_fen: number; status: string; lines: number; sum: number }>(
    env.database.adminDb,
    sql`select o.total_fen::int as total_fen, o.status,
          (select count(*)::int from service_order_items i
            where i.tenant_id = o.tenant_id and i.order_id = o.id) as lines,
          (select coalesce(sum(i.quantity * i.unit_price_fen), 0)::int from service_order_items i
            where i.tenant_id = o.tenant_id and i.order_id = o.id) as sum
        from service_orders o where o.tenant_id = ${t.id} and o.id = ${orderId}`,
  );
  return o!;
}

async function ready() {
  const car = await carWithOrder(env, t, advisor);
  await signInCustomer(env, t, car.phone);
  const ins = await sentInspection(env, technician, car.orderId);
  return { car, ins };
}

const asStaff = (fn: Parameters<TestEnv['inTenant']>[1]) =>
  env.inTenant(t.id, (ctx) =>
    fn({
      ...ctx,
      actor: { type: 'staff', id: t.staff.advisor.id, role: 'advisor', sessionId: null },
    }),
  );
const asOwner = (customerId: string, fn: Parameters<TestEnv['inTenant']>[1]) =>
  env.inTenant(t.id, (ctx) =>
    fn({ ...ctx, actor: { type: 'customer', id: customerId, sessionId: null } }),
  );

describe.skipIf(!pg)('approvals under concurrency', () => {
  it('the owner approves while the advisor edits the job: one result, consistent totals', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { car, ins } = await ready();
      const before = await orderState(car.orderId);
      const ids = { inspectionId: ins.id, itemId: ins.pads };
      const [approve, edit] = await Promise.allSettled([
        asOwner(car.customerId, (ctx) => decideJob(ctx, car.customerId, ids, 'approved')),
        asStaff((ctx) =>
          setJob(ctx, ins.id, ins.pads, {
            description: '更换前刹车片（原厂）',
            labourFen: 15000,
            partsFen: 52000,
          }),
        ),
      ]);
      expect(codeOf(approve)).toBe('ok');
      const after = await orderState(car.orderId);
      expect(after.total_fen).toBe(after.sum);
      const added = after.total_fen - before.total_fen;
      if (codeOf(edit) === 'ok') expect(added).toBe(67000);
      else {
        expect(codeOf(edit)).toBe('INSPECTION_ITEM_DECIDED');
        expect(added).toBe(50000);
      }
      expect(after.lines).toBe(before.lines + 2);
    }
  });

  it('two approvals of the same job at once approve it once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { car, ins } = await ready();
      const before = await orderState(car.orderId);
      const ids = { inspectionId: ins.id, itemId: ins.tyre };
      const results = await Promise.allSettled([
        asOwner(car.customerId, (ctx) => decideJob(ctx, car.customerId, ids, 'approved')),
        asOwner(car.customerId, (ctx) => decideJob(ctx, car.customerId, ids, 'approved')),
        asOwner(car.customerId, (ctx) => decideJob(ctx, car.customerId, ids, 'declined')),
      ]);
      const codes = results.map(codeOf).sort();
      expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
      expect(codes.filter((c) => c !== 'ok')).toEqual([
        'INSPECTION_ITEM_DECIDED',
        'INSPECTION_ITEM_DECIDED',
      ]);
      const after = await orderState(car.orderId);
      expect(after.total_fen).toBe(after.sum);
      expect([before.total_fen, before.total_fen + 65000]).toContain(after.total_fen);
    }
  });

  it('an approval racing the order’s completion joins before it or is refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { car, ins } = await ready();
      const before = await orderState(car.orderId);
      const [approve, complete] = await Promise.allSettled([
        asOwner(car.customerId, (ctx) =>
          decideJob(ctx, car.customerId, { inspectionId: ins.id, itemId: ins.pads }, 'approved'),
        ),
        asStaff((ctx) => completeOrder(ctx, car.orderId)),
      ]);
      expect(codeOf(complete)).toBe('ok');
      const after = await orderState(car.orderId);
      expect(after.status).toBe('completed');
      expect(after.total_fen).toBe(after.sum);
      if (codeOf(approve) === 'ok') expect(after.total_fen).toBe(before.total_fen + 50000);
      else {
        expect(codeOf(approve)).toBe('INSPECTION_ORDER_CLOSED');
        expect(after.total_fen).toBe(before.total_fen);
      }
      // Paid: refused, the order as it was.
      await asStaff((ctx) =>
        payOrder(ctx, car.orderId, { method: 'cash', paidFen: after.total_fen }),
      );
      const late = await Promise.allSettled([
        asOwner(car.customerId, (ctx) =>
          decideJob(ctx, car.customerId, { inspectionId: ins.id, itemId: ins.tyre }, 'approved'),
        ),
      ]);
      expect(late.map(codeOf)).toEqual(['INSPECTION_ORDER_CLOSED']);
      expect(await orderState(car.orderId)).toMatchObject({
        status: 'paid',
        total_fen: after.total_fen,
      });
    }
  });
});
