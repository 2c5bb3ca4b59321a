// The demo tenant shows realistic due items "today" right after seeding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../kernel/logger.ts';
import { createTestEnv, fixedClock, signInStaff, type TestEnv } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import type { TenantDueItemDto, VehicleDueDto } from './due.schemas.ts';

/** Its own tenant: test files share one PostgreSQL database. */
const SLUG = `demo-${Math.random().toString(36).slice(2, 10)}`;

const clock = fixedClock(new Date('2026-11-22T02:00:00Z'));
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock });
});
afterAll(() => env.close());

describe('demo due-list', () => {
  it('has overdue and due-soon items of several kinds, with why, after seeding', async () => {
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock,
      customers: 200,
      slug: SLUG,
    });
    expect(summary.counts.dueItems).toBeGreaterThan(200);
    const owner = summary.staffSignIns.find((s) => s.role === 'owner')!;
    const session = await signInStaff(env.app, SLUG, owner.login, DEMO_PASSWORD);
    const list = (
      await env.app.inject({
        url: '/api/v1/staff/due?window=due&limit=200',
        headers: session.headers,
      })
    ).json() as { today: string; items: TenantDueItemDto[] };
    expect(list.today).toBe('2026-11-22');
    expect(list.items.some((i) => i.status === 'overdue')).toBe(true);
    const month = (
      await env.app.inject({
        url: '/api/v1/staff/due?window=month&limit=200',
        headers: session.headers,
      })
    ).json() as { items: TenantDueItemDto[] };
    const kinds = new Set(month.items.map((i) => i.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['maintenance', 'insurance', 'inspection']));
    expect(month.items.some((i) => i.status === 'due_soon')).toBe(true);
    const week = (
      await env.app.inject({
        url: '/api/v1/staff/due?window=week&limit=200',
        headers: session.headers,
      })
    ).json() as { items: TenantDueItemDto[] };
    expect(week.items.length).toBeGreaterThan(0);
    const maintenance = (
      await env.app.inject({
        url: '/api/v1/staff/due?window=month&kind=maintenance&limit=200',
        headers: session.headers,
      })
    ).json() as { items: TenantDueItemDto[] };
    const done = maintenance.items.find((i) => i.basis === 'service' && i.lastDoneKm != null)!;
    expect(done.why).toMatch(/上次 \d{4}-\d{2}-\d{2} 在 [\d,]+ km 做过/);

    const found = (
      await env.app.inject({
        url: `/api/v1/staff/customers?q=${summary.customerPhone}`,
        headers: session.headers,
      })
    ).json();
    const car = found.items[0].vehicles[0];
    const due = (
      await env.app.inject({
        url: `/api/v1/staff/vehicles/${car.id}/due`,
        headers: session.headers,
      })
    ).json() as VehicleDueDto;
    expect(due.mileage).toMatchObject({ source: 'own' });
    expect(due.items.find((i) => i.code === 'oil_change')).toBeDefined();
  }, 240_000); // seeding is slow on a loaded machine
});
