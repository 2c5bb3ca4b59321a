// Moderation over HTTP on a real database, with a test-only kind of piece ("test_note") registered
// through the same hook the composition root uses: weighted reports hide a piece exactly at the
// threshold; a second report, one's own piece, an unknown kind; decisions with actor and reason;
// keywords that hold a piece; mutes that block new pieces until they end and hide past ones;
// roles; another tenant's piece; and, on PostgreSQL, concurrent reports hiding a piece once.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModerationSubjectHandler, ModerationSubjectView } from '../../app/module.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
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
import { mergeCustomers } from '../customers/index.ts';
import { enqueueHeld, registerModerationSubjects, screenSubmission } from './index.ts';

const pg = !!process.env.TEST_DATABASE_URL;
const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));
const DAY = 24 * 60 * 60 * 1000;

// ---- the test-only subject kind: notes kept in memory, per tenant ----

interface Note {
  tenantId: string;
  id: string;
  author: string;
  scopeId: string | null;
  text: string;
  state: 'visible' | 'held' | 'hidden';
}
const notes = new Map<string, Note>();
/** Customers whose reports weigh 3 (an organiser or a KOL). */
const heavy = new Set<string>();
const setStateCalls: { ids: readonly string[]; state: string }[] = [];

const view = (n: Note): ModerationSubjectView => ({
  kind: 'test_note',
  id: n.id,
  authorCustomerId: n.author,
  scopeId: n.scopeId,
  scopeName: n.scopeId ? '越野车友会' : null,
  text: n.text,
  imageUrls: [],
  state: n.state,
  createdAt: new Date('2026-11-30T08:00:00Z'),
});
const mine = (ctx: Ctx, id: string) => {
  const n = notes.get(id);
  return n && n.tenantId === ctx.tenantId ? n : undefined;
};
const handler: ModerationSubjectHandler = {
  load: async (ctx, ids) => ids.flatMap((id) => (mine(ctx, id) ? [view(mine(ctx, id)!)] : [])),
  setState: async (ctx, ids, state) => {
    setStateCalls.push({ ids, state });
    for (const id of ids) {
      const n = mine(ctx, id);
      if (n) n.state = state;
    }
  },
  reportWeight: async (ctx, id, customerId) => {
    const n = mine(ctx, id);
    if (!n || n.state !== 'visible') return null;
    return heavy.has(customerId) ? 3 : 1;
  },
  visibleByAuthor: async (ctx, customerId, scopeId) =>
    [...notes.values()]
      .filter(
        (n) =>
          n.tenantId === ctx.tenantId &&
          n.author === customerId &&
          n.state === 'visible' &&
          (scopeId === null || n.scopeId === scopeId),
      )
      .map((n) => n.id),
};

function note(
  tenant: TestTenant,
  author: string,
  text = '周末去郊外跑山',
  scopeId: string | null = null,
) {
  const n: Note = { tenantId: tenant.id, id: newId(), author, scopeId, text, state: 'visible' };
  notes.set(n.id, n);
  return n;
}

// ---- HTTP helpers ----

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;
let otherOwner: Session;
const readers: { s: Session; id: string }[] = [];
let author: { s: Session; id: string };
let kol: { s: Session; id: string };
let stranger: { s: Session; id: string };

function call(
  s: Session,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { ...s.headers, 'accept-language': 'en' },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}
async function ok<T = Record<string, unknown>>(res: Promise<LightMyRequestResponse>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return (r.body ? r.json() : undefined) as T;
}
async function fails(res: Promise<LightMyRequestResponse>, status: number, code: string) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as { error: { code: string; field?: string; details?: unknown } };
  expect(body.error.code).toBe(code);
  return body.error;
}

async function customer(tenant: TestTenant, phone: string) {
  const s = await signInCustomer(env, tenant, phone);
  const me = await env.app.inject({ url: '/api/v1/app/me', headers: s.headers });
  return { s, id: me.json().customer.id as string };
}

const report = (who: { s: Session }, subjectId: string, reason = 'spam', kind = 'test_note') =>
  call(who.s, 'POST', '/api/v1/app/moderation/reports', { kind, subjectId, reason });
const decide = (s: Session, subjectId: string, action: string, reason?: string) =>
  call(s, 'POST', '/api/v1/staff/moderation/decisions', {
    kind: 'test_note',
    subjectId,
    action,
    ...(reason !== undefined ? { reason } : {}),
  });

interface QueueItem {
  id: string;
  subjectId: string;
  reasons: string[];
  reportWeight: number;
  autoHiddenAt: string | null;
  subject: { text: string; state: string; authorName: string | null } | null;
  reports: {
    reporterCustomerId: string;
    reporterName: string | null;
    weight: number;
    reason: string;
    note: string | null;
  }[];
}
interface LogEntry {
  action: string;
  actor: string;
  actorType: string;
  actorName: string | null;
  subjectId: string | null;
  subjectText: string | null;
  scopeName: string | null;
  customerId: string | null;
  customerName: string | null;
  keyword: string | null;
  reason: string;
}
const queue = async () =>
  (
    await ok<{ items: QueueItem[] }>(
      call(manager, 'GET', '/api/v1/staff/moderation/queue?limit=200'),
    )
  ).items;
const logOf = async (query: string) =>
  (await ok<{ items: LogEntry[] }>(call(owner, 'GET', `/api/v1/staff/moderation/log?${query}`)))
    .items;

const screen = (
  input: Partial<Parameters<typeof screenSubmission>[1]> & { authorCustomerId: string },
) =>
  env.inTenant(t.id, (ctx) =>
    screenSubmission(ctx, {
      kind: 'test_note',
      scopeId: null,
      text: '今天保养完了',
      hasImage: false,
      trustLevel: 1,
      ...input,
    }),
  );

beforeAll(async () => {
  registerModerationSubjects({ test_note: handler });
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
  author = await customer(t, '13900005000');
  kol = await customer(t, '13900005001');
  heavy.add(kol.id);
  for (const [who, name] of [
    [author, '赵大伟'],
    [kol, '钱志强'],
  ] as const)
    await ok(
      env.app.inject({
        method: 'PATCH',
        url: `/api/v1/staff/customers/${who.id}`,
        headers: owner.headers,
        payload: { name },
      }),
    );
  for (let i = 0; i < 6; i++)
    readers.push(await customer(t, `139000051${String(i).padStart(2, '0')}`));
  stranger = await customer(other, '13900005000');
}, 120_000);
afterAll(() => env?.close());

describe('reports', () => {
  it('hide a piece automatically exactly when the weighted sum reaches the threshold', async () => {
    const n = note(t, author.id, '低价出售原厂配件，私聊');
    await ok(report(kol, n.id, 'ads'), 201); // 3
    await ok(report(readers[0]!, n.id), 201); // 4
    expect(n.state).toBe('visible');
    let item = (await queue()).find((i) => i.subjectId === n.id)!;
    expect(item).toMatchObject({ reasons: ['reports'], reportWeight: 4, autoHiddenAt: null });

    await ok(report(readers[1]!, n.id), 201); // 5 = the default threshold
    expect(n.state).toBe('hidden');
    item = (await queue()).find((i) => i.subjectId === n.id)!;
    expect(item.reportWeight).toBe(5);
    expect(item.autoHiddenAt).not.toBeNull();
    expect(item.subject).toMatchObject({
      text: '低价出售原厂配件，私聊',
      state: 'hidden',
      authorName: '赵大伟',
    });
    expect(item.reports.map((r) => [r.reporterCustomerId, r.reporterName, r.weight])).toEqual([
      [kol.id, '钱志强', 3],
      [readers[0]!.id, null, 1],
      [readers[1]!.id, null, 1],
    ]);
    const log = await logOf(`subjectId=${n.id}`);
    expect(log).toEqual([
      expect.objectContaining({ action: 'auto_hide', actor: 'system', actorType: 'system' }),
    ]);

    // Hidden now: a reader can no longer see it, so cannot report it.
    await fails(report(readers[2]!, n.id), 404, 'NOT_FOUND');
  });

  it('follow the tenant’s threshold', async () => {
    await ok(
      call(owner, 'PUT', '/api/v1/staff/moderation/settings', {
        autoHideThreshold: 2,
        minTrustForLinks: 1,
      }),
    );
    const n = note(t, author.id);
    await ok(report(readers[0]!, n.id), 201);
    expect(n.state).toBe('visible');
    await ok(report(readers[1]!, n.id), 201);
    expect(n.state).toBe('hidden');
    await ok(
      call(owner, 'PUT', '/api/v1/staff/moderation/settings', {
        autoHideThreshold: 5,
        minTrustForLinks: 1,
      }),
    );
    expect(await ok(call(manager, 'GET', '/api/v1/staff/moderation/settings'))).toEqual({
      autoHideThreshold: 5,
      minTrustForLinks: 1,
    });
  });

  it('refuse a second report by the same owner, one’s own piece, an unknown kind', async () => {
    const n = note(t, author.id);
    await ok(
      call(readers[3]!.s, 'POST', '/api/v1/app/moderation/reports', {
        kind: 'test_note',
        subjectId: n.id,
        reason: 'other',
        note: '<b>骂人</b><script>x()</script>',
      }),
      201,
    );
    const err = await fails(report(readers[3]!, n.id), 409, 'MODERATION_ALREADY_REPORTED');
    expect(err.details).toHaveProperty('reportedAt');
    await fails(report(author, n.id), 400, 'MODERATION_OWN_SUBJECT');
    await fails(report(readers[3]!, n.id, 'spam', 'no_such_kind'), 400, 'MODERATION_KIND_UNKNOWN');
    await fails(report(readers[3]!, newId()), 404, 'NOT_FOUND');
    const item = (await queue()).find((i) => i.subjectId === n.id)!;
    expect(item.reportWeight).toBe(1);
    expect(item.reports[0]!.note).toBe('骂人');
  });
});

describe('decisions', () => {
  it('name a long piece in the log by the beginning of its text', async () => {
    const long = '油'.repeat(59) + '耗偏高怎么办？有没有一样的车友';
    const n = note(t, author.id, long);
    await ok(decide(manager, n.id, 'hide', '重复发帖'));
    const [entry] = await logOf(`subjectId=${n.id}`);
    expect(entry!.subjectText).toBe('油'.repeat(59) + '耗…');
  });

  it('restore, hide and approve, each logged with the staff member and the reason', async () => {
    const n = note(t, author.id);
    for (const r of readers.slice(0, 5)) await ok(report(r, n.id), 201);
    expect(n.state).toBe('hidden');

    const restored = await ok(decide(manager, n.id, 'restore', '误举报，内容正常'));
    expect(restored).toMatchObject({ state: 'visible', queueItemClosed: true });
    expect(n.state).toBe('visible');
    expect((await queue()).some((i) => i.subjectId === n.id)).toBe(false);

    await fails(decide(manager, n.id, 'hide'), 400, 'MODERATION_REASON_REQUIRED');
    await fails(decide(manager, n.id, 'hide', '   '), 400, 'MODERATION_REASON_REQUIRED');
    expect(n.state).toBe('visible');
    await ok(decide(owner, n.id, 'hide', '人身攻击'));
    expect(n.state).toBe('hidden');

    const log = await logOf(`subjectId=${n.id}`);
    // Each row says which piece: the beginning of its text (long texts cut), and where it is.
    expect(log.every((e) => e.subjectText === '周末去郊外跑山' && e.scopeName === null)).toBe(true);
    expect(log.map((e) => [e.action, e.actor, e.actorName, e.reason])).toEqual([
      ['hide', t.staff.owner.id, 'owner0', '人身攻击'],
      ['restore', t.staff.manager.id, 'manager1', '误举报，内容正常'],
      ['auto_hide', 'system', null, 'reports 5/5'],
    ]);
    const byManager = await logOf(`actor=${t.staff.manager.id}`);
    expect(byManager.every((e) => e.actor === t.staff.manager.id)).toBe(true);
    expect(byManager.some((e) => e.subjectId === n.id && e.action === 'restore')).toBe(true);

    // A later report opens a new item with a fresh sum (readers who reported before cannot).
    await ok(decide(owner, n.id, 'restore', '已沟通'));
    await fails(report(readers[0]!, n.id), 409, 'MODERATION_ALREADY_REPORTED');
    await ok(report(readers[5]!, n.id), 201);
    expect((await queue()).find((i) => i.subjectId === n.id)!.reportWeight).toBe(1);
  });

  it('are for the owner and managers only', async () => {
    const n = note(t, author.id);
    for (const s of [technician, advisor]) {
      await fails(call(s, 'GET', '/api/v1/staff/moderation/queue'), 403, 'FORBIDDEN');
      await fails(decide(s, n.id, 'hide', '广告'), 403, 'FORBIDDEN');
      await fails(
        call(s, 'POST', '/api/v1/staff/moderation/mutes', {
          customerId: author.id,
          days: 1,
          reason: '广告',
        }),
        403,
        'FORBIDDEN',
      );
    }
    expect(n.state).toBe('visible');
  });

  it('cannot reach another tenant’s piece', async () => {
    const n = note(t, author.id);
    await fails(decide(otherOwner, n.id, 'hide', '广告'), 404, 'NOT_FOUND');
    await fails(report(stranger, n.id), 404, 'NOT_FOUND');
    await fails(
      call(manager, 'POST', '/api/v1/staff/moderation/decisions', {
        kind: 'nope',
        subjectId: n.id,
        action: 'hide',
        reason: 'x',
      }),
      400,
      'MODERATION_KIND_UNKNOWN',
    );
    expect(n.state).toBe('visible');
  });
});

describe('keywords and holds', () => {
  it('hold a piece with a keyword whatever its width and case; approval publishes it', async () => {
    await ok(call(owner, 'POST', '/api/v1/staff/moderation/keywords', { word: '加微信' }), 201);
    const vx = await ok<{ id: string }>(
      call(owner, 'POST', '/api/v1/staff/moderation/keywords', { word: 'VX' }),
      201,
    );
    await fails(
      call(owner, 'POST', '/api/v1/staff/moderation/keywords', { word: '加 微信' }),
      409,
      'MODERATION_KEYWORD_EXISTS',
    );
    await fails(
      call(owner, 'POST', '/api/v1/staff/moderation/keywords', { word: 'ｖｘ' }),
      409,
      'MODERATION_KEYWORD_EXISTS',
    );

    expect(await screen({ authorCustomerId: author.id, text: '有兴趣加 微 信聊' })).toEqual({
      state: 'held',
      reasons: ['keyword'],
    });
    expect(
      await screen({ authorCustomerId: author.id, text: '我的ＶＸ号', trustLevel: 9 }),
    ).toEqual({
      state: 'held',
      reasons: ['keyword'],
    });
    expect(await screen({ authorCustomerId: author.id, text: '普通的帖子' })).toEqual({
      state: 'visible',
      reasons: [],
    });

    const n = note(t, author.id, '有兴趣加 微 信聊');
    n.state = 'held';
    await env.inTenant(t.id, (ctx) =>
      enqueueHeld(ctx, { kind: 'test_note', subjectId: n.id, reasons: ['keyword'] }),
    );
    const item = (await queue()).find((i) => i.subjectId === n.id)!;
    expect(item).toMatchObject({
      reasons: ['keyword'],
      reportWeight: 0,
      subject: { state: 'held' },
    });
    await ok(decide(manager, n.id, 'approve'));
    expect(n.state).toBe('visible');
    expect((await logOf(`subjectId=${n.id}`)).map((e) => [e.action, e.actor])).toEqual([
      ['approve', t.staff.manager.id],
      ['hold', 'system'],
    ]);

    await ok(call(owner, 'DELETE', `/api/v1/staff/moderation/keywords/${vx.id}`), 204);
    await fails(
      call(owner, 'DELETE', `/api/v1/staff/moderation/keywords/${vx.id}`),
      404,
      'NOT_FOUND',
    );
    expect(await screen({ authorCustomerId: author.id, text: '我的ＶＸ号' })).toMatchObject({
      state: 'visible',
    });
    const kw = await logOf('action=keyword_remove');
    expect(kw[0]).toMatchObject({ keyword: 'VX', actor: t.staff.owner.id });
  });

  it('hold links and images from authors below the tenant’s trust', async () => {
    const a = { authorCustomerId: author.id };
    expect(await screen({ ...a, text: '看 https://x.example', trustLevel: 0 })).toEqual({
      state: 'held',
      reasons: ['link'],
    });
    expect(await screen({ ...a, hasImage: true, trustLevel: 0 })).toEqual({
      state: 'held',
      reasons: ['image'],
    });
    expect(await screen({ ...a, text: '看 https://x.example', trustLevel: 1 })).toMatchObject({
      state: 'visible',
    });
  });
});

describe('mutes', () => {
  it('block new pieces in the scope until they end, and hide the member’s past pieces', async () => {
    const club = newId();
    const otherClub = newId();
    const inClub = [note(t, author.id, '帖一', club), note(t, author.id, '帖二', club)];
    const elsewhere = note(t, author.id, '别处的帖', otherClub);
    await fails(
      call(manager, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: author.id,
        scopeId: club,
        days: 3,
        reason: ' ',
      }),
      400,
      'MODERATION_REASON_REQUIRED',
    );
    await fails(
      call(manager, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: stranger.id,
        days: 3,
        reason: '广告',
      }),
      404,
      'NOT_FOUND',
    );
    const mute = await ok<{ id: string; until: string; hiddenCount: number; active: boolean }>(
      call(manager, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: author.id,
        scopeId: club,
        days: 3,
        hidePast: true,
        reason: '反复发广告',
      }),
      201,
    );
    expect(mute).toMatchObject({ hiddenCount: 2, active: true, customerName: '赵大伟' });
    expect(mute.until).toBe(new Date(clock.now().getTime() + 3 * DAY).toISOString());
    expect(inClub.map((n) => n.state)).toEqual(['hidden', 'hidden']);
    expect(elsewhere.state).toBe('visible');
    const log = await logOf(`customerId=${author.id}`);
    expect(
      log
        .filter((e) => e.action === 'hide')
        .map((e) => e.subjectId)
        .sort(),
    ).toEqual(inClub.map((n) => n.id).sort());
    expect(log.filter((e) => e.action === 'hide').map((e) => e.scopeName)).toEqual([
      '越野车友会',
      '越野车友会',
    ]);
    expect(log.find((e) => e.action === 'mute')).toMatchObject({
      actor: t.staff.manager.id,
      actorName: 'manager1',
      customerName: '赵大伟',
      reason: '反复发广告',
    });

    const blocked = await screen({ authorCustomerId: author.id, scopeId: club }).catch((e) => e);
    expect(blocked).toBeInstanceOf(AppError);
    expect((blocked as AppError).code).toBe('MEMBER_MUTED');
    expect((blocked as AppError).status).toBe(403);
    expect((blocked as AppError).details).toEqual({ until: mute.until });
    expect(await screen({ authorCustomerId: author.id, scopeId: otherClub })).toMatchObject({
      state: 'visible',
    });
    const listed = await ok<{ items: { id: string }[] }>(
      call(manager, 'GET', `/api/v1/staff/moderation/mutes?customerId=${author.id}`),
    );
    expect(listed.items.map((m) => m.id)).toEqual([mute.id]);

    clock.advance(3 * DAY - 1000);
    await expect(screen({ authorCustomerId: author.id, scopeId: club })).rejects.toThrow();
    clock.advance(2000);
    // Three days on, the staff sign in again (sessions end when idle).
    owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
    manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
    otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
    expect(await screen({ authorCustomerId: author.id, scopeId: club })).toMatchObject({
      state: 'visible',
    });
    const after = await ok<{ items: unknown[] }>(
      call(manager, 'GET', `/api/v1/staff/moderation/mutes?customerId=${author.id}`),
    );
    expect(after.items).toEqual([]);
  });

  it('everywhere block every scope until lifted', async () => {
    const mute = await ok<{ id: string }>(
      call(owner, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: readers[4]!.id,
        days: 30,
        reason: '辱骂他人',
      }),
      201,
    );
    await expect(screen({ authorCustomerId: readers[4]!.id, scopeId: newId() })).rejects.toThrow(
      /muted/,
    );
    await expect(screen({ authorCustomerId: readers[4]!.id })).rejects.toThrow(/muted/);
    const lifted = await ok<{ active: boolean; endedAt: string }>(
      call(owner, 'DELETE', `/api/v1/staff/moderation/mutes/${mute.id}`),
    );
    expect(lifted.active).toBe(false);
    expect(await screen({ authorCustomerId: readers[4]!.id })).toMatchObject({ state: 'visible' });
    expect((await logOf(`customerId=${readers[4]!.id}`)).map((e) => [e.action, e.actor])).toEqual([
      ['unmute', t.staff.owner.id],
      ['mute', t.staff.owner.id],
    ]);
    await fails(
      call(otherOwner, 'DELETE', `/api/v1/staff/moderation/mutes/${mute.id}`),
      404,
      'NOT_FOUND',
    );
  });
});

describe('a customer merge', () => {
  it('moves the duplicate’s mutes and reports to the survivor', async () => {
    const dup = await customer(t, '13900005200');
    const survivor = await customer(t, '13900005201');
    const [n1, n2] = [note(t, author.id, '一'), note(t, author.id, '二')];
    await ok(
      call(owner, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: dup.id,
        days: 10,
        reason: '广告',
      }),
      201,
    );
    await ok(report(dup, n1.id), 201);
    await ok(report(dup, n2.id), 201);
    await ok(report(survivor, n2.id), 201);
    await env.inTenant(t.id, (ctx) =>
      mergeCustomers(ctx, { survivorId: survivor.id, duplicateId: dup.id }),
    );
    await expect(screen({ authorCustomerId: survivor.id })).rejects.toThrow(/muted/);
    await fails(report(survivor, n1.id), 409, 'MODERATION_ALREADY_REPORTED');
    const items = await queue();
    expect(items.find((i) => i.subjectId === n1.id)!.reports[0]!.reporterCustomerId).toBe(
      survivor.id,
    );
    expect(items.find((i) => i.subjectId === n2.id)!.reportWeight).toBe(2);
  });
});

describe.skipIf(!pg)('concurrent reports (PostgreSQL)', () => {
  it('hide a piece once, by the report that reaches the threshold', async () => {
    const n = note(t, author.id, '并发举报');
    const before = setStateCalls.length;
    const results = await Promise.all(readers.map((r) => report(r, n.id, 'abuse')));
    // Those that came after the piece was hidden could no longer see it.
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201).length).toBeGreaterThanOrEqual(5);
    expect(codes.every((c) => c === 201 || c === 404)).toBe(true);
    expect(n.state).toBe('hidden');
    expect(setStateCalls.slice(before)).toHaveLength(1);
    const log = await logOf(`subjectId=${n.id}&action=auto_hide`);
    expect(log).toHaveLength(1);
  });
});
