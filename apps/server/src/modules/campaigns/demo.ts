// Demo data: a saved segment and a finished win-back campaign with a hold-out, launched at 10:00
// business time three weeks before "now": the recipients are snapshotted by the real run, and
// their messages written as already sent then (messaging's history, never the live pipeline —
// quiet hours at seed time must not hold a campaign of three weeks ago), with opens and
// conversions that show a lift. Deterministic: who opens or converts is a hash of the customer
// id, never Math.random.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../kernel/clock.ts';
import type { Ctx } from '../../kernel/context.ts';
import { recordPastBooking } from '../appointments/index.ts';
import { payOrder } from '../checkout/index.ts';
import { listStaffMembers } from '../identity/index.ts';
import { completeOrder, createServiceOrder } from '../service/index.ts';
import { vehicles } from '../vehicles/index.ts';
import {
  insertMessageHistory,
  localDateTime,
  zonedInstant,
  type PastMessage,
} from '../messaging/index.ts';
import { createSegment } from '../segments/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { attributeConversion } from './attribution.ts';
import { createCampaign } from './campaigns.service.ts';
import { finishRunIfDone } from './dispatch.ts';
import { bucketOf, startRun } from './launch.ts';
import { campaigns } from './campaigns.tables.ts';
import { eq } from 'drizzle-orm';

const DAY = 24 * 60 * 60 * 1000;

const HOUR = 60 * 60 * 1000;

/** A won-back owner's visit: an oil service opened when the booking starts, paid an hour later. */
async function serviceWonBack(
  ctx: Ctx,
  v: { customerId: string; storeId: string; advisorId: string; at: Date },
) {
  const [car] = await ctx.tx
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(eq(vehicles.customerId, v.customerId))
    .orderBy(vehicles.createdAt, vehicles.id)
    .limit(1);
  if (!car) return;
  const as = (instant: Date): Ctx => ({
    ...ctx,
    clock: fixedClock(instant),
    actor: { type: 'staff', id: v.advisorId, role: 'advisor', sessionId: null },
  });
  const order = await createServiceOrder(as(v.at), {
    customerId: v.customerId,
    vehicleId: car.id,
    storeId: v.storeId,
    advisorId: v.advisorId,
    items: [
      {
        kind: 'labour',
        category: 'oil_change',
        description: '小保养工时（老客 8 折）',
        quantity: 1,
        unitPriceFen: 9600,
      },
      {
        kind: 'part',
        category: 'oil_change',
        description: '全合成机油 4L',
        quantity: 1,
        unitPriceFen: 36800,
      },
      {
        kind: 'part',
        category: 'oil_change',
        description: '机油滤芯',
        quantity: 1,
        unitPriceFen: 4800,
      },
    ],
  });
  const done = await completeOrder(as(new Date(v.at.getTime() + 50 * 60_000)), order.id);
  await payOrder(as(new Date(v.at.getTime() + HOUR)), order.id, {
    method: 'wechat_pay',
    paidFen: done.amountDueFen,
  });
}

export async function seedDemoCampaigns(
  ctx: Ctx,
): Promise<{ segments: number; campaigns: number; attributions: number }> {
  const now = ctx.clock.now();
  const tenant = await getTenant(ctx);
  const launchedAt = zonedInstant(
    localDateTime(new Date(now.getTime() - 21 * DAY), tenant.timezone).date,
    10 * 60,
    tenant.timezone,
  );
  const past: Ctx = { ...ctx, clock: fixedClock(launchedAt) };

  await createSegment(ctx, {
    name: '高价值客户（RFM ≥ 12）',
    description: '演示：近度、频度、额度综合得分高的客户',
    filter: { kind: 'rule', field: 'rfm.score', op: 'gte', value: 12 },
  });
  const segment = await createSegment(past, {
    name: '半年未到店的老客户',
    description: '演示：最近一次到店在 180 天以前',
    filter: {
      kind: 'and',
      children: [
        { kind: 'rule', field: 'visit.last', op: 'more_than_days_ago', value: 180 },
        { kind: 'rule', field: 'visit.count', op: 'gte', value: 1 },
      ],
    },
  });
  const campaign = await createCampaign(past, {
    name: '老客回店礼（演示）',
    play: 'win_back',
    segmentId: segment.id,
    variants: [
      { key: 'A', templateKey: 'marketing.campaign', text: '好久不见！本月回店保养工时费 8 折。' },
      {
        key: 'B',
        templateKey: 'marketing.campaign',
        text: '您的爱车该保养了，老客户回店送免费检测。',
      },
    ],
    splitPercent: 50,
    holdoutPercent: 20,
    budgetMaxRecipients: 240,
    attributionDays: 30,
    channels: ['sms'],
    scheduleKind: 'now',
  });
  await past.tx.update(campaigns).set({ launchedAt }).where(eq(campaigns.id, campaign.id));
  const [row] = await past.tx.select().from(campaigns).where(eq(campaigns.id, campaign.id));
  const runNo = await startRun(past, row!);
  await sendInThePast(past, campaign.id, runNo, tenant.name, {
    A: '好久不见！本月回店保养工时费 8 折。',
    B: '您的爱车该保养了，老客户回店送免费检测。',
  });
  await finishRunIfDone(past, campaign.id, runNo);

  const attributions = await creditConversions(ctx, campaign.id, launchedAt);
  return { segments: 2, campaigns: 1, attributions };
}

/**
 * The run's messages as they went out at launch, a few minutes apart: delivered by SMS to those
 * who agreed to marketing (about a third opened the link), suppressed for want of consent for
 * the others — as the pipeline would have decided then.
 */
async function sendInThePast(
  ctx: Ctx,
  campaignId: string,
  runNo: number,
  tenantName: string,
  texts: Record<string, string>,
): Promise<void> {
  const pending = await queryRows<{
    customer_id: string;
    variant: string;
    name: string;
    phone: string;
    consented: boolean;
  }>(
    ctx.tx,
    sql`select r.customer_id, r.variant, c.name, c.phone,
          exists (select 1 from customer_consents k
                  where k.tenant_id = r.tenant_id and k.customer_id = r.customer_id
                    and k.channel = 'sms' and k.purpose = 'marketing' and k.granted) as consented
        from campaign_recipients r
        join customers c on c.tenant_id = r.tenant_id and c.id = r.customer_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${campaignId}::uuid
          and r.run_no = ${runNo}::int and r.status = 'pending'
        order by r.customer_id`,
  );
  const start = ctx.clock.now().getTime();
  const messages: PastMessage[] = pending.map((p, i) => {
    const text = texts[p.variant] ?? texts.A!;
    return {
      customerId: p.customer_id,
      templateKey: 'marketing.campaign',
      data: { campaign: { text } },
      purpose: 'marketing',
      priority: 'marketing',
      dedupeKey: `campaign:${campaignId}:${runNo}:${p.customer_id}`,
      channel: 'sms',
      address: p.phone,
      body: `【${tenantName}】${p.name}您好，${text}`,
      sentAt: new Date(start + Math.floor(i / 50) * 60 * 1000),
      outcome: !p.consented
        ? 'suppressed'
        : bucketOf(`demo-open:${p.customer_id}`) < 35
          ? 'opened'
          : 'delivered',
      ...(p.consented ? {} : { reason: 'no_consent' }),
      source: { type: 'campaign', id: campaignId },
    };
  });
  const intentIds = await insertMessageHistory(ctx, messages);
  const rows = pending.map((p, i) => ({
    customer_id: p.customer_id,
    intent_id: intentIds[i]!,
    touched_at: messages[i]!.sentAt.toISOString(),
  }));
  if (rows.length)
    await ctx.tx.execute(
      sql`update campaign_recipients r
          set status = 'queued', intent_id = x.intent_id, touched_at = x.touched_at
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
            as x(customer_id uuid, intent_id uuid, touched_at timestamptz)
          where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${campaignId}::uuid
            and r.run_no = ${runNo}::int and r.customer_id = x.customer_id`,
    );
}

/**
 * The campaign's conversions: bookings made after the message (the cars of those whose day has
 * come serviced and paid), and the demo history's paid orders in the window, credited as live.
 */
async function creditConversions(ctx: Ctx, campaignId: string, launchedAt: Date): Promise<number> {
  const now = ctx.clock.now();
  // Conversions: bookings made after the message. Only a recipient whose message went out (not
  // suppressed by consent, quiet hours or caps) can be credited, and the report's rates are over
  // every targeted recipient, so the numbers are fixed rather than drawn: 14 % of the treated
  // targeted convert (as far as reached recipients allow), the hold-out at 40 % of that rate —
  // the lift the report shows, whatever the random ids. Who converts is a hash of the id.
  const recipients = await queryRows<{ customer_id: string; held_out: boolean; reached: boolean }>(
    ctx.tx,
    sql`select r.customer_id, r.held_out,
          (r.status = 'queued' and coalesce(i.status not in ('failed', 'suppressed'), false)) as reached
        from campaign_recipients r
        left join message_intents i on i.tenant_id = r.tenant_id and i.id = r.intent_id
        where r.tenant_id = ${ctx.tenantId}::uuid and r.campaign_id = ${campaignId}::uuid`,
  );
  const byHash = (list: typeof recipients) =>
    list
      .map((r) => ({ ...r, bucket: bucketOf(`demo-conversion:${r.customer_id}`) }))
      .sort((x, y) => x.bucket - y.bucket || x.customer_id.localeCompare(y.customer_id));
  const treated = recipients.filter((r) => !r.held_out);
  const held = recipients.filter((r) => r.held_out);
  const treatedWins = Math.min(
    Math.round(0.14 * treated.length),
    treated.filter((r) => r.reached).length,
  );
  const heldWins = Math.floor((0.4 * treatedWins * held.length) / Math.max(1, treated.length));
  const converting = [
    ...byHash(treated.filter((r) => r.reached)).slice(0, treatedWins),
    ...byHash(held).slice(0, heldWins),
  ];
  const [store] = await queryRows<{ id: string }>(
    ctx.tx,
    sql`select id from stores where tenant_id = ${ctx.tenantId}::uuid order by code limit 1`,
  );
  const [advisor] = await listStaffMembers(ctx, { roles: ['advisor'] });
  let attributions = 0;
  for (const r of converting) {
    const day = 1 + (r.bucket % 12);
    const bookedAt = new Date(launchedAt.getTime() + day * DAY + 2 * 60 * 60 * 1000);
    const startsAt = new Date(bookedAt.getTime() + 2 * DAY);
    const id = await recordPastBooking(ctx, {
      storeId: store!.id,
      customerId: r.customer_id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
      serviceCategory: 'oil_change',
      status: startsAt.getTime() < now.getTime() ? 'completed' : 'booked',
      createdByType: 'customer',
      bookedAt,
    });
    if (
      await attributeConversion(ctx, {
        kind: 'booking',
        referenceId: id,
        customerId: r.customer_id,
        revenueFen: 0,
        at: bookedAt,
        eventId: null,
      })
    )
      attributions += 1;
    // A booking whose day has come brought the car: serviced and paid (credited below).
    if (advisor && startsAt.getTime() + 2 * HOUR < now.getTime())
      await serviceWonBack(ctx, {
        customerId: r.customer_id,
        storeId: store!.id,
        advisorId: advisor.id,
        at: startsAt,
      });
  }
  return attributions + (await creditPaidOrders(ctx, campaignId, launchedAt));
}

/** Paid orders of the demo history in the campaign's window, credited as they would be live. */
async function creditPaidOrders(ctx: Ctx, campaignId: string, launchedAt: Date): Promise<number> {
  const now = ctx.clock.now();
  let attributions = 0;
  const orders = await queryRows<{
    id: string;
    customer_id: string;
    paid_fen: number;
    paid_at: Date | string;
  }>(
    ctx.tx,
    sql`select o.id, o.customer_id, o.paid_fen, o.paid_at from service_orders o
        join campaign_recipients r on r.tenant_id = o.tenant_id and r.customer_id = o.customer_id
          and r.campaign_id = ${campaignId}::uuid
        where o.tenant_id = ${ctx.tenantId}::uuid and o.status in ('paid', 'closed')
          and o.paid_at > ${launchedAt.toISOString()}::timestamptz and o.paid_at <= ${now.toISOString()}::timestamptz
        order by o.paid_at, o.id`,
  );
  for (const o of orders)
    if (
      await attributeConversion(ctx, {
        kind: 'order',
        referenceId: o.id,
        customerId: o.customer_id,
        revenueFen: Number(o.paid_fen ?? 0),
        at: new Date(o.paid_at),
        eventId: null,
      })
    )
      attributions += 1;
  return attributions;
}
