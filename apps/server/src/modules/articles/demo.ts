// Demo articles: the shop's own voice, two staff members' tech tips and a KOL owner's pieces
// (one published, one waiting for review), published over the past weeks relative to the seed
// clock, one scheduled for the coming days, each with a drawn cover picture.
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { articles } from './articles.tables.ts';
import { createArticle, type Editor } from './articles.service.ts';
import { businessAuthor, createAuthor, kolCandidates } from './authors.ts';
import {
  BUSINESS_ARTICLES,
  DEMO_TAGS,
  KOL_ARTICLES,
  STAFF_ARTICLES,
  type DemoArticleText,
} from './demo-texts.ts';
import { ensureTags } from './tags-ensure.ts';

const DAY = 24 * 60 * 60 * 1000;

type Plan = { text: DemoArticleText; as: Editor; authorId?: string } & (
  | { status: 'published'; daysAgo: number }
  | { status: 'scheduled'; inDays: number }
  | { status: 'in_review' }
);

/** The bylines: a technician and an advisor as staff authors, a club KOL (or any owner). */
async function seedAuthors(ctx: Ctx, fallbackKol: string | null) {
  const writers = [
    ...(await listStaffMembers(ctx, { roles: ['technician'] })).slice(0, 1),
    ...(await listStaffMembers(ctx, { roles: ['advisor'] })).slice(0, 1),
  ];
  const staff: { id: string }[] = [];
  for (const w of writers)
    staff.push(
      await createAuthor(ctx, {
        kind: 'staff',
        staffUserId: w.id,
        bio:
          w.role === 'technician'
            ? '十年一线技师，擅长底盘与保养。'
            : '服务顾问，帮您把每一项说清楚。',
      }),
    );
  const kolCustomerId = (await kolCandidates(ctx))[0]?.customerId ?? fallbackKol;
  const kol = kolCustomerId
    ? await createAuthor(ctx, {
        kind: 'kol',
        customerId: kolCustomerId,
        bio: '周末自驾爱好者，电车三年车龄。',
      })
    : null;
  return { staff, kol: kol && kolCustomerId ? { id: kol.id, customerId: kolCustomerId } : null };
}

function plansFor(
  owner: Editor,
  businessId: string,
  authors: Awaited<ReturnType<typeof seedAuthors>>,
): Plan[] {
  const kol = authors.kol;
  const asKol: Editor | null = kol
    ? { kind: 'kol', customerId: kol.customerId, authorId: kol.id }
    : null;
  return [
    {
      text: BUSINESS_ARTICLES[0]!,
      as: owner,
      authorId: businessId,
      status: 'published',
      daysAgo: 26,
    },
    {
      text: BUSINESS_ARTICLES[1]!,
      as: owner,
      authorId: businessId,
      status: 'published',
      daysAgo: 12,
    },
    {
      text: BUSINESS_ARTICLES[2]!,
      as: owner,
      authorId: businessId,
      status: 'scheduled',
      inDays: 3,
    },
    ...STAFF_ARTICLES.map((text, i): Plan => ({
      text,
      as: owner,
      authorId: authors.staff[i]?.id ?? businessId,
      status: 'published',
      daysAgo: i === 0 ? 19 : 4,
    })),
    ...(asKol
      ? [
          { text: KOL_ARTICLES[0]!, as: asKol, status: 'published' as const, daysAgo: 8 },
          { text: KOL_ARTICLES[1]!, as: asKol, status: 'in_review' as const },
        ]
      : []),
  ];
}

/** Writes one planned article as its editor would, then dates it as the plan says. */
async function seedArticle(ctx: Ctx, p: Plan, seed: number) {
  const now = ctx.clock.now().getTime();
  const cover = await saveImage(
    ctx,
    await demoPicture(seed, 1200, 675),
    { system: true },
    'article_cover',
  );
  // The first tech tip shows a picture in its body too.
  const html =
    p.text === STAFF_ARTICLES[0]
      ? p.text.html.replace(
          '<h2>怎么选</h2>',
          `<p><img src="${cover.url}" alt="机油"></p><h2>怎么选</h2>`,
        )
      : p.text.html;
  const row = await createArticle(ctx, p.as, {
    title: p.text.title,
    summary: p.text.summary,
    html,
    coverImageId: cover.id,
    tagSlugs: p.text.tags,
    ...(p.authorId ? { authorId: p.authorId } : {}),
  });
  const at =
    p.status === 'published'
      ? new Date(now - p.daysAgo * DAY)
      : p.status === 'scheduled'
        ? new Date(now + p.inDays * DAY)
        : new Date(now - DAY / 2);
  await ctx.tx
    .update(articles)
    .set({
      status: p.status,
      publishedAt: p.status === 'published' ? at : null,
      publishAt: p.status === 'scheduled' ? at : null,
      createdAt: new Date(at.getTime() - (p.status === 'scheduled' ? 2 * DAY : DAY)),
      updatedAt: p.status === 'published' ? at : new Date(now - DAY / 2),
    })
    .where(eq(articles.id, row.id));
}

export async function seedDemoArticles(
  ctx: Ctx,
  opts: { staffUserId: string; kolCustomerId: string | null },
): Promise<{ articles: number }> {
  await ensureTags(ctx, DEMO_TAGS);
  const owner: Editor = { kind: 'staff', staffUserId: opts.staffUserId, publisher: true };
  const business = await businessAuthor(ctx);
  const authors = await seedAuthors(ctx, opts.kolCustomerId);
  const plans = plansFor(owner, business.id, authors);
  for (const [i, p] of plans.entries()) await seedArticle(ctx, p, 301 + i);
  return { articles: plans.length };
}
