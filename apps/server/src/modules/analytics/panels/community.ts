// Community and content: per month, what the owners wrote in the clubs (posts, comments, likes),
// the events they signed up for and came to, and how many read the shop's articles and magazine —
// the figures of the clubs', events' and interests' own read models.
import { clubActivity } from '../../clubs/index.ts';
import { attendanceByMonth } from '../../events/index.ts';
import { readingByMonth } from '../../interests/index.ts';
import { tenantTimeZone, zonedDayStart } from '../../service/index.ts';
import { L, type PanelDef } from '../panel.ts';

const KEYS = [
  'posts',
  'comments',
  'likes',
  'signups',
  'checkIns',
  'readers',
  'opened',
  'finished',
] as const;
type Key = (typeof KEYS)[number];

export const communityPanel: PanelDef = {
  id: 'community',
  dashboard: 'community',
  title: L('社区与内容活跃度', 'Community and content activity'),
  definition: L(
    '每月（门店所在时区）：车友会的发帖、评论、点赞数（含之后被隐藏的）；活动报名数与已发布活动的签到数；阅读文章或电子杂志的车主数（去重）、打开次数与读完次数（关闭个性化的车主不记录阅读）。',
    'Per month (the business’s time zone): club posts, comments and likes (including those later hidden); event sign-ups and check-ins at published events; owners who read an article or the e-magazine (each once), reads opened and read to the end (owners with personalisation off record no reading).',
  ),
  filters: ['period', 'compare'],
  async query(ctx, q) {
    const timeZone = await tenantTimeZone(ctx);
    const from = zonedDayStart(q.from, timeZone)!;
    const to = zonedDayStart(q.to, timeZone, 1)!;
    const [days, attendance, reading] = [
      await clubActivity(ctx, from, to),
      await attendanceByMonth(ctx, { from, to, timeZone }),
      await readingByMonth(ctx, { from, to, timeZone }),
    ];
    const rows = q.months.map((month) => {
      const inMonth = days.filter((d) => d.day.startsWith(month));
      const sum = (k: 'posts' | 'comments' | 'likes') => inMonth.reduce((s, d) => s + d[k], 0);
      const a = attendance.find((x) => x.month === month);
      const r = reading.find((x) => x.month === month);
      return {
        month,
        posts: sum('posts'),
        comments: sum('comments'),
        likes: sum('likes'),
        signups: a?.signups ?? 0,
        checkIns: a?.checkIns ?? 0,
        readers: r?.readers ?? 0,
        opened: r?.opened ?? 0,
        finished: r?.finished ?? 0,
      };
    });
    const total = (k: Key) => rows.reduce((s, r) => s + r[k], 0);
    const title: Record<Key, ReturnType<typeof L>> = {
      posts: L('发帖', 'Posts'),
      comments: L('评论', 'Comments'),
      likes: L('点赞', 'Likes'),
      signups: L('活动报名', 'Event sign-ups'),
      checkIns: L('活动签到', 'Event check-ins'),
      readers: L('阅读车主', 'Readers'),
      opened: L('打开阅读', 'Reads opened'),
      finished: L('读完', 'Read to the end'),
    };
    return {
      chart: {
        type: 'line',
        categories: q.months,
        format: 'int',
        series: (['posts', 'checkIns', 'readers'] as const).map((k) => ({
          key: k,
          name: title[k],
          data: rows.map((r) => r[k]),
        })),
      },
      columns: [
        { key: 'month', title: L('月份', 'Month'), format: 'text' },
        ...KEYS.map((k) => ({ key: k, title: title[k], format: 'int' as const })),
      ],
      rows,
      headline: (['posts', 'checkIns', 'opened'] as const).map((k) => ({
        key: k,
        title: title[k],
        value: total(k),
        format: 'int' as const,
      })),
    };
  },
};
