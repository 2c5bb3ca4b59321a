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

export async function seedDemoArticles(
  ctx: Ctx,
  opts: { staffUserId: string; kolCustomerId: string | null },
): Promise<{ articles: number }> {
  await ensureTags(ctx, DEMO_TAGS);
  const owner: Editor = { kind: 'staff', staffUserId: opts.staffUserId, publisher: true };
  const business = await businessAuthor(ctx);
  const writers = [
    ...(await listStaffMembers(ctx, { roles: ['technician'] })).slice(0, 1),
    ...(await listStaffMembers(ctx, { roles: ['advisor'] })).slice(0, 1),
  ];
  const staffAuthors: { id: string }[] = [];
  for (const w of writers)
    staffAuthors.push(
      await createAuthor(ctx, {
        kind: 'staff',
        staffUserId: w.id,
        bio:
          w.role === 'technician'
            ? '十年一线技师，擅长底盘与保养。'
            : '服务顾问，帮您把每一项说清楚。',
      }),
    );
  const kolCustomerId = (await kolCandidates(ctx))[0]?.customerId ?? opts.kolCustomerId;
  const kol = kolCustomerId
    ? await createAuthor(ctx, {
        kind: 'kol',
        customerId: kolCustomerId,
        bio: '周末自驾爱好者，电车三年车龄。',
      })
    : null;

  const plans: Plan[] = [
    {
      text: BUSINESS_ARTICLES[0]!,
      as: owner,
      authorId: business.id,
      status: 'published',
      daysAgo: 26,
    },
    {
      text: BUSINESS_ARTICLES[1]!,
      as: owner,
      authorId: business.id,
      status: 'published',
      daysAgo: 12,
    },
    {
      text: BUSINESS_ARTICLES[2]!,
      as: owner,
      authorId: business.id,
      status: 'scheduled',
      inDays: 3,
    },
    ...STAFF_ARTICLES.map((text, i): Plan => ({
      text,
      as: owner,
      ...(staffAuthors[i] ? { authorId: staffAuthors[i].id } : { authorId: business.id }),
      status: 'published',
      daysAgo: i === 0 ? 19 : 4,
    })),
    ...(kol && kolCustomerId
      ? [
          {
            text: KOL_ARTICLES[0]!,
            as: { kind: 'kol', customerId: kolCustomerId, authorId: kol.id } as Editor,
            status: 'published' as const,
            daysAgo: 8,
          },
          {
            text: KOL_ARTICLES[1]!,
            as: { kind: 'kol', customerId: kolCustomerId, authorId: kol.id } as Editor,
            status: 'in_review' as const,
          },
        ]
      : []),
  ];
  const now = ctx.clock.now().getTime();
  let seed = 301;
  for (const p of plans) {
    const cover = await saveImage(
      ctx,
      await demoPicture(seed++, 1200, 675),
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
  return { articles: plans.length };
}
