// The demo's monitoring: a competitor's news and an industry feed with a few days of items, two
// rules with their matches and one crisis alert naming the shop. The demo feeds are paused with
// their history (addresses on the reserved example.* domains): a demo without network access must
// not fill the feed health with errors, and resuming one in the console shows the fetcher at work.
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { FETCH_INTERVAL_MS } from './backoff.ts';
import { matchItems, storeEntries } from './ingest.ts';
import type { FeedEntry } from './parse-feed.ts';
import {
  monitorFeeds,
  monitorMatches,
  monitorRules,
  monitorSettings,
} from './monitoring.tables.ts';

const HOUR = 60 * 60 * 1000;

interface DemoEntry {
  hoursAgo: number;
  title: string;
  summary: string;
  author?: string;
}

const COMPETITOR: DemoEntry[] = [
  {
    hoursAgo: 70,
    title: '驰骋养车双十二保养优惠：机油三件套限时 6 折',
    summary: '12 月 12 日前到店保养，机油、机滤、空滤三件套 6 折，另送免费检测 30 项。',
  },
  {
    hoursAgo: 46,
    title: '驰骋养车新开天河北门店，开业首月轮胎买三送一',
    summary: '新店位于天河北路，开业期间米其林、普利司通轮胎买三送一，含免费四轮定位。',
  },
  {
    hoursAgo: 20,
    title: '驰骋养车招聘高级技师 5 名',
    summary: '要求三年以上新能源车维修经验，待遇面议。',
  },
  {
    hoursAgo: 5,
    title: '驰骋养车推出新能源电池健康检测套餐',
    summary: '199 元电池健康检测，出具报告，冬季续航优化建议。',
  },
];

const INDUSTRY: DemoEntry[] = [
  {
    hoursAgo: 60,
    title: '冬季用车：轮胎气压与防冻液检查指南',
    summary: '气温骤降前，建议车主检查胎压、防冻液冰点与蓄电池状态。',
    author: '汽车后市场观察',
  },
  {
    hoursAgo: 30,
    title: '市场监管部门发布汽车维修价格公示新规',
    summary: '自明年起，维修企业须在店内和线上公示工时单价与常用配件价格。',
    author: '汽车后市场观察',
  },
  {
    hoursAgo: 9,
    title: '车主曝光：安途汽车某门店保养后被加收费用，已向消协投诉',
    summary: '一位车主称在安途汽车保养时被追加未告知的项目费用，要求退款，目前正在协商。',
    author: '本地生活报',
  },
  {
    hoursAgo: 3,
    title: '新能源车保养市场规模年增 40%',
    summary: '行业报告显示，新能源车售后保养需求快速增长，独立维修门店加速布局。',
    author: '汽车后市场观察',
  },
];

const entryOf = (e: DemoEntry, feedKey: string, i: number, now: Date): FeedEntry => ({
  guid: `${feedKey}-${i}`,
  link: `https://${feedKey}.example.com/news/${i}`,
  title: e.title,
  summary: e.summary,
  author: e.author ?? '',
  publishedAt: new Date(now.getTime() - e.hoursAgo * HOUR),
});

async function demoFeed(
  ctx: Ctx,
  feed: { name: string; kind: 'competitor' | 'industry'; key: string; url: string },
  entries: DemoEntry[],
): Promise<{ id: string; items: number; matches: number; crises: number }> {
  const now = ctx.clock.now();
  const id = newId();
  await ctx.tx.insert(monitorFeeds).values({
    tenantId: ctx.tenantId,
    id,
    name: feed.name,
    kind: feed.kind,
    url: feed.url,
    status: 'paused',
    lastFetchAt: new Date(now.getTime() - HOUR),
    lastSuccessAt: new Date(now.getTime() - HOUR),
    lastResult: 'ok',
    lastHttpStatus: 200,
    nextFetchAt: new Date(now.getTime() - HOUR + FETCH_INTERVAL_MS),
    createdAt: new Date(now.getTime() - 14 * 24 * HOUR),
    updatedAt: now,
  });
  let items = 0;
  let matches = 0;
  let crises = 0;
  for (const [i, e] of entries.entries()) {
    // Each item stored and matched at the time it was fetched, so the lists read as days of news.
    const at = new Date(now.getTime() - e.hoursAgo * HOUR + 10 * 60 * 1000);
    const then: Ctx = { ...ctx, clock: { now: () => at } };
    const rows = await storeEntries(then, id, [entryOf(e, feed.key, i, now)]);
    const m = await matchItems(then, { id, name: feed.name }, rows, { notify: false });
    items += rows.length;
    matches += m.matches;
    crises += m.crises;
  }
  return { id, items, matches, crises };
}

export async function seedDemoMonitoring(
  ctx: Ctx,
  opts: { recipientStaffIds: string[] },
): Promise<{ feeds: number; items: number; matches: number; crises: number }> {
  const now = ctx.clock.now();
  await ctx.tx
    .insert(monitorSettings)
    .values({ tenantId: ctx.tenantId, aliases: ['安途汽车', '安途养车'], negativeWords: ['加收'] })
    .onConflictDoNothing();
  const rule = (
    name: string,
    include: string[],
    exclude: string[],
    delivery: 'immediate' | 'digest',
  ) => ({
    tenantId: ctx.tenantId,
    id: newId(),
    name,
    feedId: null,
    include,
    exclude,
    fields: ['title', 'summary'] as ('title' | 'summary')[],
    delivery,
    recipientStaffIds: opts.recipientStaffIds,
    createdAt: new Date(now.getTime() - 14 * 24 * HOUR),
    updatedAt: now,
  });
  await ctx.tx
    .insert(monitorRules)
    .values([
      rule('竞品促销', ['优惠', '买*送', '折'], ['招聘'], 'immediate'),
      rule('政策与新能源', ['监管', '新规', '新能源'], [], 'digest'),
    ]);
  const a = await demoFeed(
    ctx,
    {
      name: '驰骋养车·新闻动态',
      kind: 'competitor',
      key: 'chicheng',
      url: 'https://chicheng.example.com/news/rss.xml',
    },
    COMPETITOR,
  );
  const b = await demoFeed(
    ctx,
    {
      name: '汽车后市场资讯',
      kind: 'industry',
      key: 'aftermarket',
      url: 'https://aftermarket.example.org/feed.atom',
    },
    INDUSTRY,
  );
  // Immediate alerts (the crisis among them) were sent a minute after they came in.
  await ctx.tx
    .update(monitorMatches)
    .set({ notifiedAt: sql`${monitorMatches.createdAt} + interval '1 minute'` })
    .where(eq(monitorMatches.delivery, 'immediate'));
  return {
    feeds: 2,
    items: a.items + b.items,
    matches: a.matches + b.matches,
    crises: a.crises + b.crises,
  };
}
