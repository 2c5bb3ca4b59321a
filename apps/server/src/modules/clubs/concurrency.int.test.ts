// Eight clients at once (PostgreSQL; PGlite has one connection, so nothing runs concurrently
// there): members liking and unliking one post over and over, and one owner joining a club from
// several requests at once. The like count always equals the likes, each member likes at most
// once, and a double join is one membership and clear refusals — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../kernel/errors.ts';
import { createTestEnv, testConfig, type TestEnv, type TestTenant } from '../../testing/harness.ts';
import { findOrCreateCustomerByPhone } from '../customers/index.ts';
import { createClub } from './clubs.service.ts';
import { joinClub } from './membership.ts';
import { createPost, likePost, unlikePost } from './posts.ts';
import { clubLikes, clubMembers, clubPosts } from './clubs.tables.ts';
import { and, count, eq } from 'drizzle-orm';

const pg = !!process.env.TEST_DATABASE_URL;
const CLIENTS = 8;
let env: TestEnv;
let tenant: TestTenant;
const members: string[] = [];
let clubId: string;

beforeAll(async () => {
  if (!pg) return;
  const base = testConfig();
  env = await createTestEnv({
    config: { database: { ...base.database, poolSize: CLIENTS + 2 } as never },
  });
  tenant = await env.createTenant();
  await env.inTenant(tenant.id, async (ctx) => {
    clubId = (
      await createClub(ctx, {
        name: '并发测试',
        kind: 'interest',
        description: '',
        joinPolicy: 'open',
        interest: '测试',
      })
    ).id;
    for (let i = 0; i < CLIENTS; i++) {
      const { id } = await findOrCreateCustomerByPhone(ctx, {
        phone: `1361000${String(5000 + i)}`,
        source: 'app',
      });
      await joinClub(ctx, id, clubId);
      members.push(id);
    }
  });
});
afterAll(() => env?.close());

describe.skipIf(!pg)('clubs under concurrency (PostgreSQL)', () => {
  it(
    '8 members liking and unliking one post keep its count exact',
    { timeout: 120_000 },
    async () => {
      const post = await env.inTenant(tenant.id, (ctx) =>
        createPost(ctx, clubId, { customerId: members[0]! }, { text: '点赞测试', imageIds: [] }),
      );
      await Promise.all(
        members.map(async (m, i) => {
          for (let round = 0; round < 6; round++) {
            // Odd members end liked, even ones unliked; every step twice, as a double tap.
            const like = round % 2 === 0 || (i % 2 === 1 && round === 5);
            await Promise.all(
              [0, 1].map(() =>
                env.inTenant(tenant.id, (ctx) =>
                  like ? likePost(ctx, clubId, post.id, m) : unlikePost(ctx, clubId, post.id, m),
                ),
              ),
            );
          }
        }),
      );
      const [row] = await env.inTenant(tenant.id, (ctx) =>
        ctx.tx
          .select({ likeCount: clubPosts.likeCount })
          .from(clubPosts)
          .where(eq(clubPosts.id, post.id)),
      );
      const [likes] = await env.inTenant(tenant.id, (ctx) =>
        ctx.tx.select({ n: count() }).from(clubLikes).where(eq(clubLikes.postId, post.id)),
      );
      expect(Number(likes!.n)).toBe(CLIENTS / 2);
      expect(row!.likeCount).toBe(CLIENTS / 2);
    },
  );

  it('one owner joining from 8 requests at once: one membership, the rest refused', async () => {
    const other = await env.inTenant(
      tenant.id,
      async (ctx) =>
        (await findOrCreateCustomerByPhone(ctx, { phone: '13610009999', source: 'app' })).id,
    );
    const results = await Promise.allSettled(
      Array.from({ length: CLIENTS }, () =>
        env.inTenant(tenant.id, (ctx) => joinClub(ctx, other, clubId)),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('CLUB_ALREADY_MEMBER');
    const [n] = await env.inTenant(tenant.id, (ctx) =>
      ctx.tx
        .select({ n: count() })
        .from(clubMembers)
        .where(and(eq(clubMembers.clubId, clubId), eq(clubMembers.customerId, other))),
    );
    expect(Number(n!.n)).toBe(1);
  });
});
