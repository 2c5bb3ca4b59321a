import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../kernel/logger.ts';
import { fixedClock } from '../../kernel/clock.ts';
import { createTestEnv, signInStaff, type TestEnv } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from './seed.ts';

/** Its own tenant: test files share one PostgreSQL database. */
const SLUG = `demo-${Math.random().toString(36).slice(2, 10)}`;

// Sunday 2026-11-22, 10:00 in 广州: the demo's today is under way.
const NOW = new Date('2026-11-22T02:00:00Z');

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock: fixedClock(NOW) });
});
afterAll(() => env.close());

describe('seed --demo', () => {
  it('builds a tenant staff can sign in to, with customers, cars and history, once', async () => {
    const log = createLogger('silent');
    const clock = fixedClock(NOW);
    const summary = await seedDemo({ db: env.database.db, log, clock, customers: 40, slug: SLUG });
    expect(summary.created).toBe(true);
    expect(summary.counts).toMatchObject({ stores: 3, staff: 10, customers: 40 });
    expect(summary.counts.serviceOrders).toBeGreaterThan(40);
    expect(summary.counts.dataRequests).toBe(3);
    expect(summary.counts.catalogItems).toBeGreaterThanOrEqual(30);
    expect(summary.counts).toMatchObject({ events: 5, eventSignups: 36, eventCheckIns: 13 });
    expect(summary.counts).toMatchObject({ groupDeals: 3, groupDealJoiners: 10 });
    expect(summary.counts.articles).toBe(7);

    const again = await seedDemo({ db: env.database.db, log, clock, customers: 40, slug: SLUG });
    expect(again.created).toBe(false);

    const owner = summary.staffSignIns.find((s) => s.role === 'owner')!;
    const session = await signInStaff(env.app, SLUG, owner.login, DEMO_PASSWORD);
    const me = (await env.app.inject({ url: '/api/v1/staff/me', headers: session.headers })).json();
    expect(me.staff.stores).toHaveLength(3);
    const deals = (
      await env.app.inject({ url: '/api/v1/staff/deals', headers: session.headers })
    ).json().items as { status: string; joiners: number }[];
    expect(deals.map((d) => [d.status, d.joiners]).sort()).toEqual([
      ['failed', 3],
      ['open', 3],
      ['succeeded', 4],
    ]);
    // The assistant: on, with a booking it made, a handover answered, one owner waiting.
    const transcripts = (
      await env.app.inject({ url: '/api/v1/staff/assistant/transcripts', headers: session.headers })
    ).json().items as { status: string; customerId: string }[];
    expect(transcripts.map((x) => x.status).sort()).toEqual([
      'handed_over',
      'resolved',
      'resolved',
      'waiting',
    ]);
    const actions = await Promise.all(
      transcripts.map(
        async (x) =>
          (
            await env.app.inject({
              url: `/api/v1/staff/assistant/transcripts/${x.customerId}`,
              headers: session.headers,
            })
          ).json().actions as { kind: string }[],
      ),
    );
    expect(actions.flat().map((a) => a.kind)).toContain('booked');
    const requests = (
      await env.app.inject({
        url: '/api/v1/staff/data-requests?status=open',
        headers: session.headers,
      })
    ).json() as { items: { kind: string; dueOn: string }[] };
    expect(requests.items.map((r) => r.kind).sort()).toEqual(['correction', 'deletion']);
    for (const r of requests.items) expect(r.dueOn > '2026-11-22').toBe(true);
    // Moderation: a keyword list, and a member muted for advertising.
    const keywords = (
      await env.app.inject({ url: '/api/v1/staff/moderation/keywords', headers: session.headers })
    ).json() as { items: { word: string }[] };
    expect(keywords.items.map((k) => k.word)).toContain('加微信');
    const mutes = (
      await env.app.inject({ url: '/api/v1/staff/moderation/mutes', headers: session.headers })
    ).json() as { items: { reason: string }[] };
    expect(mutes.items).toHaveLength(1);
    // The call list looks worked on: calls of the past days, a snoozed and a declined car.
    const calls = (
      await env.app.inject({ url: '/api/v1/staff/call-list?status=all', headers: session.headers })
    ).json() as { items: { status: string; lastContact: { type: string } | null }[] };
    expect(summary.counts.callsLogged).toBeGreaterThanOrEqual(5);
    expect(calls.items.filter((r) => r.lastContact?.type === 'call').length).toBeGreaterThanOrEqual(
      3,
    );
    expect(calls.items.map((r) => r.status)).toEqual(
      expect.arrayContaining(['snoozed', 'not_interested', 'will_book']),
    );
    const found = (
      await env.app.inject({
        url: `/api/v1/staff/customers?q=${summary.customerPhone}`,
        headers: session.headers,
      })
    ).json();
    expect(found.items).toHaveLength(1);
    const car = found.items[0].vehicles[0];
    const orders = (
      await env.app.inject({
        url: `/api/v1/staff/vehicles/${car.id}/service-orders`,
        headers: session.headers,
      })
    ).json();
    expect(orders.items.length).toBeGreaterThan(1);
    expect(orders.items[0].summary).not.toBe('');
    expect(found.items[0].lastVisitAt).not.toBeNull();
    const owners = (
      await env.app.inject({
        url: `/api/v1/staff/vehicles/${car.id}/owners`,
        headers: session.headers,
      })
    ).json();
    expect(owners.items).toHaveLength(1);
    const customer = (
      await env.app.inject({
        url: `/api/v1/staff/customers/${found.items[0].id}`,
        headers: session.headers,
      })
    ).json();
    expect(
      customer.consents.filter((c: { granted: boolean }) => c.granted).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('has a day under way: bookings before and after now, cars in the shop, takings so far', async () => {
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock: fixedClock(NOW),
      customers: 40,
      slug: SLUG,
    });
    const manager = summary.staffSignIns.find((s) => s.role === 'manager')!;
    const session = await signInStaff(env.app, SLUG, manager.login, DEMO_PASSWORD);
    const res = await env.app.inject({ url: '/api/v1/staff/workbench', headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as {
      date: string;
      figures: { revenueFen: number; carsToday: number; openOrders: number; arrived: number };
      bookings: { items: { startsAt: string; canCheckIn: boolean }[] }[];
    };
    expect(w.date).toBe('2026-11-22');
    const starts = w.bookings.flatMap((h) => h.items.map((b) => Date.parse(b.startsAt)));
    expect(starts.some((t) => t < NOW.getTime())).toBe(true);
    expect(starts.some((t) => t > NOW.getTime())).toBe(true);
    expect(w.bookings.flatMap((h) => h.items).some((b) => b.canCheckIn)).toBe(true);
    expect(w.figures.arrived).toBeGreaterThan(0);
    expect(w.figures.revenueFen).toBeGreaterThan(0);
    expect(w.figures.carsToday).toBeGreaterThan(0);
    expect(w.figures.openOrders).toBeGreaterThan(0);
  });
  it('has lively clubs: members, recent posts, a pinned notice, one held post, the demo owner badged', async () => {
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock: fixedClock(NOW),
      customers: 40,
      slug: SLUG,
    });
    const manager = summary.staffSignIns.find((s) => s.role === 'manager')!;
    const session = await signInStaff(env.app, SLUG, manager.login, DEMO_PASSWORD);
    const get = async <T>(url: string) => {
      const res = await env.app.inject({ url, headers: session.headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as T;
    };
    const { items: clubs } = await get<{
      items: { id: string; name: string; memberCount: number; postCount: number }[];
    }>('/api/v1/staff/clubs');
    expect(clubs).toHaveLength(5);
    expect(clubs.reduce((n, c) => n + c.postCount, 0)).toBeGreaterThanOrEqual(30);
    const feeds = await Promise.all(
      clubs.map((c) =>
        get<{
          pinned: unknown[];
          items: { state: string; createdAt: string; images: { url: string }[] }[];
        }>(`/api/v1/staff/clubs/${c.id}/posts?limit=50`),
      ),
    );
    expect(feeds.filter((f) => f.pinned.length > 0).length).toBeGreaterThanOrEqual(1);
    const photo = feeds.flatMap((f) => f.items).find((p) => p.images.length > 0)!.images[0]!;
    expect((await env.app.inject({ url: photo.url })).statusCode).toBe(200);
    expect(feeds.flatMap((f) => f.items).filter((p) => p.state === 'held')).toHaveLength(1);
    const queue = await get<{ items: { kind: string }[] }>('/api/v1/staff/moderation/queue');
    expect(queue.items.filter((i) => i.kind === 'club_post')).toHaveLength(1);
    const newest = Math.max(...feeds.flatMap((f) => f.items.map((p) => Date.parse(p.createdAt))));
    expect(NOW.getTime() - newest).toBeLessThan(3 * 60 * 60 * 1000);
    const me = (
      await get<{ items: { id: string }[] }>(`/api/v1/staff/customers?q=${summary.customerPhone}`)
    ).items[0]!;
    const badged = [];
    for (const c of clubs) {
      const { items } = await get<{ items: { customerId: string; badges: unknown[] }[] }>(
        `/api/v1/staff/clubs/${c.id}/members?limit=200`,
      );
      const mine = items.find((m) => m.customerId === me.id);
      if (mine && mine.badges.length > 0) badged.push(c.name);
    }
    expect(badged.length).toBeGreaterThanOrEqual(1);
  });

  it('has interest profiles: most owners scored, some following, a tyres segment with members', async () => {
    // Seeded by the first test: seeding again only answers the sign-ins.
    const summary = await seedDemo({
      db: env.database.db,
      log: createLogger('silent'),
      clock: fixedClock(NOW),
      customers: 40,
      slug: SLUG,
    });
    const login = summary.staffSignIns.find((x) => x.role === 'owner')!.login;
    const session = await signInStaff(env.app, SLUG, login, DEMO_PASSWORD);
    const list = (
      await env.app.inject({ url: '/api/v1/staff/segments', headers: session.headers })
    ).json() as { items: { id: string; name: string }[] };
    const tyres = list.items.find((x) => x.name === '关注轮胎的车主');
    expect(tyres).toBeDefined();
    const detail = await env.app.inject({
      url: `/api/v1/staff/segments/${tyres!.id}`,
      headers: session.headers,
    });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().count).toBeGreaterThan(0);
  });
});
