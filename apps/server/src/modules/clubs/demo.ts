// The demo clubs: five communities of the demo shop's owners — by make (members own a car of
// it), new energy, a local off-road club and an approval club for classic cars — with KOLs and
// organisers, weeks of posts up to the last hours, comments, likes, pinned announcements and one
// post held for review. The demo car owner belongs to two clubs and holds badges in them.
import { bulkInsert } from '../../db/bulk.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { createRandom, type Random } from '../../kernel/random.ts';
import {
  clubComments,
  clubLikes,
  clubMembers,
  clubPosts,
  clubs,
  type ClubKind,
  type MemberRole,
} from './clubs.tables.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { queueHeld } from './screen.ts';
import { DEMO_ANNOUNCEMENTS, DEMO_HELD_POST, DEMO_POSTS, DEMO_REPLIES } from './demo-texts.ts';

const MINUTE = 60_000;
/** Pictures drawn for the demo's posts (each goes through the media pipeline once). */
const DEMO_PHOTOS = 8;
const DAY = 24 * 60 * MINUTE;

interface DemoClub {
  key: keyof typeof DEMO_POSTS;
  name: string;
  description: string;
  kind: ClubKind;
  make?: string;
  region?: string;
  interest?: string;
  joinPolicy: 'open' | 'approval';
  /** Who may be a member: owners of cars matching this. */
  fits: (car: DemoCar) => boolean;
  size: number;
}

export interface DemoCar {
  customerId: string;
  make: string | null;
  fuelType: string;
}

const CLUBS: DemoClub[] = [
  {
    key: 'byd',
    name: '比亚迪车友会',
    description: '比亚迪车主的交流圈：用车心得、保养经验、周末自驾，欢迎认证车主加入。',
    kind: 'make',
    make: '比亚迪',
    joinPolicy: 'open',
    fits: (c) => c.make === '比亚迪',
    size: 36,
  },
  {
    key: 'ev',
    name: '新能源车主俱乐部',
    description: '纯电、插混、增程都欢迎：充电、续航、电池保养，一起把电车开明白。',
    kind: 'interest',
    interest: '新能源',
    joinPolicy: 'open',
    fits: (c) => c.fuelType === 'electric' || c.fuelType === 'hybrid',
    size: 40,
  },
  {
    key: 'vw',
    name: '大众车友会',
    description: '上汽大众车主交流群，朗逸、帕萨特、途观的车友都在这里。',
    kind: 'make',
    make: '上汽大众',
    joinPolicy: 'open',
    fits: (c) => c.make === '上汽大众',
    size: 30,
  },
  {
    key: 'offroad',
    name: '广州越野自驾会',
    description: '周末轻越野、露营、自驾游，安全第一，结伴同行。',
    kind: 'region',
    region: '广州',
    interest: '越野',
    joinPolicy: 'open',
    fits: () => true,
    size: 24,
  },
  {
    key: 'classic',
    name: '老爷车爱好者',
    description: '收藏、修复、保养老车的同好会，需店里审核后加入。',
    kind: 'interest',
    interest: '老爷车',
    joinPolicy: 'approval',
    fits: () => true,
    size: 9,
  },
];

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

interface Built {
  clubs: Row<typeof clubs>[];
  members: Row<typeof clubMembers>[];
  posts: Row<typeof clubPosts>[];
  comments: Row<typeof clubComments>[];
  likes: Row<typeof clubLikes>[];
  heldPostIds: string[];
}

function membersOf(
  r: Random,
  club: DemoClub,
  cars: readonly DemoCar[],
  demoCustomerId: string | null,
): string[] {
  const owners = [...new Set(cars.filter(club.fits).map((c) => c.customerId))];
  const picked = r.shuffle(owners.filter((id) => id !== demoCustomerId)).slice(0, club.size);
  const demoFits = demoCustomerId && owners.includes(demoCustomerId);
  return demoFits && club.key !== 'classic' ? [demoCustomerId, ...picked] : picked;
}

/** Post times over the past six weeks, the newest within the last hours, newest first. */
function postTimes(r: Random, n: number, now: number): number[] {
  const times = [now - r.int(8, 150) * MINUTE];
  for (let i = 1; i < n; i++) times.push(times[i - 1]! - r.int(3, 60) * 60 * MINUTE);
  return times.map((t) => Math.max(t, now - 42 * DAY));
}

interface Seeding {
  r: Random;
  now: number;
  tenantId: string;
  demoCustomerId: string | null;
  staffUserId: string;
  photos: readonly string[];
  out: Built;
}

const clubRow = (s: Seeding, c: DemoClub, clubId: string, createdAt: Date) => ({
  tenantId: s.tenantId,
  id: clubId,
  name: c.name,
  description: c.description,
  kind: c.kind,
  make: c.make ?? null,
  model: null,
  region: c.region ?? null,
  interest: c.interest ?? null,
  coverImageId: null,
  joinPolicy: c.joinPolicy,
  archived: false,
  createdAt,
  updatedAt: createdAt,
});

/**
 * The club's members: the first of the others is its KOL (make and new-energy clubs), the next
 * its organiser; an approval club's last three are still waiting. Answers the active ones.
 */
function addMembers(
  s: Seeding,
  c: DemoClub,
  clubId: string,
  createdAt: Date,
  people: readonly string[],
) {
  const { r } = s;
  const others = people.filter((p) => p !== s.demoCustomerId);
  const roles = new Map<string, MemberRole>();
  if (c.kind === 'make' || c.key === 'ev') roles.set(others[0]!, 'kol');
  if (c.key !== 'ev' && others[1]) roles.set(others[1], 'organiser');
  const pending = c.joinPolicy === 'approval' ? people.slice(-3) : [];
  for (const id of people) {
    const joined = new Date(createdAt.getTime() + r.int(0, 50) * DAY);
    const isPending = pending.includes(id);
    s.out.members.push({
      tenantId: s.tenantId,
      clubId,
      customerId: id,
      role: roles.get(id) ?? 'member',
      status: isPending ? 'pending' : 'active',
      requestedAt: isPending ? new Date(s.now - r.int(1, 5) * DAY) : joined,
      joinedAt: isPending ? null : joined,
      updatedAt: joined,
    });
  }
  return {
    active: people.filter((p) => !pending.includes(p)),
    kol: [...roles].find(([, role]) => role === 'kol')?.[0],
  };
}

/** The members' posts (KOLs write more; the demo owner wrote one in the 比亚迪 club). */
function addMemberPosts(
  s: Seeding,
  c: DemoClub,
  clubId: string,
  active: readonly string[],
  kol: string | undefined,
) {
  const { r } = s;
  const writers = active.filter((p) => p !== s.demoCustomerId);
  if (writers.length === 0) return;
  const texts = DEMO_POSTS[c.key]!;
  const times = postTimes(r, texts.length, s.now);
  texts.forEach((text, i) => {
    const author =
      c.key === 'byd' && i === 1 && s.demoCustomerId && active.includes(s.demoCustomerId)
        ? s.demoCustomerId
        : kol && r.chance(0.3)
          ? kol
          : r.pick(writers);
    // Every third post carries one to three of the demo's photos.
    const imageIds =
      s.photos.length && i % 3 === 2 ? r.shuffle(s.photos).slice(0, r.int(1, 3)) : [];
    addPost(r, s.out, {
      tenantId: s.tenantId,
      clubId,
      text,
      at: times[i]!,
      now: s.now,
      author,
      audience: active,
      imageIds,
    });
  });
}

/** The shop's pinned notice, and (off-road club) a stranger's link waiting for review. */
function addShopAndHeldPosts(s: Seeding, c: DemoClub, clubId: string, active: readonly string[]) {
  const { r } = s;
  const notice = DEMO_ANNOUNCEMENTS[c.key];
  if (notice)
    addPost(r, s.out, {
      tenantId: s.tenantId,
      clubId,
      text: notice,
      at: s.now - r.int(3, 10) * DAY,
      now: s.now,
      staffUserId: s.staffUserId,
      audience: active,
      pinned: true,
    });
  if (c.key === 'offroad' && active.length > 0)
    s.out.heldPostIds.push(
      addPost(r, s.out, {
        tenantId: s.tenantId,
        clubId,
        text: DEMO_HELD_POST,
        at: s.now - r.int(20, 90) * MINUTE,
        now: s.now,
        author: active[active.length - 1]!,
        audience: [],
        held: true,
      }),
    );
}

function build(
  r: Random,
  now: number,
  tenantId: string,
  opts: { cars: readonly DemoCar[]; demoCustomerId: string | null; staffUserId: string },
  photos: readonly string[],
): Built {
  const out: Built = {
    clubs: [],
    members: [],
    posts: [],
    comments: [],
    likes: [],
    heldPostIds: [],
  };
  const s: Seeding = { r, now, tenantId, ...opts, photos, out };
  for (const [ci, c] of CLUBS.entries()) {
    const clubId = newId();
    const createdAt = new Date(now - (60 + ci * 7) * DAY);
    out.clubs.push(clubRow(s, c, clubId, createdAt));
    const people = membersOf(r, c, opts.cars, opts.demoCustomerId);
    if (people.length < 2) continue;
    const { active, kol } = addMembers(s, c, clubId, createdAt, people);
    addMemberPosts(s, c, clubId, active, kol);
    addShopAndHeldPosts(s, c, clubId, active);
  }
  return out;
}

function addPost(
  r: Random,
  out: Built,
  p: {
    tenantId: string;
    clubId: string;
    text: string;
    at: number;
    now: number;
    author?: string;
    staffUserId?: string;
    audience: readonly string[];
    pinned?: boolean;
    held?: boolean;
    imageIds?: string[];
  },
): string {
  const id = newId();
  const createdAt = new Date(p.at);
  const likers = r
    .shuffle(p.audience)
    .slice(0, p.held ? 0 : r.int(0, Math.min(18, p.audience.length)));
  const repliers = p.held ? [] : r.shuffle(p.audience).slice(0, r.int(0, 5));
  repliers.forEach((who, i) => {
    const at = Math.min(p.now - MINUTE, p.at + (i + 1) * r.int(5, 240) * MINUTE);
    out.comments.push({
      tenantId: p.tenantId,
      id: newId(),
      postId: id,
      clubId: p.clubId,
      authorCustomerId: who,
      authorStaffId: null,
      body: r.pick(DEMO_REPLIES),
      state: 'visible',
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
  });
  for (const who of likers)
    out.likes.push({
      tenantId: p.tenantId,
      postId: id,
      customerId: who,
      createdAt: new Date(Math.min(p.now - MINUTE, p.at + r.int(1, 600) * MINUTE)),
    });
  out.posts.push({
    tenantId: p.tenantId,
    id,
    clubId: p.clubId,
    authorCustomerId: p.author ?? null,
    authorStaffId: p.staffUserId ?? null,
    body: p.text,
    imageIds: p.imageIds ?? [],
    state: p.held ? 'held' : 'visible',
    pinnedAt: p.pinned ? createdAt : null,
    likeCount: likers.length,
    commentCount: repliers.length,
    createdAt,
    updatedAt: createdAt,
  });
  return id;
}

/** Seeds the demo clubs (set-based, a few statements), answering what was made. */
export async function seedDemoClubs(
  ctx: Ctx,
  opts: { cars: readonly DemoCar[]; demoCustomerId: string | null; staffUserId: string },
) {
  const r = createRandom(20261207);
  const photos: string[] = [];
  for (let seed = 1; seed <= DEMO_PHOTOS; seed++) {
    const bytes = await demoPicture(seed, 960, 720);
    photos.push((await saveImage(ctx, bytes, { system: true }, 'club_post')).id);
  }
  const built = build(r, ctx.clock.now().getTime(), ctx.tenantId, opts, photos);
  await bulkInsert(ctx.tx, clubs, built.clubs);
  await bulkInsert(ctx.tx, clubMembers, built.members);
  await bulkInsert(ctx.tx, clubPosts, built.posts);
  await bulkInsert(ctx.tx, clubComments, built.comments);
  await bulkInsert(ctx.tx, clubLikes, built.likes);
  for (const subjectId of built.heldPostIds)
    await queueHeld(ctx, { kind: 'club_post', subjectId, reasons: ['link'] });
  return {
    clubs: built.clubs.length,
    clubMembers: built.members.length,
    clubPosts: built.posts.length,
    heldPostIds: built.heldPostIds,
  };
}
