// Interests on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): owners read through
// the app's route, follow tags, switch personalisation off; scores, segments, the staff card,
// merge and erasure are checked against what the rules say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { newId } from '../../kernel/ids.ts';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { ensureTags } from '../articles/index.ts';
import { eraseCustomer } from '../privacy/index.ts';
import type { SegmentNode } from '../segments/index.ts';
import { membersSql } from '../segments/index.ts';
import { registerContentTags } from './content-tags.ts';
import { HALF_LIFE_MS, readingScore, roundScore } from './interest-rules.ts';
import { interestScoresOf } from './interests.service.ts';

const D = 86_400_000;
const T = new Date('2026-12-01T02:00:00.000Z');
const clock = fixedClock(T);

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let staff: Session;
const who: Record<string, { s: Session; id: string }> = {};
/** Articles as the content hook sees them: id → tag slugs (only in tenant t). */
const ARTICLES = {
  tyres1: newId(),
  tyres2: newId(),
  service: newId(),
  untagged: newId(),
};
const TAGS_OF: Record<string, string[]> = {
  [ARTICLES.tyres1]: ['tyres', 'saving'],
  [ARTICLES.tyres2]: ['tyres'],
  [ARTICLES.service]: ['maintenance'],
  [ARTICLES.untagged]: [],
};
let unregister: () => void;

const call = (
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: object,
) => env.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

const read = (s: Session, body: object) => call(s, 'POST', '/api/v1/app/reading-events', body);
const article = (id: string, event: string, extra: object = {}) => ({
  subjectType: 'article',
  subjectId: id,
  event,
  ...extra,
});

async function mine(s: Session) {
  const res = await call(s, 'GET', '/api/v1/app/interests');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    personalised: boolean;
    follows: string[];
    scores: { slug: string; name: string; score: number }[];
  };
}
const hookScore = async (customerId: string, slug: string) =>
  (await env.inTenant(t.id, (ctx) => interestScoresOf(ctx, customerId))).get(slug) ?? 0;
const scoreOf = async (s: Session, slug: string) =>
  (await mine(s)).scores.find((x) => x.slug === slug)?.score ?? 0;

async function rows(table: string, customerId: string) {
  const [r] = await env.inTenant(t.id, (ctx) =>
    queryRows<{ n: number }>(
      ctx.tx,
      sql`select count(*)::int as n from ${sql.identifier(table)} where customer_id = ${customerId}::uuid`,
    ),
  );
  return Number(r?.n ?? 0);
}

async function members(filter: SegmentNode, at: Date = T): Promise<string[]> {
  clock.set(at);
  try {
    const found = await env.inTenant(t.id, async (ctx) =>
      queryRows<{ customer_id: string }>(ctx.tx, await membersSql(ctx, filter)),
    );
    const byId = new Map(Object.entries(who).map(([name, p]) => [p.id, name]));
    return found.flatMap((r) => byId.get(r.customer_id) ?? []).sort();
  } finally {
    clock.set(T);
  }
}
const interest = (slug: string, op: 'gte' | 'lt', v: number): SegmentNode => ({
  kind: 'rule',
  field: 'interest.score',
  op,
  value: [slug, v],
});

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  staff = await signInStaff(env.app, t.slug, t.staff.owner.login);
  unregister = registerContentTags(async (ctx, refs) => {
    const out = new Map<string, string[]>();
    if (ctx.tenantId !== t.id) return out;
    for (const r of refs)
      if (r.type === 'article' && TAGS_OF[r.id]) out.set(`article:${r.id}`, TAGS_OF[r.id]!);
    return out;
  });
  await env.inTenant(t.id, (ctx) =>
    ensureTags(ctx, [
      { slug: 'tyres', name: '轮胎' },
      { slug: 'maintenance', name: '保养' },
      { slug: 'saving', name: '省钱窍门' },
    ]),
  );
  for (const [i, name] of ['a', 'b', 'c', 'd', 'e', 'f', 'g'].entries()) {
    const s = await signInCustomer(env, t, `+861390000100${i}`);
    const me = (await call(s, 'GET', '/api/v1/app/me')).json() as { customer: { id: string } };
    who[name] = { s, id: me.customer.id };
  }
});

afterAll(async () => {
  unregister?.();
  await env?.close();
});

describe('reading events', () => {
  it('scores opened < time < finished, counts an opened once per 30 minutes', async () => {
    const { s } = who.a!;
    let res = await read(s, article(ARTICLES.tyres1, 'opened'));
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toEqual({ recorded: true });
    expect(await scoreOf(s, 'tyres')).toBe(roundScore(readingScore(1)));
    expect(await scoreOf(s, 'saving')).toBe(roundScore(readingScore(1)));
    // Opened again within the window: recorded, but it adds nothing.
    res = await read(s, article(ARTICLES.tyres1, 'opened'));
    expect(res.json()).toEqual({ recorded: true });
    expect(await scoreOf(s, 'tyres')).toBe(roundScore(readingScore(1)));
    // 90 s on the page: one more point; the same running total again adds nothing.
    await read(s, article(ARTICLES.tyres1, 'progress', { seconds: 90, depth: 0.5 }));
    await read(s, article(ARTICLES.tyres1, 'progress', { seconds: 90, depth: 0.5 }));
    expect(await scoreOf(s, 'tyres')).toBe(roundScore(readingScore(2)));
    // Finished after 10 minutes: time capped at 2 points, plus 3 for finishing.
    await read(s, article(ARTICLES.tyres1, 'finished', { seconds: 600, depth: 1 }));
    expect(await scoreOf(s, 'tyres')).toBe(roundScore(readingScore(6)));
    expect(await rows('reading_events', who.a!.id)).toBe(5);
  });

  it('counts an opened again after the window', async () => {
    const { s } = who.c!;
    await read(s, article(ARTICLES.tyres2, 'opened'));
    clock.set(new Date(T.getTime() + 31 * 60_000));
    try {
      await read(s, article(ARTICLES.tyres2, 'opened'));
    } finally {
      clock.set(T);
    }
    // Two points valued 31 minutes apart: a hair of decay on the first.
    expect(await scoreOf(s, 'tyres')).toBe(roundScore(readingScore(2)));
  });

  it('answers 404 for a subject no content module knows, 400 for bad input', async () => {
    const { s } = who.d!;
    expect((await read(s, article(newId(), 'opened'))).statusCode).toBe(404);
    const mag = await read(s, {
      subjectType: 'magazine_issue',
      subjectId: newId(),
      event: 'opened',
    });
    expect(mag.statusCode).toBe(404);
    const bad = await read(s, article(ARTICLES.tyres1, 'progress', { seconds: 9000 }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toContain('seconds');
    expect((await read(s, article(ARTICLES.tyres1, 'read'))).statusCode).toBe(400);
    expect((await read(s, article('not-a-uuid', 'opened'))).statusCode).toBe(400);
    // Another tenant's owner cannot read this tenant's articles.
    const stranger = await signInCustomer(env, other, '+8613900002000');
    expect((await read(stranger, article(ARTICLES.tyres1, 'opened'))).statusCode).toBe(404);
    expect(await rows('reading_events', who.d!.id)).toBe(0);
  });

  it('records an untagged article without scoring anything', async () => {
    const { s } = who.d!;
    const res = await read(s, article(ARTICLES.untagged, 'finished', { seconds: 100 }));
    expect(res.json()).toEqual({ recorded: true });
    expect((await mine(s)).scores).toEqual([]);
    await env.inTenant(t.id, (ctx) =>
      ctx.tx.execute(sql`delete from reading_events where customer_id = ${who.d!.id}::uuid`),
    );
  });

  it('decays to half at exactly the half-life', async () => {
    clock.set(new Date(T.getTime() + HALF_LIFE_MS));
    try {
      expect(await hookScore(who.a!.id, 'tyres')).toBe(roundScore(readingScore(3)));
    } finally {
      clock.set(T);
    }
  });
});

describe('follows', () => {
  it('follows and unfollows a tag; a follow is a floor that does not decay', async () => {
    const { s } = who.b!;
    let res = await call(s, 'PUT', '/api/v1/app/interests/follows/tyres');
    expect(res.statusCode, res.body).toBe(204);
    res = await call(s, 'PUT', '/api/v1/app/interests/follows/tyres');
    expect(res.statusCode).toBe(204);
    expect((await mine(s)).follows).toEqual(['tyres']);
    expect(await scoreOf(s, 'tyres')).toBe(0.6);
    expect((await mine(s)).scores[0]).toMatchObject({ slug: 'tyres', name: '轮胎' });
    clock.set(new Date(T.getTime() + 365 * D));
    try {
      expect(await hookScore(who.b!.id, 'tyres')).toBe(0.6);
    } finally {
      clock.set(T);
    }
    expect((await call(s, 'PUT', '/api/v1/app/interests/follows/nope')).statusCode).toBe(404);
    await call(s, 'PUT', '/api/v1/app/interests/follows/maintenance');
    res = await call(s, 'DELETE', '/api/v1/app/interests/follows/maintenance');
    expect(res.statusCode).toBe(204);
    expect((await mine(s)).follows).toEqual(['tyres']);
    expect(await scoreOf(s, 'maintenance')).toBe(0);
  });
});

describe('personalisation off', () => {
  it('deletes the reading at once, records nothing more, answers no scores', async () => {
    const { s, id } = who.e!;
    await read(s, article(ARTICLES.tyres1, 'finished', { seconds: 200 }));
    await call(s, 'PUT', '/api/v1/app/interests/follows/tyres');
    expect(await rows('interest_scores', id)).toBeGreaterThan(0);
    const res = await call(s, 'PUT', '/api/v1/app/interests/settings', { personalised: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ personalised: false });
    expect(await rows('reading_events', id)).toBe(0);
    expect(await rows('interest_scores', id)).toBe(0);
    expect(await rows('interest_consents', id)).toBe(1);
    const again = await read(s, article(ARTICLES.tyres2, 'opened'));
    expect(again.statusCode).toBe(202);
    expect(again.json()).toEqual({ recorded: false });
    expect(await rows('reading_events', id)).toBe(0);
    const view = await mine(s);
    expect(view).toMatchObject({ personalised: false, scores: [], follows: ['tyres'] });
    const hook = await env.inTenant(t.id, (ctx) => interestScoresOf(ctx, id));
    expect(hook.size).toBe(0);
    const [audit] = await env.inTenant(t.id, (ctx) =>
      queryRows<{ n: number }>(
        ctx.tx,
        sql`select count(*)::int as n from audit_log where action = 'interests.personalisationChanged' and entity_id = ${id}::uuid`,
      ),
    );
    expect(Number(audit?.n)).toBe(1);
  });
});

describe('segments', () => {
  beforeAll(async () => {
    // f reads a little about tyres; g nothing at all.
    await read(who.f!.s, article(ARTICLES.tyres2, 'opened'));
  });

  it('selects by interest as it is now, follows counting, the switched-off left out', async () => {
    // a: 6 points (0.53); b: follows (0.6); c: 2 points (0.22); f: 1 (0.12); e: off; g: none.
    expect(await members(interest('tyres', 'gte', 0.5))).toEqual(['a', 'b']);
    expect(await members(interest('tyres', 'gte', 0.2))).toEqual(['a', 'b', 'c']);
    expect(await members(interest('tyres', 'gte', 0.1))).toEqual(['a', 'b', 'c', 'f']);
    expect(await members(interest('tyres', 'gte', 0.7))).toEqual([]);
    expect(await members(interest('tyres', 'lt', 0.5))).toEqual(['c', 'd', 'e', 'f', 'g']);
    expect(await members(interest('tyres', 'gte', 0))).toHaveLength(7);
    expect(await members(interest('maintenance', 'gte', 0.01))).toEqual([]);
    const follows: SegmentNode = {
      kind: 'rule',
      field: 'interest.follows',
      op: 'in',
      value: ['tyres'],
    };
    expect(await members(follows)).toEqual(['b']);
    expect(await members({ ...follows, op: 'not_in' })).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
  });

  it('applies the decay at query time: a week later a no longer scores 0.5', async () => {
    const later = new Date(T.getTime() + 7 * D);
    expect(await members(interest('tyres', 'gte', 0.5), later)).toEqual(['b']);
    // The same answer as the hook's scores, at several thresholds.
    clock.set(later);
    try {
      for (const v of [0.05, 0.15, 0.3, 0.45]) {
        const expected: string[] = [];
        for (const [name, p] of Object.entries(who)) {
          const s = await env.inTenant(t.id, (ctx) => interestScoresOf(ctx, p.id));
          // The hook rounds; compare away from the rounding edge.
          if ((s.get('tyres') ?? 0) >= v) expected.push(name);
        }
        clock.set(T);
        expect(await members(interest('tyres', 'gte', v), later)).toEqual(expected.sort());
        clock.set(later);
      }
    } finally {
      clock.set(T);
    }
  });

  it('refuses bad interest values with the path', async () => {
    for (const value of [['tyres'], ['tyres', 2], [42, 0.5], 'tyres']) {
      const res = await call(staff, 'POST', '/api/v1/staff/segments/preview', {
        filter: { kind: 'rule', field: 'interest.score', op: 'gte', value },
      });
      expect(res.statusCode, JSON.stringify(value)).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'SEGMENT_FILTER_INVALID',
        field: 'filter.value',
      });
    }
    const ok = await call(staff, 'POST', '/api/v1/staff/segments/preview', {
      filter: interest('tyres', 'gte', 0.5),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().count).toBe(2);
  });
});

describe('staff card, merge and erasure', () => {
  it('shows a customer’s top interests to staff', async () => {
    const res = await call(staff, 'GET', `/api/v1/staff/customers/${who.a!.id}/interests`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { slug: string }[];
    expect(items.map((i) => i.slug).sort()).toEqual(['saving', 'tyres']);
    expect(items.find((i) => i.slug === 'tyres')).toMatchObject({ name: '轮胎', followed: false });
    const missing = await call(staff, 'GET', `/api/v1/staff/customers/${newId()}/interests`);
    expect(missing.statusCode).toBe(404);
  });

  it('folds a duplicate’s points and follows into the survivor', async () => {
    // c (2 points on tyres) merges into a (6 points): the survivor has both, decayed to now.
    const res = await call(staff, 'POST', `/api/v1/staff/customers/${who.a!.id}/merge`, {
      duplicateId: who.c!.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const scores = await env.inTenant(t.id, (ctx) => interestScoresOf(ctx, who.a!.id));
    expect(scores.get('tyres')).toBe(roundScore(readingScore(8)));
    expect(await rows('interest_scores', who.c!.id)).toBe(0);
    expect(await rows('reading_events', who.c!.id)).toBe(0);
    expect(await rows('reading_events', who.a!.id)).toBe(7);
  });

  it('erases the whole profile with the customer', async () => {
    await env.inTenant(t.id, (ctx) => eraseCustomer(ctx, who.b!.id));
    for (const table of ['interest_follows', 'interest_scores', 'reading_events'])
      expect(await rows(table, who.b!.id)).toBe(0);
  });
});

describe('/reading.js', () => {
  it('is served to anyone as JavaScript', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/reading.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.body).toContain('/api/v1/app/reading-events');
    expect(res.body).toContain('x-csrf-token');
  });
});
