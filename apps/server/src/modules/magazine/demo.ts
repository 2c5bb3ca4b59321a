// The demo's e-magazine: 《留客车友》2026 冬季刊, published twelve days before the seed clock with
// three sections and six pages, three of them readers' contributions credited (points granted
// once through the ledger); a spring issue in draft whose call (征稿) is open with two
// contributions waiting in the review queue; and the owners who subscribe.
import type { Ctx } from '../../kernel/context.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { createCall, updateCall } from './calls.ts';
import { approveContribution, contribute, placeContribution } from './contributions.ts';
import { addPage, addSection, createIssue } from './editor.ts';
import { publishIssue } from './publish.ts';
import { magazineSubscribers } from './magazine.tables.ts';

const DAY = 24 * 60 * 60 * 1000;

/** The context as it was `days` days before the seed clock. */
const daysAgo = (ctx: Ctx, days: number): Ctx => {
  const at = new Date(ctx.clock.now().getTime() - days * DAY);
  return { ...ctx, clock: { now: () => at } };
};

async function picture(ctx: Ctx, seed: number, by: { customerId: string } | { system: true }) {
  return (await saveImage(ctx, await demoPicture(seed, 1200, 800), by, 'magazine')).id;
}

const STAFF_PAGES = [
  {
    section: 0,
    title: '一起过个暖冬',
    layout: 'cover' as const,
    photo: 301,
    bodyHtml:
      '<p>这一期，我们把镜头交给车友：雪后的湖边、第一次自己动手的保养、带着父母的海边公路。</p><p>也请技师们聊聊，冬天的车最怕什么。</p>',
  },
  {
    section: 1,
    title: '冬季胎压怎么调',
    layout: 'text' as const,
    photo: null,
    bodyHtml:
      '<p>气温每下降 10℃，胎压大约下降 0.1 bar。早晨冷车时测量最准，按车门边标签的数值补到标准即可。</p><h3>三个小建议</h3><ul><li>每月至少检查一次，包括备胎；</li><li>跑高速前可比标准高 0.1–0.2 bar；</li><li>胎纹低于 1.6 毫米请及时更换。</li></ul>',
  },
  {
    section: 1,
    title: '电瓶亏电的五个信号',
    layout: 'photo_story' as const,
    photo: 302,
    bodyHtml:
      '<p>启动时发动机转得慢、仪表灯变暗、车窗升降变慢、怠速时灯光闪烁、电瓶用了三年以上——出现任何一条，都建议到店做一次免费的电瓶检测。</p><blockquote>冬天停车超过一周，可以断开负极，或者每周发动一次。</blockquote>',
  },
];

const READER_PIECES = [
  {
    title: '雪后的千岛湖',
    text: '十二月初的一场雪后，我们一家开车去了千岛湖。\n山路有些结冰，出发前在店里换了雪地胎，一路都很稳。\n湖边的雾还没散，像一幅水墨画。',
    photos: [311, 312],
  },
  {
    title: '第一次自己换雨刮',
    text: '以前总觉得换雨刮要去店里，这次跟着技师的视频试了一下，五分钟就装好了。\n下雨天视线清楚了很多，推荐大家入冬前检查一下雨刮条。',
    photos: [313],
  },
  {
    title: '带爸妈去看海',
    text: '爸妈一直想看冬天的海。周末开了三个小时到舟山，一路上老爸都在夸车开得稳。\n回来的路上夕阳很美，停在服务区拍了这张。',
    photos: [314],
  },
];

const PENDING_PIECES = [
  {
    title: '春节回家的八百公里',
    text: '去年春节自驾回老家，八百公里走了十一个小时。出发前做了一次全面检查，路上一点没担心。今年还打算这么走。',
    photos: [321],
  },
  {
    title: '后备箱里的年货',
    text: '每年回家，后备箱都被年货塞得满满当当。分享一下我的装箱心得：重的放下面，易碎的用毯子隔开。',
    photos: [],
  },
];

async function contributed(
  ctx: Ctx,
  callId: string,
  customerId: string,
  piece: { title: string; text: string; photos: number[] },
) {
  const imageIds: string[] = [];
  for (const seed of piece.photos) imageIds.push(await picture(ctx, seed, { customerId }));
  return contribute(ctx, customerId, callId, { title: piece.title, text: piece.text, imageIds });
}

/** Seeds the demo magazine; `authorIds` are owners who are not muted (the demo owner first). */
export async function seedDemoMagazine(
  ctx: Ctx,
  opts: { demoCustomerId: string | null; customerIds: readonly string[] },
) {
  const authors = [
    ...(opts.demoCustomerId ? [opts.demoCustomerId] : []),
    ...opts.customerIds.filter((id) => id !== opts.demoCustomerId).slice(5, 10),
  ];
  if (authors.length < 5) return { issues: 0, pages: 0, contributions: 0, subscribers: 0 };
  // The winter issue: made a month ago, readers' call open until two weeks ago.
  const early = daysAgo(ctx, 30);
  const cover = await picture(early, 300, { system: true });
  let winter = await createIssue(early, {
    title: '《留客车友》2026 冬季刊',
    summary: '冬季用车干货，和车友们的冬日自驾故事。',
    coverImageId: cover,
  });
  for (const title of ['封面故事', '用车课堂', '读者来稿'])
    winter = await addSection(early, winter.id, { title });
  const sectionIds = winter.sections.map((s) => s.id);
  for (const p of STAFF_PAGES) {
    const imageIds = p.photo ? [await picture(early, p.photo, { system: true })] : [];
    await addPage(early, winter.id, {
      sectionId: sectionIds[p.section]!,
      title: p.title,
      bodyHtml: p.bodyHtml,
      imageIds,
      layout: p.layout,
    });
  }
  const winterCall = await createCall(early, {
    theme: '我的冬季自驾',
    description: '分享一段冬天的自驾路：几张照片，几句话就好。刊登即得 200 积分。',
    deadline: new Date(ctx.clock.now().getTime() - 14 * DAY).toISOString(),
    sectionId: sectionIds[2]!,
    points: 200,
  });
  for (const [i, piece] of READER_PIECES.entries()) {
    const at = daysAgo(ctx, 25 - i * 3);
    const c = await contributed(at, winterCall.id, authors[i]!, piece);
    await approveContribution(daysAgo(ctx, 15), c.id);
    await placeContribution(daysAgo(ctx, 13), c.id, {});
  }
  await updateCall(daysAgo(ctx, 13), winterCall.id, { status: 'closed' });
  await publishIssue(daysAgo(ctx, 12), winter.id);

  // The spring issue in the making, with its call open and two contributions waiting.
  let spring = await createIssue(daysAgo(ctx, 5), {
    title: '《留客车友》2027 春季刊',
    summary: '春节回家路，和开春保养指南。',
  });
  spring = await addSection(daysAgo(ctx, 5), spring.id, { title: '回家的路' });
  const springCall = await createCall(daysAgo(ctx, 5), {
    theme: '我和我的车·春节回家路',
    description: '春节开车回家的故事、照片和小窍门，都欢迎投稿。刊登即得 150 积分。',
    deadline: new Date(ctx.clock.now().getTime() + 20 * DAY).toISOString(),
    sectionId: spring.sections[0]!.id,
    points: 150,
  });
  for (const [i, piece] of PENDING_PIECES.entries())
    await contributed(daysAgo(ctx, 2 - i), springCall.id, authors[3 + i]!, piece);

  // Subscribers join after the winter issue went out: the seed sends no announcements.
  const subscribers = [...authors, ...opts.customerIds.slice(10, 22)];
  for (const [i, customerId] of [...new Set(subscribers)].entries())
    await ctx.tx
      .insert(magazineSubscribers)
      .values({
        tenantId: ctx.tenantId,
        customerId,
        subscribedAt: new Date(ctx.clock.now().getTime() - (10 - (i % 10)) * DAY),
      })
      .onConflictDoNothing();
  return {
    issues: 2,
    pages: STAFF_PAGES.length + READER_PIECES.length,
    contributions: READER_PIECES.length + PENDING_PIECES.length,
    subscribers: new Set(subscribers).size,
  };
}
