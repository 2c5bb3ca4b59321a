// Demo referrals (deterministic): a few KOLs (the demo car owner among them) with trees three to
// four levels deep, about a fifth of the customers acquired by referral (most of them in the last
// year, so the share chart has figures every month), each referral's status following from the
// referee's first paid order (rewarded through the ledger when its return window passed, pending
// when recent, below the minimum, or none yet), and three recent ones flagged for review.
import { bulkInsert } from '../../db/bulk.ts';
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { createRandom } from '../../kernel/random.ts';
import { markCameByReferral } from '../customers/index.ts';
import { grantReward } from '../loyalty/index.ts';
import type { Flag } from './flags.ts';
import { ensureCode } from './codes.ts';
import { referralHouseholds, referralRewards, referrals } from './referrals.tables.ts';
import { loadReferralSettings } from './settings.ts';

const DAY = 24 * 60 * 60 * 1000;
const RETURN_WINDOW_DAYS = 7;

export async function seedDemoReferrals(
  ctx: Ctx,
  input: {
    demoCustomerId: string | null;
    customers: { id: string; createdAt: Date }[];
    orders: {
      id: string;
      customerId: string;
      status: string;
      totalFen: number;
      closedAt: Date | null;
    }[];
  },
): Promise<{ referrals: number; rewarded: number; flagged: number }> {
  const r = createRandom(20261123);
  const now = ctx.clock.now();
  const settings = await loadReferralSettings(ctx);
  const all = [...input.customers].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  if (all.length < 20) return { referrals: 0, rewarded: 0, flagged: 0 };
  const oldest = all.slice(0, Math.floor(all.length * 0.3));
  const kols = new Set(r.shuffle(oldest.map((c) => c.id)).slice(0, 4));
  if (input.demoCustomerId) kols.add(input.demoCustomerId);
  const depth = new Map<string, number>([...kols].map((id) => [id, 0]));
  const treeNodes: string[] = [...kols];
  const yearAgo = now.getTime() - 365 * DAY;

  const firstPaid = new Map<string, { id: string; fen: number; at: Date }>();
  for (const o of input.orders)
    if ((o.status === 'closed' || o.status === 'paid') && o.closedAt) {
      const cur = firstPaid.get(o.customerId);
      if (!cur || o.closedAt < cur.at)
        firstPaid.set(o.customerId, { id: o.id, fen: o.totalFen, at: o.closedAt });
    }

  const rows: (typeof referrals.$inferInsert)[] = [];
  const rewardRows: (typeof referralRewards.$inferInsert)[] = [];
  const grants: { rewardId: string; customerId: string; amount: number; at: Date; side: string }[] =
    [];
  const earlier: string[] = [];
  let demoDirect = 0;
  for (const c of all) {
    const recent = c.createdAt.getTime() >= yearAgo;
    const isReferee = !kols.has(c.id) && earlier.length > 10 && r.chance(recent ? 0.42 : 0.13);
    if (!isReferee) {
      earlier.push(c.id);
      continue;
    }
    // Parent: a KOL or someone in a KOL's tree (depth < 4) most of the time, else any customer.
    const inTree = treeNodes.filter((id) => (depth.get(id) ?? 9) < 4);
    // The demo car owner (who signs in to the app) has a few friends of their own to show.
    const demoFirst =
      input.demoCustomerId && demoDirect < 3 && earlier.includes(input.demoCustomerId);
    const referrerId = demoFirst
      ? input.demoCustomerId!
      : r.chance(0.7) && inTree.length
        ? r.pick(inTree)
        : r.pick(earlier);
    if (demoFirst) demoDirect++;
    const d = (depth.get(referrerId) ?? -1) + 1;
    if (depth.has(referrerId)) {
      depth.set(c.id, d);
      treeNodes.push(c.id);
    }
    earlier.push(c.id);
    const id = newId();
    const first = firstPaid.get(c.id);
    let status: (typeof referrals.$inferInsert)['status'] = 'attributed';
    let qualifying: { id: string; fen: number } | null = null;
    if (first) {
      qualifying = { id: first.id, fen: first.fen };
      if (first.fen >= settings.minOrderFen) {
        const grantAt = new Date(first.at.getTime() + RETURN_WINDOW_DAYS * DAY);
        const granted = grantAt <= now;
        status = granted ? 'rewarded' : 'qualified';
        for (const [side, customerId, amount] of [
          ['referrer', referrerId, 500],
          ['referee', c.id, 300],
        ] as const) {
          const rewardId = newId();
          rewardRows.push({
            tenantId: ctx.tenantId,
            id: rewardId,
            referralId: id,
            side,
            customerId,
            kind: 'points',
            amount,
            status: granted ? 'granted' : 'pending',
            grantAt,
            grantedAt: granted ? grantAt : null,
            createdAt: first.at,
            updatedAt: granted ? grantAt : first.at,
          });
          if (granted) grants.push({ rewardId, customerId, amount, at: grantAt, side });
        }
      }
    }
    rows.push({
      tenantId: ctx.tenantId,
      id,
      referrerId,
      refereeId: c.id,
      channel: r.chance(0.7) ? 'link' : 'counter',
      status,
      flags: [],
      qualifyingOrderId: qualifying?.id ?? null,
      qualifyingOrderFen: qualifying?.fen ?? null,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
    });
  }

  // Three recent referees not yet rewarded wait for review, each for a different reason (rewards
  // of one who already paid stay pending until a manager decides).
  const waiting = rows
    .filter((x) => x.status === 'attributed' || x.status === 'qualified')
    .sort((a, b) => b.createdAt!.getTime() - a.createdAt!.getTime())
    .slice(0, 3);
  const households: (typeof referralHouseholds.$inferInsert)[] = [];
  waiting.forEach((x, i) => {
    let flags: Flag[];
    if (i === 0) {
      flags = [
        { code: 'HOUSEHOLD_ADDRESS', details: { customerId: x.referrerId, isReferrer: true } },
      ];
      for (const holderId of [x.referrerId, x.refereeId])
        households.push({
          tenantId: ctx.tenantId,
          holderId,
          addressKey: '北京朝阳望京西园3区312',
          payerKey: null,
          updatedAt: x.createdAt!,
        });
    } else if (i === 1) flags = [{ code: 'VELOCITY', details: { last24h: 6, max: 5 } }];
    else
      flags = [
        { code: 'PHONE_KNOWN', details: { reason: 'imported' } },
        { code: 'PLATE_KNOWN', details: { plate: '京N·8K2Q7', customerId: x.referrerId } },
      ];
    x.status = 'flagged';
    x.flags = flags;
  });

  await bulkInsert(ctx.tx, referrals, rows);
  await bulkInsert(ctx.tx, referralRewards, rewardRows);
  await bulkInsert(ctx.tx, referralHouseholds, households);
  // Granted rewards go through the ledger at their own instant, as live ones would.
  for (const g of grants)
    await grantReward(
      { ...ctx, clock: fixedClock(g.at) },
      {
        customerId: g.customerId,
        kind: 'points',
        amount: g.amount,
        reason: g.side === 'referrer' ? '推荐好友奖励' : '新客推荐奖励',
        reference: { type: 'referral_reward', id: g.rewardId },
        idempotencyKey: `referral:${g.rewardId}`,
      },
    );
  for (const id of new Set(rows.map((x) => x.referrerId))) await ensureCode(ctx, id);
  // Referred customers came by referral: their record says so.
  await markCameByReferral(
    ctx,
    rows.map((x) => x.refereeId),
    ['walk_in'],
  );
  return { referrals: rows.length, rewarded: grants.length / 2, flagged: waiting.length };
}
