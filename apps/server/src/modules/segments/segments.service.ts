// Segments: checking and compiling the filter, the live count while editing, saved segments and
// the member export. Counting runs the compiled statement in the request's tenant transaction.
import type { SegmentUsageCheck } from '../../app/module.ts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { maskPhone } from '../../kernel/phone.ts';
import { recordAudit } from '../audit/index.ts';
import { getTenant } from '../tenancy/index.ts';
import { segmentMembersSql, type SegmentEnv } from './compile.ts';
import {
  checkFilter,
  FIELDS,
  FIELD_NAMES,
  operatorsFor,
  type FieldSpec,
  type SegmentNode,
} from './fields.ts';
import type { SegmentDto, SegmentInput } from './segments.schemas.ts';
import { segments } from './segments.tables.ts';

export async function segmentEnv(ctx: Ctx): Promise<SegmentEnv> {
  const tenant = await getTenant(ctx);
  return { tenantId: ctx.tenantId, now: ctx.clock.now(), timezone: tenant.timezone };
}

/**
 * The members statement of a checked filter (for campaigns' snapshot and the export), in the
 * caller's transaction. A statement may hash or de-duplicate a large part of the tenant's
 * customers (the owners of 200,000 cars): the transaction gets the memory for it, so the hash
 * does not spill to disk at the server's small default (4 MB).
 */
export async function membersSql(ctx: Ctx, filter: SegmentNode) {
  checkFilter(filter);
  await ctx.tx.execute(sql`set local work_mem = '64MB'`);
  return segmentMembersSql(filter, await segmentEnv(ctx));
}

interface SampleRow {
  id: string;
  member_no: number;
  name: string | null;
  phone: string;
}

/**
 * The live count and ten of the members (shown by member number), in one statement: the members
 * are computed once (a materialised CTE), counted, and ten of them — whichever come first, not
 * the lowest numbers, which would mean joining every member to the customers — are looked up.
 */
export async function previewSegment(ctx: Ctx, filter: SegmentNode) {
  const members = await membersSql(ctx, filter);
  const [row] = await queryRows<{ total: number; sample: SampleRow[] | string | null }>(
    ctx.tx,
    sql`with m as materialized (${members})
        select (select count(*)::int from m) as total,
          (select json_agg(json_build_object('id', c.id, 'member_no', c.member_no, 'name', c.name,
                    'phone', c.phone) order by c.member_no)
             from customers c
             where c.tenant_id = ${ctx.tenantId}::uuid
               and c.id in (select m.customer_id from m limit 10)) as sample`,
  );
  const raw = row?.sample ?? [];
  const sample: SampleRow[] = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return {
    count: Number(row?.total ?? 0),
    sample: sample.map((r) => ({
      id: r.id,
      memberNo: Number(r.member_no),
      name: r.name,
      phoneMasked: maskPhone(r.phone),
    })),
  };
}

/** Only the count (campaign launch, budget). */
export async function countMembers(ctx: Ctx, filter: SegmentNode): Promise<number> {
  const members = await membersSql(ctx, filter);
  const [row] = await queryRows<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from (${members}) s`,
  );
  return Number(row?.n ?? 0);
}

export function listFields(ctx: Ctx) {
  return {
    fields: FIELD_NAMES.map((name) => {
      const spec: FieldSpec = FIELDS[name];
      return {
        name,
        type: spec.type,
        group: spec.group,
        label: spec.label[ctx.locale],
        operators: [...operatorsFor(spec)],
        options: spec.options ? [...spec.options] : null,
        period: spec.period ?? null,
      };
    }),
    notAvailable: [],
  };
}

const dto = (r: typeof segments.$inferSelect): SegmentDto => ({
  id: r.id,
  name: r.name,
  description: r.description,
  filter: r.filter,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export async function listSegments(ctx: Ctx) {
  const rows = await ctx.tx.select().from(segments).orderBy(asc(segments.name));
  return { items: rows.map(dto) };
}

export async function segmentRow(ctx: Ctx, id: string) {
  const [row] = await ctx.tx.select().from(segments).where(eq(segments.id, id));
  if (!row) throw new AppError('NOT_FOUND', { details: { entity: 'segment' } });
  return row;
}

export async function getSegment(ctx: Ctx, id: string) {
  const row = await segmentRow(ctx, id);
  return { ...dto(row), ...(await previewSegment(ctx, row.filter)) };
}

async function assertNameFree(ctx: Ctx, name: string, exceptId: string | null) {
  const [other] = await ctx.tx
    .select({ id: segments.id })
    .from(segments)
    .where(eq(segments.name, name));
  if (other && other.id !== exceptId)
    throw new AppError('VALIDATION_FAILED', {
      field: 'name',
      message: { 'zh-CN': '已有同名的分群', en: 'A segment with this name exists' },
    });
}

export async function createSegment(ctx: Ctx, input: SegmentInput) {
  checkFilter(input.filter);
  await assertNameFree(ctx, input.name, null);
  const now = ctx.clock.now();
  const id = newId();
  const [row] = await ctx.tx
    .insert(segments)
    .values({
      tenantId: ctx.tenantId,
      id,
      name: input.name,
      description: input.description ?? null,
      filter: input.filter,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'segment.created',
    entityType: 'segment',
    entityId: id,
    changes: { name: input.name },
  });
  return dto(row!);
}

export async function updateSegment(ctx: Ctx, id: string, input: SegmentInput) {
  checkFilter(input.filter);
  await segmentRow(ctx, id);
  await assertNameFree(ctx, input.name, id);
  const [row] = await ctx.tx
    .update(segments)
    .set({
      name: input.name,
      description: input.description ?? null,
      filter: input.filter,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(segments.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'segment.updated',
    entityType: 'segment',
    entityId: id,
    changes: { name: input.name },
  });
  return dto(row!);
}

type UsageCheck = SegmentUsageCheck;
const usageChecks: UsageCheck[] = [];
/** Campaigns register here so that a segment in use cannot be deleted. */
export const onSegmentDelete = (check: UsageCheck) => usageChecks.push(check);

export async function deleteSegment(ctx: Ctx, id: string) {
  await segmentRow(ctx, id);
  for (const inUse of usageChecks) if (await inUse(ctx, id)) throw new AppError('SEGMENT_IN_USE');
  await ctx.tx.delete(segments).where(and(eq(segments.id, id)));
  await recordAudit(ctx, { action: 'segment.deleted', entityType: 'segment', entityId: id });
}

const GENDER_ZH: Record<string, string> = { male: '男', female: '女', unknown: '未知' };
const SOURCE_ZH: Record<string, string> = {
  walk_in: '到店',
  referral: '转介绍',
  import: '导入',
  campaign: '活动',
  app: '小程序/App',
  other: '其他',
};

/** A spreadsheet cell: text that starts like a formula is guarded with a quote. */
const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

interface MemberRow {
  member_no: number;
  name: string | null;
  phone: string;
  gender: string;
  birthday: string | null;
  tags: string[];
  source: string;
  store_name: string | null;
  created_at: Date | string;
}

/** The members as CSV: UTF-8 with BOM (Excel opens it), headers in the reader's language. */
export async function exportSegmentCsv(ctx: Ctx, id: string): Promise<string> {
  const row = await segmentRow(ctx, id);
  const members = await membersSql(ctx, row.filter);
  const rows = await queryRows<MemberRow>(
    ctx.tx,
    sql`select c.member_no, c.name, c.phone, c.gender, c.birthday::text as birthday, c.tags, c.source,
          s.name as store_name, c.created_at
        from (${members}) m
        join customers c on c.tenant_id = ${ctx.tenantId}::uuid and c.id = m.customer_id
        left join stores s on s.tenant_id = c.tenant_id and s.id = c.home_store_id
        order by c.member_no`,
  );
  const zh = ctx.locale !== 'en';
  const header = zh
    ? ['会员号', '姓名', '手机号', '性别', '生日', '标签', '来源', '所属门店', '建档时间']
    : [
        'Member no.',
        'Name',
        'Phone',
        'Gender',
        'Birthday',
        'Tags',
        'Source',
        'Home store',
        'Created',
      ];
  const body = rows.map((r) => [
    cell(Number(r.member_no)),
    cell(r.name),
    cell(r.phone),
    zh ? (GENDER_ZH[r.gender] ?? r.gender) : r.gender,
    cell(r.birthday),
    cell((r.tags ?? []).join(';')),
    zh ? (SOURCE_ZH[r.source] ?? r.source) : r.source,
    cell(r.store_name),
    new Date(r.created_at).toISOString(),
  ]);
  return `\uFEFF${stringify([header, ...body])}`;
}
