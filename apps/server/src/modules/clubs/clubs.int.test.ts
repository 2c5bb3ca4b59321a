// Clubs over HTTP on a real database: staff keep clubs; owners join (open at once, approval after
// staff approve), leave, post, comment and like; the feed with pins first, search, held posts seen
// by their author and staff only; badges and trust from the shop's facts (cars, paid visits,
// roles); errors with stable codes; another tenant sees nothing; a merge moves everything.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  fixedClock,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { completedOrder } from '../loyalty/testing/helpers.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { clubActivity } from './index.ts';
import { CLUB_SUBJECTS } from './subjects.ts';

const clock = fixedClock(new Date('2026-12-01T02:00:00.000Z'));

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;
let otherOwner: Session;
let phoneSeq = 0;

interface Badge {
  code: string;
  make?: string;
}
interface Post {
  id: string;
  text: string;
  state: string;
  pinned: boolean;
  likeCount: number;
  commentCount: number;
  likedByMe: boolean;
  mine: boolean;
  author: { type: string; customerId: string | null; name: string; badges: Badge[] };
}
interface Feed {
  pinned: Post[];
  items: Post[];
  nextCursor: string | null;
}
interface Club {
  id: string;
  name: string;
  memberCount: number;
  pendingCount: number;
  recentPostCount: number;
  postCount: number;
  membership: { status: string; role: string; badges: Badge[]; trustLevel: number } | null;
}

function call(
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
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

async function ok<T>(res: Promise<LightMyRequestResponse>, status = 200): Promise<T> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return (r.body ? r.json() : undefined) as T;
}

async function fails(res: Promise<LightMyRequestResponse>, status: number, code: string) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  expect((r.json() as { error: { code: string } }).error.code).toBe(code);
}

/** A car owner signed in to the app, with a name and gender staff gave and, optionally, a car. */
async function carOwner(
  tenant: TestTenant = t,
  opts: { name?: string; gender?: string; make?: string } = {},
) {
  const phone = `1391000${String(++phoneSeq).padStart(4, '0')}`;
  const s = await signInCustomer(env, tenant, phone);
  const me = await call(s, 'GET', '/api/v1/app/me');
  const id = me.json().customer.id as string;
  const staff = tenant === t ? owner : otherOwner;
  if (opts.name)
    await ok(
      call(staff, 'PATCH', `/api/v1/staff/customers/${id}`, {
        name: opts.name,
        gender: opts.gender ?? 'male',
      }),
    );
  let vehicleId: string | null = null;
  if (opts.make) {
    const v = await ok<{ id: string }>(
      call(staff, 'POST', `/api/v1/staff/customers/${id}/vehicles`, {
        plate: `浙A${String(30000 + phoneSeq).slice(-5)}`,
        make: opts.make,
      }),
      201,
    );
    vehicleId = v.id;
  }
  return { s, id, vehicleId };
}

async function paidVisit(customerId: string, vehicleId: string) {
  const orderId = await completedOrder(env, t, owner, { customerId, vehicleId }, [
    { category: 'oil_change', unitPriceFen: 30000 },
  ]);
  await ok(
    call(advisor, 'POST', `/api/v1/staff/service-orders/${orderId}/pay`, {
      method: 'cash',
      paidFen: 30000,
    }),
  );
}

const newClub = (body: object, who: Session = owner) =>
  ok<Club>(call(who, 'POST', '/api/v1/staff/clubs', body), 201);
const post = (s: Session, clubId: string, text: string, extra: object = {}) =>
  call(s, 'POST', `/api/v1/app/clubs/${clubId}/posts`, { text, ...extra });
const feed = (s: Session, clubId: string, query = '') =>
  ok<Feed>(call(s, 'GET', `/api/v1/app/clubs/${clubId}/posts${query}`));

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
}, 60_000);
afterAll(() => env?.close());

describe('keeping clubs', () => {
  it('creates make, model, region and interest clubs; names are unique', async () => {
    const vw = await newClub({ name: '大众车友会 K', kind: 'make', make: '大众' });
    expect(vw).toMatchObject({ name: '大众车友会 K', memberCount: 0, postCount: 0 });
    await newClub({ name: '帕萨特 K', kind: 'model', make: '大众', model: '帕萨特' }, manager);
    await newClub({ name: '杭州越野会 K', kind: 'region', region: '杭州', interest: '越野' });
    await fails(
      call(owner, 'POST', '/api/v1/staff/clubs', { name: '大众车友会 K', kind: 'interest' }),
      409,
      'CLUB_NAME_TAKEN',
    );
    await fails(
      call(owner, 'POST', '/api/v1/staff/clubs', { name: 'x1', kind: 'make' }),
      400,
      'CLUB_MAKE_REQUIRED',
    );
    await fails(
      call(owner, 'POST', '/api/v1/staff/clubs', { name: 'x2', kind: 'model', make: '大众' }),
      400,
      'CLUB_MAKE_REQUIRED',
    );
    await fails(
      call(owner, 'POST', '/api/v1/staff/clubs', { name: 'x3', kind: 'interest', make: '大众' }),
      400,
      'CLUB_FIELD_NOT_FOR_KIND',
    );
    await fails(
      call(advisor, 'POST', '/api/v1/staff/clubs', { name: 'x4', kind: 'interest' }),
      403,
      'FORBIDDEN',
    );
    await fails(call(technician, 'GET', '/api/v1/staff/clubs'), 403, 'FORBIDDEN');
    const list = await ok<{ items: Club[] }>(call(advisor, 'GET', '/api/v1/staff/clubs'));
    expect(list.items.map((c) => c.name)).toContain('帕萨特 K');
  });

  it('archives a club: owners no longer see it nor post in it', async () => {
    const club = await newClub({ name: '归档测试', kind: 'interest', interest: '露营' });
    const a = await carOwner();
    await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    await ok(call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}`, { archived: true }));
    const mine = await ok<{ mine: Club[]; discover: Club[] }>(
      call(a.s, 'GET', '/api/v1/app/clubs'),
    );
    expect([...mine.mine, ...mine.discover].map((c) => c.id)).not.toContain(club.id);
    await fails(post(a.s, club.id, '还在吗'), 404, 'NOT_FOUND');
    await fails(
      call(owner, 'POST', `/api/v1/staff/clubs/${club.id}/posts`, { text: '通知' }),
      409,
      'CLUB_ARCHIVED',
    );
  });
});

describe('membership and roles', () => {
  it('joins an open club at once; a second join is a clear error; leaving ends it', async () => {
    const club = await newClub({ name: '开放俱乐部', kind: 'interest', interest: '自驾' });
    const a = await carOwner();
    expect(await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`))).toEqual({
      status: 'active',
      role: 'member',
    });
    await fails(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`), 409, 'CLUB_ALREADY_MEMBER');
    const list = await ok<{ mine: Club[] }>(call(a.s, 'GET', '/api/v1/app/clubs'));
    expect(list.mine.map((c) => c.id)).toContain(club.id);
    await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/leave`), 204);
    await fails(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/leave`), 403, 'CLUB_NOT_MEMBER');
    await fails(post(a.s, club.id, '你好'), 403, 'CLUB_NOT_MEMBER');
  });

  it('waits for staff in an approval club; pending members cannot post or read', async () => {
    const club = await newClub({
      name: '老爷车爱好者 K',
      kind: 'interest',
      interest: '老爷车',
      joinPolicy: 'approval',
    });
    const a = await carOwner();
    const b = await carOwner();
    expect(await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`))).toMatchObject({
      status: 'pending',
    });
    await ok(call(b.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    await fails(
      call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`),
      409,
      'CLUB_MEMBERSHIP_PENDING',
    );
    await fails(post(a.s, club.id, '你好'), 409, 'CLUB_MEMBERSHIP_PENDING');
    await fails(call(a.s, 'GET', `/api/v1/app/clubs/${club.id}/posts`), 403, 'CLUB_NOT_MEMBER');
    expect(
      (await ok<Club>(call(owner, 'GET', `/api/v1/staff/clubs/${club.id}`))).pendingCount,
    ).toBe(2);

    const approved = await ok<{ status: string }>(
      call(manager, 'POST', `/api/v1/staff/clubs/${club.id}/members/${a.id}/approve`),
    );
    expect(approved.status).toBe('active');
    await fails(
      call(manager, 'POST', `/api/v1/staff/clubs/${club.id}/members/${a.id}/approve`),
      409,
      'CLUB_MEMBERSHIP_NOT_PENDING',
    );
    await ok(call(manager, 'POST', `/api/v1/staff/clubs/${club.id}/members/${b.id}/refuse`), 204);
    await ok(post(a.s, club.id, '我的老爷车刚保养完'), 201);
    const members = await ok<{ items: { customerId: string; status: string }[] }>(
      call(advisor, 'GET', `/api/v1/staff/clubs/${club.id}/members`),
    );
    expect(members.items.map((m) => m.customerId)).toEqual([a.id]);
    // Refused, b may ask again.
    await ok(call(b.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
  });

  it('staff give KOL and organiser roles, and remove members', async () => {
    const club = await newClub({ name: '角色测试', kind: 'interest', interest: '摄影' });
    const a = await carOwner();
    await fails(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${a.id}`, { role: 'kol' }),
      404,
      'NOT_FOUND',
    );
    await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    const m = await ok<{ role: string; badges: Badge[]; trustLevel: number }>(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${a.id}`, { role: 'kol' }),
    );
    expect(m).toMatchObject({ role: 'kol', badges: [{ code: 'kol' }], trustLevel: 3 });
    await fails(
      call(advisor, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${a.id}`, { role: 'member' }),
      403,
      'FORBIDDEN',
    );
    await ok(call(owner, 'DELETE', `/api/v1/staff/clubs/${club.id}/members/${a.id}`), 204);
    await fails(post(a.s, club.id, '还能发吗'), 403, 'CLUB_NOT_MEMBER');
  });
});

describe('the feed', () => {
  let clubId: string;
  let a: Awaited<ReturnType<typeof carOwner>>;
  let b: Awaited<ReturnType<typeof carOwner>>;

  beforeAll(async () => {
    clubId = (await newClub({ name: '新能源车主俱乐部 K', kind: 'interest', interest: '新能源' }))
      .id;
    a = await carOwner(t, { name: '王小明', gender: 'male' });
    b = await carOwner(t, { name: '李芳', gender: 'female' });
    await ok(call(a.s, 'POST', `/api/v1/app/clubs/${clubId}/join`));
    await ok(call(b.s, 'POST', `/api/v1/app/clubs/${clubId}/join`));
  });

  it('keeps plain text: markup and scripts removed; empty, too long or >9 photos refused', async () => {
    const p = await ok<Post>(
      post(a.s, clubId, '<b>冬天</b>续航掉了多少？<script>alert(1)</script>'),
      201,
    );
    expect(p.text).toBe('冬天续航掉了多少？');
    expect(p.author).toMatchObject({ type: 'customer', name: '王先生', badges: [] });
    expect(p).toMatchObject({ state: 'visible', mine: true, likeCount: 0 });
    await fails(post(a.s, clubId, '<script>x</script>  '), 400, 'CLUB_POST_EMPTY');
    await fails(post(a.s, clubId, '长'.repeat(2001)), 400, 'CLUB_TEXT_TOO_LONG');
    const ids = Array.from({ length: 10 }, () => '01900000-0000-7000-8000-000000000001');
    await fails(post(a.s, clubId, '十张图', { imageIds: ids }), 400, 'VALIDATION_FAILED');
  });

  it('pages newest first with pinned posts on top of the first page', async () => {
    clock.advance(60_000);
    const first = await ok<Post>(post(b.s, clubId, '充电桩推荐：小区附近的超充站'), 201);
    for (let i = 1; i <= 4; i++) {
      clock.advance(60_000);
      await ok(post(a.s, clubId, `第${i}天的通勤记录`), 201);
    }
    const pinned = await ok<Post>(
      call(owner, 'PUT', `/api/v1/staff/clubs/${clubId}/posts/${first.id}/pin`),
      200,
    );
    expect(pinned.pinned).toBe(true);
    const page1 = await feed(b.s, clubId, '?limit=3');
    expect(page1.pinned.map((p) => p.id)).toEqual([first.id]);
    expect(page1.items.map((p) => p.text)).toEqual([
      '第4天的通勤记录',
      '第3天的通勤记录',
      '第2天的通勤记录',
    ]);
    const page2 = await feed(b.s, clubId, `?limit=3&cursor=${page1.nextCursor}`);
    expect(page2.pinned).toEqual([]);
    expect(page2.items.map((p) => p.text)).toEqual(['第1天的通勤记录', '冬天续航掉了多少？']);
    expect(page2.nextCursor).toBeNull();
    // Beyond three pins, the oldest goes back to its place.
    const others = page1.items.map((p) => p.id);
    for (const id of others) {
      clock.advance(1_000);
      await ok(call(owner, 'PUT', `/api/v1/staff/clubs/${clubId}/posts/${id}/pin`));
    }
    const pins = await feed(b.s, clubId, '?limit=3');
    expect(pins.pinned.map((p) => p.id)).toEqual([...others].reverse());
    for (const id of others)
      await ok(call(owner, 'DELETE', `/api/v1/staff/clubs/${clubId}/posts/${id}/pin`));
    await ok(call(owner, 'PUT', `/api/v1/staff/clubs/${clubId}/posts/${first.id}/pin`));
    await ok(call(owner, 'DELETE', `/api/v1/staff/clubs/${clubId}/posts/${first.id}/pin`));
    const after = await feed(b.s, clubId, '?limit=10');
    expect(after.pinned).toEqual([]);
    expect(after.items.map((p) => p.id)).toContain(first.id);
  });

  it('searches the club’s text, case-blind, Chinese substrings, wildcards taken literally', async () => {
    clock.advance(60_000);
    await ok(post(a.s, clubId, 'Model Y 的冬季胎怎么选'), 201);
    expect(
      (await feed(b.s, clubId, `?q=${encodeURIComponent('model y')}`)).items.map((p) => p.text),
    ).toEqual(['Model Y 的冬季胎怎么选']);
    expect((await feed(b.s, clubId, `?q=${encodeURIComponent('通勤')}`)).items).toHaveLength(4);
    expect((await feed(b.s, clubId, `?q=${encodeURIComponent('%')}`)).items).toEqual([]);
  });

  it('likes once per member: liking and unliking twice change nothing more', async () => {
    const { items } = await feed(b.s, clubId, '?limit=1');
    const id = items[0]!.id;
    const url = `/api/v1/app/clubs/${clubId}/posts/${id}/like`;
    expect(await ok(call(b.s, 'PUT', url))).toEqual({ liked: true, likeCount: 1 });
    expect(await ok(call(b.s, 'PUT', url))).toEqual({ liked: true, likeCount: 1 });
    expect(await ok(call(a.s, 'PUT', url))).toEqual({ liked: true, likeCount: 2 });
    expect((await feed(b.s, clubId, '?limit=1')).items[0]).toMatchObject({
      likedByMe: true,
      likeCount: 2,
    });
    expect(await ok(call(b.s, 'DELETE', url))).toEqual({ liked: false, likeCount: 1 });
    expect(await ok(call(b.s, 'DELETE', url))).toEqual({ liked: false, likeCount: 1 });
    const outsider = await carOwner();
    await fails(call(outsider.s, 'PUT', url), 403, 'CLUB_NOT_MEMBER');
  });

  it('comments: sanitised, counted, staff answer as the shop', async () => {
    const { items } = await feed(a.s, clubId, '?limit=1');
    const id = items[0]!.id;
    const c = await ok<{ text: string; author: { name: string } }>(
      call(b.s, 'POST', `/api/v1/app/clubs/${clubId}/posts/${id}/comments`, {
        text: '<i>米其林</i>不错',
      }),
      201,
    );
    expect(c).toMatchObject({ text: '米其林不错', author: { name: '李女士' } });
    await ok(
      call(owner, 'POST', `/api/v1/staff/clubs/${clubId}/posts/${id}/comments`, {
        text: '店里有现货',
      }),
      201,
    );
    await fails(
      call(b.s, 'POST', `/api/v1/app/clubs/${clubId}/posts/${id}/comments`, {
        text: '长'.repeat(501),
      }),
      400,
      'CLUB_TEXT_TOO_LONG',
    );
    const detail = await ok<Post & { comments: { text: string; author: { type: string } }[] }>(
      call(a.s, 'GET', `/api/v1/app/clubs/${clubId}/posts/${id}`),
    );
    expect(detail.commentCount).toBe(2);
    expect(detail.comments.map((x) => [x.text, x.author.type])).toEqual([
      ['米其林不错', 'customer'],
      ['店里有现货', 'shop'],
    ]);
  });

  it('staff post as the shop and read every state', async () => {
    const p = await ok<Post>(
      call(owner, 'POST', `/api/v1/staff/clubs/${clubId}/posts`, { text: '本周六免费检测电池' }),
      201,
    );
    expect(p.author).toMatchObject({ type: 'shop', customerId: null });
    const staffFeed = await ok<Feed>(
      call(advisor, 'GET', `/api/v1/staff/clubs/${clubId}/posts?state=visible&limit=50`),
    );
    expect(staffFeed.items.length).toBeGreaterThanOrEqual(7);
    const club = await ok<Club>(call(advisor, 'GET', `/api/v1/staff/clubs/${clubId}`));
    expect(club).toMatchObject({ memberCount: 2, postCount: staffFeed.items.length });
    await fails(
      call(a.s, 'GET', `/api/v1/app/clubs/${clubId}/posts?cursor=garbage`),
      400,
      'CURSOR_INVALID',
    );
  });

  it('counts activity per day for analytics', async () => {
    const days = await env.inTenant(t.id, (ctx) =>
      clubActivity(ctx, new Date('2026-11-30T00:00:00Z'), new Date('2026-12-02T00:00:00Z')),
    );
    const total = days.reduce((n, d) => n + d.posts, 0);
    expect(total).toBeGreaterThanOrEqual(7);
    expect(days.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.day))).toBe(true);
    expect(days.reduce((n, d) => n + d.comments, 0)).toBe(2);
    expect(days.reduce((n, d) => n + d.likes, 0)).toBe(1);
  });
});

describe('badges and trust from the shop’s facts', () => {
  it('车主认证 for a car of the club’s make, 老客户 from 3 paid visits, KOL by staff', async () => {
    const club = await newClub({ name: '大众车友会 B', kind: 'make', make: '大众' });
    const vwOwner = await carOwner(t, { name: '赵强', make: '大众' });
    const toyota = await carOwner(t, { name: '钱多', make: '丰田' });
    const stranger = await carOwner();
    for (const who of [vwOwner, toyota, stranger])
      await ok(call(who.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    for (let i = 0; i < 3; i++) await paidVisit(vwOwner.id, vwOwner.vehicleId!);

    const mine = (who: typeof vwOwner) =>
      ok<Club>(call(who.s, 'GET', `/api/v1/app/clubs/${club.id}`));
    expect((await mine(vwOwner)).membership).toMatchObject({
      badges: [{ code: 'make_owner', make: '大众' }, { code: 'regular' }],
      trustLevel: 2,
    });
    expect((await mine(toyota)).membership).toMatchObject({ badges: [], trustLevel: 1 });
    expect((await mine(stranger)).membership).toMatchObject({ badges: [], trustLevel: 0 });

    await ok(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${toyota.id}`, {
        role: 'organiser',
      }),
    );
    const p = await ok<Post>(post(vwOwner.s, club.id, '保养心得：0W-20 机油'), 201);
    expect(p.author.badges.map((x) => x.code)).toEqual(['make_owner', 'regular']);
    const badges = await ok<{ items: { clubId: string; badges: Badge[]; role: string }[] }>(
      call(toyota.s, 'GET', '/api/v1/app/clubs/me/badges'),
    );
    expect(badges.items.find((x) => x.clubId === club.id)).toMatchObject({
      role: 'organiser',
      badges: [{ code: 'organiser' }],
    });
    const members = await ok<{ items: { customerId: string; badges: Badge[] }[] }>(
      call(owner, 'GET', `/api/v1/staff/clubs/${club.id}/members`),
    );
    expect(members.items.find((m) => m.customerId === vwOwner.id)?.badges).toHaveLength(2);
  });
});

describe('isolation', () => {
  it('another tenant’s staff and owners see none of the clubs', async () => {
    const club = await newClub({ name: '隔离测试', kind: 'interest', interest: '钓鱼' });
    const x = await carOwner(other);
    await fails(call(otherOwner, 'GET', `/api/v1/staff/clubs/${club.id}`), 404, 'NOT_FOUND');
    await fails(
      call(otherOwner, 'PATCH', `/api/v1/staff/clubs/${club.id}`, { name: '改名' }),
      404,
      'NOT_FOUND',
    );
    await fails(call(x.s, 'POST', `/api/v1/app/clubs/${club.id}/join`), 404, 'NOT_FOUND');
    await fails(call(x.s, 'GET', `/api/v1/app/clubs/${club.id}/posts`), 404, 'NOT_FOUND');
    const list = await ok<{ mine: Club[]; discover: Club[] }>(
      call(x.s, 'GET', '/api/v1/app/clubs'),
    );
    expect(list.discover.map((c) => c.id)).not.toContain(club.id);
    expect(
      (await ok<{ items: Club[] }>(call(otherOwner, 'GET', '/api/v1/staff/clubs'))).items,
    ).toEqual([]);
  });
});

describe('customer merge', () => {
  it('moves the duplicate’s membership, posts and likes to the survivor', async () => {
    const club = await newClub({ name: '合并测试', kind: 'interest', interest: '改装' });
    const survivor = await carOwner(t, { name: '孙悟' });
    const duplicate = await carOwner(t, { name: '孙悟' });
    await ok(call(survivor.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    await ok(call(duplicate.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    await ok(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${duplicate.id}`, {
        role: 'kol',
      }),
    );
    const p = await ok<Post>(post(duplicate.s, club.id, '改装分享'), 201);
    await ok(call(survivor.s, 'PUT', `/api/v1/app/clubs/${club.id}/posts/${p.id}/like`));
    await ok(call(duplicate.s, 'PUT', `/api/v1/app/clubs/${club.id}/posts/${p.id}/like`));
    await ok(
      call(owner, 'POST', `/api/v1/staff/customers/${survivor.id}/merge`, {
        duplicateId: duplicate.id,
      }),
    );
    const members = await ok<{ items: { customerId: string; role: string }[] }>(
      call(owner, 'GET', `/api/v1/staff/clubs/${club.id}/members`),
    );
    expect(members.items).toEqual([
      expect.objectContaining({ customerId: survivor.id, role: 'kol' }),
    ]);
    const f = await feed(survivor.s, club.id);
    expect(f.items[0]).toMatchObject({ id: p.id, mine: true, likeCount: 1, likedByMe: true });
  });
});

describe('posts and comments as moderation subjects', () => {
  it('loads, hides and restores (counts follow), weighs reports by role', async () => {
    const club = await newClub({ name: '审核测试', kind: 'interest', interest: '洗车' });
    const a = await carOwner(t, { name: '周杰' });
    const kol = await carOwner();
    const outsider = await carOwner();
    for (const who of [a, kol]) await ok(call(who.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    await ok(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}/members/${kol.id}`, { role: 'kol' }),
    );
    const p = await ok<Post>(post(a.s, club.id, '加微信买便宜机油'), 201);
    await ok(call(owner, 'PUT', `/api/v1/staff/clubs/${club.id}/posts/${p.id}/pin`));
    const c = await ok<{ id: string }>(
      call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/posts/${p.id}/comments`, { text: '私聊' }),
      201,
    );
    const posts = CLUB_SUBJECTS.club_post!;
    const comments = CLUB_SUBJECTS.club_comment!;
    await env.inTenant(t.id, async (ctx) => {
      const [view] = await posts.load(ctx, [p.id, '01900000-0000-7000-8000-000000000009']);
      expect(view).toMatchObject({
        kind: 'club_post',
        id: p.id,
        authorCustomerId: a.id,
        scopeId: club.id,
        scopeName: '审核测试',
        text: '加微信买便宜机油',
        state: 'visible',
      });
      expect(await posts.reportWeight(ctx, p.id, kol.id)).toBe(3);
      expect(await posts.reportWeight(ctx, p.id, a.id)).toBe(1);
      expect(await posts.reportWeight(ctx, p.id, outsider.id)).toBeNull();
      expect(await posts.visibleByAuthor(ctx, a.id, club.id)).toEqual([p.id]);
      expect(await comments.visibleByAuthor(ctx, a.id, null)).toEqual([c.id]);
      await comments.setState(ctx, [c.id], 'hidden');
      await posts.setState(ctx, [p.id], 'hidden');
      expect(await posts.reportWeight(ctx, p.id, kol.id)).toBeNull();
    });
    await fails(call(kol.s, 'GET', `/api/v1/app/clubs/${club.id}/posts/${p.id}`), 404, 'NOT_FOUND');
    const staffView = await ok<Post>(
      call(owner, 'GET', `/api/v1/staff/clubs/${club.id}/posts/${p.id}`),
    );
    expect(staffView).toMatchObject({ state: 'hidden', pinned: false, commentCount: 0 });
    await env.inTenant(t.id, async (ctx) => {
      await posts.setState(ctx, [p.id], 'visible');
      await comments.setState(ctx, [c.id], 'visible');
    });
    const back = await ok<Post>(call(kol.s, 'GET', `/api/v1/app/clubs/${club.id}/posts/${p.id}`));
    expect(back).toMatchObject({ state: 'visible', commentCount: 1 });
  });
});

describe('moderation on the way in', () => {
  let clubId: string;
  let newcomer: Awaited<ReturnType<typeof carOwner>>;
  let verified: Awaited<ReturnType<typeof carOwner>>;
  let reader: Awaited<ReturnType<typeof carOwner>>;

  beforeAll(async () => {
    clubId = (await newClub({ name: '审核入口', kind: 'interest', interest: '音响' })).id;
    newcomer = await carOwner();
    verified = await carOwner(t, { name: '吴亮', make: '本田' });
    reader = await carOwner();
    for (const who of [newcomer, verified, reader])
      await ok(call(who.s, 'POST', `/api/v1/app/clubs/${clubId}/join`));
  });

  it('holds a new member’s link: seen by its author (审核中) and staff only, queued for review', async () => {
    const p = await ok<Post>(post(newcomer.s, clubId, '音响改装看这里 www.car-audio.cn'), 201);
    expect(p.state).toBe('held');
    expect((await feed(newcomer.s, clubId)).items.map((x) => [x.id, x.state])).toContainEqual([
      p.id,
      'held',
    ]);
    expect((await feed(reader.s, clubId)).items.map((x) => x.id)).not.toContain(p.id);
    await fails(
      call(reader.s, 'GET', `/api/v1/app/clubs/${clubId}/posts/${p.id}`),
      404,
      'NOT_FOUND',
    );
    await fails(
      call(reader.s, 'PUT', `/api/v1/app/clubs/${clubId}/posts/${p.id}/like`),
      404,
      'NOT_FOUND',
    );
    const staffHeld = await ok<Feed>(
      call(owner, 'GET', `/api/v1/staff/clubs/${clubId}/posts?state=held`),
    );
    expect(staffHeld.items.map((x) => x.id)).toEqual([p.id]);
    const queue = await ok<{ items: { kind: string; subjectId: string }[] }>(
      call(owner, 'GET', '/api/v1/staff/moderation/queue'),
    );
    expect(queue.items).toContainEqual(
      expect.objectContaining({ kind: 'club_post', subjectId: p.id }),
    );
    await ok(
      call(owner, 'POST', '/api/v1/staff/moderation/decisions', {
        kind: 'club_post',
        subjectId: p.id,
        action: 'approve',
      }),
    );
    expect((await feed(reader.s, clubId)).items.map((x) => x.id)).toContain(p.id);
  });

  it('publishes the same link from a member the shop knows (a car on file)', async () => {
    const p = await ok<Post>(post(verified.s, clubId, '推荐这家音响店 www.car-audio.cn'), 201);
    expect(p.state).toBe('visible');
  });

  it('refuses a muted member; reports from members reach moderation', async () => {
    const p = await ok<Post>(post(verified.s, clubId, '低音炮怎么调'), 201);
    const report = (who: Session) =>
      call(who, 'POST', '/api/v1/app/moderation/reports', {
        kind: 'club_post',
        subjectId: p.id,
        reason: 'spam',
      });
    expect(await ok(report(reader.s), 201)).toMatchObject({ kind: 'club_post', subjectId: p.id });
    await fails(report(verified.s), 400, 'MODERATION_OWN_SUBJECT');
    // Not a member: the club's pieces are not theirs to weigh.
    await fails(report((await carOwner()).s), 404, 'NOT_FOUND');
    await ok(
      call(owner, 'POST', '/api/v1/staff/moderation/mutes', {
        customerId: newcomer.id,
        scopeId: clubId,
        days: 3,
        reason: '发广告',
      }),
      201,
    );
    await fails(post(newcomer.s, clubId, '我又来了'), 403, 'MEMBER_MUTED');
    await fails(
      call(newcomer.s, 'POST', `/api/v1/app/clubs/${clubId}/posts/${p.id}/comments`, {
        text: '顶',
      }),
      403,
      'MEMBER_MUTED',
    );
  });
});

describe('photos', () => {
  it('posts up to 9 of the member’s own photos, shown with their URLs; others’ refused', async () => {
    const club = await newClub({ name: '晒车', kind: 'interest', interest: '摄影' });
    const a = await carOwner(t, { name: '郑爽', make: '比亚迪' });
    const b = await carOwner(t, { name: '冯巩', make: '比亚迪' });
    for (const who of [a, b]) await ok(call(who.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    const bytes = await demoPicture(7, 240, 160);
    const mine = await env.inTenant(t.id, async (ctx) =>
      Promise.all([1, 2].map(() => saveImage(ctx, bytes, { customerId: a.id }, 'club_post'))),
    );
    const theirs = await env.inTenant(t.id, (ctx) =>
      saveImage(ctx, bytes, { customerId: b.id }, 'club_post'),
    );
    const p = await ok<Post & { images: { id: string; url: string; thumbUrl: string }[] }>(
      post(a.s, club.id, '', { imageIds: mine.map((m) => m.id) }),
      201,
    );
    expect(p.images.map((i) => i.id)).toEqual(mine.map((m) => m.id));
    expect(p.images[0]!.thumbUrl).toBe(mine[0]!.thumbUrl);
    await fails(post(a.s, club.id, '借图', { imageIds: [theirs.id] }), 422, 'MEDIA_NOT_FOUND');
    await fails(
      post(a.s, club.id, '重复', { imageIds: [mine[0]!.id, mine[0]!.id] }),
      400,
      'VALIDATION_FAILED',
    );
    const f = await feed(b.s, club.id);
    expect(f.items[0]!.id).toBe(p.id);
    // A member the shop knows nothing of: a photo waits for review.
    const stranger = await carOwner();
    await ok(call(stranger.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    const img = await env.inTenant(t.id, (ctx) =>
      saveImage(ctx, bytes, { customerId: stranger.id }, 'club_post'),
    );
    const held = await ok<Post>(post(stranger.s, club.id, '看我的车', { imageIds: [img.id] }), 201);
    expect(held.state).toBe('held');
    // A staff cover for the club: any image of the shop's.
    const cover = await ok<{ cover: { id: string } | null }>(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}`, { coverImageId: theirs.id }),
    );
    expect(cover.cover?.id).toBe(theirs.id);
    await fails(
      call(owner, 'PATCH', `/api/v1/staff/clubs/${club.id}`, {
        coverImageId: '01900000-0000-7000-8000-000000000077',
      }),
      422,
      'MEDIA_NOT_FOUND',
    );
  });
});

describe('活动达人 from events attended', () => {
  /** An event the owner signs up for and is checked in at (the events module's own routes). */
  async function attend(who: { s: Session }) {
    const startsAt = new Date(clock.now().getTime() + 2 * 3600_000);
    const e = await ok<{ id: string }>(
      call(owner, 'POST', '/api/v1/staff/activities', {
        kind: 'meetup',
        title: `车友聚会 ${++phoneSeq}`,
        description: '',
        storeId: null,
        place: '一号店',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
        signupDeadline: new Date(startsAt.getTime() - 3600_000).toISOString(),
        capacity: 10,
        maxPartySize: 1,
        askVehicle: false,
        attendancePoints: 0,
      }),
      201,
    );
    await ok(call(owner, 'POST', `/api/v1/staff/activities/${e.id}/publish`));
    const signedUp = await ok<{ mySignup: { id: string } }>(
      call(who.s, 'POST', `/api/v1/app/activities/${e.id}/signup`, { partySize: 1 }),
      201,
    );
    await ok(
      call(owner, 'POST', `/api/v1/staff/activities/${e.id}/check-in`, {
        signupId: signedUp.mySignup.id,
      }),
    );
  }

  it('gives the badge from two events checked in at, not from one', async () => {
    const club = await newClub({ name: '活动测试', kind: 'interest', interest: '聚会' });
    const a = await carOwner();
    await ok(call(a.s, 'POST', `/api/v1/app/clubs/${club.id}/join`));
    const badges = async () =>
      (await ok<Club>(call(a.s, 'GET', `/api/v1/app/clubs/${club.id}`))).membership!.badges;
    await attend(a);
    expect(await badges()).toEqual([]);
    await attend(a);
    expect(await badges()).toEqual([{ code: 'event_goer' }]);
  });
});

// Last: it moves the shared clock a month on.
describe('recent posts for staff', () => {
  it('count the visible posts of the last 30 days beside all of them', async () => {
    const club = await newClub({ name: '近期活跃度', kind: 'interest' });
    const say = (who: Session, text: string) =>
      ok(call(who, 'POST', `/api/v1/staff/clubs/${club.id}/posts`, { text }), 201);
    await say(owner, '上个月的通知');
    clock.advance(31 * 24 * 60 * 60 * 1000);
    const manager2 = await signInStaff(env.app, t.slug, t.staff.manager.login); // sessions expired
    await say(manager2, '本周六免费检测电池');
    const one = await ok<Club>(call(manager2, 'GET', `/api/v1/staff/clubs/${club.id}`));
    expect(one).toMatchObject({ postCount: 2, recentPostCount: 1 });
    const list = await ok<{ items: Club[] }>(call(manager2, 'GET', '/api/v1/staff/clubs'));
    expect(list.items.find((c) => c.id === club.id)).toMatchObject({
      postCount: 2,
      recentPostCount: 1,
    });
  });
});
