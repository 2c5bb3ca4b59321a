// Demo conversations: a few car owners who wrote to the business, one answered and assigned, one
// waiting unassigned (the console's badge), one closed. Deterministic given the customers passed.
import { and, asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { staffUsers } from '../identity/index.ts';
import { preview } from './inbox.service.ts';
import { conversationMessages, conversations } from './inbox.tables.ts';

type Line = { author: 'customer' | 'staff'; body: string; minutesAgo: number };

const THREADS: { status: 'open' | 'closed'; assigned: boolean; lines: Line[] }[] = [
  {
    status: 'open',
    assigned: false,
    lines: [
      {
        author: 'customer',
        body: '你好，我的车最近刹车有点异响，需要过来看看吗？',
        minutesAgo: 95,
      },
      { author: 'customer', body: '明天上午方便吗？', minutesAgo: 93 },
    ],
  },
  {
    status: 'open',
    assigned: true,
    lines: [
      { author: 'customer', body: '请问做一次小保养大概多少钱？', minutesAgo: 60 * 26 },
      {
        author: 'staff',
        body: '您好，您的车小保养含机油机滤约 480 元，周末需要提前预约哦。',
        minutesAgo: 60 * 25,
      },
      { author: 'customer', body: '好的，谢谢，我在小程序里约周六。', minutesAgo: 60 * 25 - 10 },
    ],
  },
  {
    status: 'closed',
    assigned: true,
    lines: [
      { author: 'customer', body: '发票可以开公司抬头吗？', minutesAgo: 60 * 24 * 5 },
      { author: 'staff', body: '可以的，取车时把税号告诉前台即可。', minutesAgo: 60 * 24 * 5 - 30 },
    ],
  },
];

export async function seedDemoConversations(ctx: Ctx, opts: { customerIds: string[] }) {
  const [advisor] = await ctx.tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, 'advisor'), eq(staffUsers.status, 'active')))
    .orderBy(asc(staffUsers.createdAt), asc(staffUsers.id))
    .limit(1);
  const now = ctx.clock.now().getTime();
  let made = 0;
  // Customers from the middle of the list: not the demo car owner the walkthrough signs in as.
  const picked = opts.customerIds.slice(10, 10 + THREADS.length);
  for (const [n, customerId] of picked.entries()) {
    const thread = THREADS[n]!;
    const at = (l: Line) => new Date(now - l.minutesAgo * 60_000);
    const last = thread.lines[thread.lines.length - 1]!;
    const id = newId();
    const staffId = thread.assigned ? (advisor?.id ?? null) : null;
    const lastStaff = thread.lines.map((l) => l.author).lastIndexOf('staff');
    await ctx.tx.insert(conversations).values({
      tenantId: ctx.tenantId,
      id,
      customerId,
      status: thread.status,
      assignedStaffId: staffId,
      staffUnread: thread.lines.slice(lastStaff + 1).length,
      customerUnread: 0,
      lastMessageAt: at(last),
      lastMessagePreview: preview(last.body),
      lastMessageAuthor: last.author,
      createdAt: at(thread.lines[0]!),
      updatedAt: at(last),
    });
    await ctx.tx.insert(conversationMessages).values(
      thread.lines.map((l) => ({
        tenantId: ctx.tenantId,
        id: newId(),
        conversationId: id,
        authorType: l.author,
        staffId: l.author === 'staff' ? (advisor?.id ?? null) : null,
        body: l.body,
        createdAt: at(l),
      })),
    );
    made++;
  }
  return { conversations: made };
}
