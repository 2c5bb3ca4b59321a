// The demo tenant's inspections: recent paid orders carry a sent report with photos and the
// owner's decisions (approved work, declined work, some of it done on a later visit), lived-in
// relative to the seed clock; and today's cars in the shop are being inspected through the real
// functions — one report waiting for the owner, one where the owner approved a job and declined
// another (the order grew, the declined work is on the car's due-list).
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { demoPicture, saveImage } from '../media/index.ts';
import { DEFAULT_POINTS } from './default-template.ts';
import { decideJob } from './decisions.ts';
import { openInspection, sendInspection, setJob, updateItem } from './inspection-editing.ts';
import { getMyInspection } from './inspection-read.ts';
import { suggestStatus } from './inspection-rules.ts';
import { inspectionItems, inspections, type TemplatePoint } from './inspections.tables.ts';
import { templateFor } from './templates.ts';

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

interface OrderRow {
  id: string;
  vehicle_id: string;
  customer_id: string;
  store_id: string;
  advisor_id: string | null;
  technician_id: string | null;
  mileage_km: number | null;
  status: string;
  opened_at: string;
}

/** What a worn car shows: readings per point key, with the job a technician would propose. */
const FINDINGS: Record<
  string,
  { value: number | null; status?: 'amber' | 'red'; job: [string, number, number] }
> = {
  pads_front: { value: 3, job: ['更换前刹车片（含刹车盘检查）', 12000, 38000] },
  pads_rear: { value: 1.8, job: ['更换后刹车片', 12000, 32000] },
  tyre_fl: { value: 2.6, job: ['更换左前轮胎 205/55R16', 5000, 68000] },
  tyre_fr: { value: 2.8, job: ['更换右前轮胎 205/55R16', 5000, 68000] },
  brake_fluid: { value: 3.2, job: ['更换刹车油 DOT4', 8000, 12000] },
  battery: { value: 46, job: ['更换电瓶 60Ah', 3000, 58000] },
  wipers: { value: null, status: 'amber', job: ['更换前雨刮片一对', 0, 12800] },
};
const FINDING_KEYS = Object.keys(FINDINGS);

const NOTES: Record<string, string> = {
  pads_front: '左侧内片磨损更快，刹车时有轻微异响',
  pads_rear: '已接近报警线',
  tyre_fl: '外侧花纹磨损明显，建议做四轮定位',
  tyre_fr: '胎侧有轻微裂纹',
  brake_fluid: '检测笔显示含水量偏高',
  battery: '冷启动电流不足',
  wipers: '胶条老化，雨天有水痕',
};

/** A deterministic spread from a string: the same order gets the same report on every seed. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.abs(h);
}

async function demoPhotos(
  ctx: Ctx,
  staffUserId: string,
  count: number,
  seed: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const bytes = await demoPicture(200 + seed + i, 480, 360);
    ids.push((await saveImage(ctx, bytes, { staffUserId }, 'inspection')).id);
  }
  return ids;
}

function pastItems(
  ctx: Ctx,
  o: OrderRow,
  inspectionId: string,
  at: Date,
  photos: string[],
  now: Date,
) {
  const h = hash(o.id);
  const found = new Set([
    FINDING_KEYS[h % FINDING_KEYS.length]!,
    FINDING_KEYS[(h >> 4) % FINDING_KEYS.length]!,
  ]);
  return DEFAULT_POINTS.map((point: TemplatePoint, position) => {
    const f = found.has(point.key) ? FINDINGS[point.key] : undefined;
    const value = f
      ? f.value
      : point.measurement === 'none'
        ? null
        : point.key === 'battery'
          ? 88
          : point.higherIsWorse
            ? 1
            : 7;
    const status = f ? (f.status ?? suggestStatus(point, value) ?? 'amber') : 'green';
    const roll = hash(`${o.id}:${point.key}`) % 10;
    const decision = !f ? null : roll < 6 ? 'approved' : roll < 9 ? 'declined' : null;
    const decidedAt = decision ? new Date(at.getTime() + (30 + roll * 7) * MINUTE) : null;
    // Declined work done again on a later visit for about half of what is old enough.
    const recovered =
      decision === 'declined' &&
      decidedAt !== null &&
      now.getTime() - decidedAt.getTime() > 20 * DAY &&
      roll % 2 === 1;
    return {
      tenantId: ctx.tenantId,
      id: newId(),
      inspectionId,
      position,
      point,
      status: status as 'green' | 'amber' | 'red',
      value,
      note: f ? (NOTES[point.key] ?? null) : null,
      photoIds: f
        ? [photos[(h + position) % photos.length]!, photos[(h + position + 1) % photos.length]!]
        : [],
      jobDescription: f ? f.job[0] : null,
      labourFen: f ? f.job[1] : null,
      partsFen: f ? f.job[2] : null,
      decision: decision as 'approved' | 'declined' | null,
      decidedAt,
      recoveredAt: recovered && decidedAt ? new Date(decidedAt.getTime() + 18 * DAY) : null,
      updatedAt: decidedAt ?? at,
    };
  });
}

/** Reports on recent paid orders, written as they were lived (no messages sent again). */
async function seedPast(ctx: Ctx, photos: string[], fallbackTechnician: string) {
  const now = ctx.clock.now();
  const orders = await queryRows<OrderRow>(
    ctx.tx,
    sql`select o.id, o.vehicle_id, o.customer_id, o.store_id, o.advisor_id, o.technician_id,
          o.mileage_km, o.status, o.opened_at::text as opened_at
        from service_orders o
        where o.tenant_id = ${ctx.tenantId} and o.status in ('paid', 'closed')
          and o.opened_at >= ${new Date(now.getTime() - 120 * DAY).toISOString()}::timestamptz
        order by o.opened_at desc limit 36`,
  );
  const template = await templateFor(ctx, null);
  const heads: (typeof inspections.$inferInsert)[] = [];
  const rows: (typeof inspectionItems.$inferInsert)[] = [];
  for (const o of orders) {
    const at = new Date(new Date(o.opened_at).getTime() + 25 * MINUTE);
    const h = hash(o.id);
    const sent = h % 10 < 9;
    const viewed = sent && h % 10 < 7;
    const id = newId();
    heads.push({
      tenantId: ctx.tenantId,
      id,
      orderId: o.id,
      vehicleId: o.vehicle_id,
      customerId: o.customer_id,
      storeId: o.store_id,
      templateId: template.id,
      technicianId: o.technician_id ?? fallbackTechnician,
      advisorId: o.advisor_id,
      status: sent ? 'sent' : 'draft',
      mileageKm: o.mileage_km,
      sentAt: sent ? new Date(at.getTime() + 20 * MINUTE) : null,
      firstViewedAt: viewed ? new Date(at.getTime() + 26 * MINUTE) : null,
      viewSeconds: viewed ? 35 + (h % 200) : 0,
      createdAt: at,
      updatedAt: at,
    });
    const items = pastItems(ctx, o, id, at, photos, now).map((i) =>
      sent ? i : { ...i, decision: null, decidedAt: null, recoveredAt: null },
    );
    rows.push(...items);
  }
  // Two statements for every report and item (a seed is timed in tests).
  if (heads.length) {
    await ctx.tx.insert(inspections).values(heads);
    await ctx.tx.insert(inspectionItems).values(rows);
  }
  return heads.length;
}

/** A green reading for a point that is fine. */
const fineValue = (i: { key: string; measurement: string }) =>
  i.measurement === 'none' ? null : i.key === 'battery' ? 91 : i.key === 'brake_fluid' ? 1 : 7.5;

async function walk(tech: Ctx, orderId: string, photos: string[], keys: string[]) {
  const opened = await openInspection(tech, orderId, {});
  // The points found fine, in one statement (this module's own rows); the findings through the
  // technician's path (reading, note, photos, job).
  const fine = opened.items.filter((i) => !keys.includes(i.key));
  for (const item of fine)
    await tech.tx
      .update(inspectionItems)
      .set({ status: 'green', value: fineValue(item) })
      .where(eq(inspectionItems.id, item.id));
  for (const item of opened.items.filter((i) => keys.includes(i.key))) {
    const f = FINDINGS[item.key]!;
    await updateItem(tech, opened.id, item.id, {
      ...(f.value === null ? { status: f.status } : { value: f.value }),
      note: NOTES[item.key] ?? null,
      photoIds: photos.slice(0, 2),
    });
    await setJob(tech, opened.id, item.id, {
      description: f.job[0],
      labourFen: f.job[1],
      partsFen: f.job[2],
    });
  }
  return opened.id;
}

/** Today's cars in the shop, inspected through the real functions. */
async function seedToday(ctx: Ctx, technicianId: string, publicUrl: string, past: string[]) {
  const open = await queryRows<OrderRow>(
    ctx.tx,
    sql`select o.id, o.vehicle_id, o.customer_id, o.store_id, o.advisor_id, o.technician_id,
          o.mileage_km, o.status, o.opened_at::text as opened_at
        from service_orders o where o.tenant_id = ${ctx.tenantId} and o.status = 'open'
        order by o.opened_at limit 2`,
  );
  const tech: Ctx = {
    ...ctx,
    actor: { type: 'staff', id: technicianId, role: 'technician', sessionId: null },
  };
  const photos = past.slice(0, 2);
  let count = 0;
  for (const [n, o] of open.entries()) {
    const keys = n === 0 ? ['pads_front', 'tyre_fl'] : ['battery', 'wipers'];
    const id = await walk(tech, o.id, photos, keys);
    await sendInspection(tech, id, { publicUrl });
    count++;
    if (n !== 0) continue;
    // The owner already looked: approved the pads, declined the tyre for now.
    const owner: Ctx = { ...ctx, actor: { type: 'customer', id: o.customer_id, sessionId: null } };
    const report = await getMyInspection(owner, o.customer_id, id);
    const pads = report.items.find((i) => i.key === 'pads_front')!;
    const tyre = report.items.find((i) => i.key === 'tyre_fl')!;
    await decideJob(owner, o.customer_id, { inspectionId: id, itemId: pads.id }, 'approved');
    await decideJob(owner, o.customer_id, { inspectionId: id, itemId: tyre.id }, 'declined');
  }
  return count;
}

export async function seedDemoInspections(
  ctx: Ctx,
  input: { technicianIds: string[]; publicUrl?: string },
): Promise<{ inspections: number }> {
  const technicianId = input.technicianIds[0];
  if (!technicianId) return { inspections: 0 };
  const photos = await demoPhotos(ctx, technicianId, 2, 0);
  const past = await seedPast(ctx, photos, technicianId);
  const today = await seedToday(ctx, technicianId, input.publicUrl ?? '', photos);
  return { inspections: past + today };
}
