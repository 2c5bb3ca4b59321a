// The demo's data requests: a copy answered in time, a correction and a deletion request still
// open with their deadlines running, so the console's 个人信息请求 page is never empty.
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { completeDataRequest, createDataRequest } from './privacy.service.ts';

const DAY = 24 * 60 * 60 * 1000;

export async function seedDemoPrivacy(
  ctx: Ctx,
  input: { customerIds: string[] },
): Promise<{ requests: number }> {
  const ids = input.customerIds;
  if (ids.length < 32) return { requests: 0 };
  const at = (daysAgo: number): Ctx => ({
    ...ctx,
    clock: fixedClock(new Date(ctx.clock.now().getTime() - daysAgo * DAY)),
  });
  const copy = await createDataRequest(
    at(12),
    ids[17]!,
    { kind: 'export', message: '想看看店里保存了我哪些信息' },
    'app',
  );
  await completeDataRequest(at(10), copy.id, '已在 App「我的数据」中提供副本并电话告知');
  await createDataRequest(
    at(6),
    ids[23]!,
    { kind: 'correction', message: '地址已搬到天河区珠江新城，请更新' },
    'staff',
  );
  await createDataRequest(
    at(2),
    ids[31]!,
    { kind: 'deletion', message: '车已卖掉，不再使用贵店服务，请删除我的个人信息' },
    'app',
  );
  return { requests: 3 };
}
