// Writing issued coupons: one statement inserts them and raises the template's issued count, so
// the database holds the budget; used by issuing and by reissue (which does not count).
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { newId } from '../../kernel/ids.ts';
import { pgError } from '../../kernel/pg-errors.ts';
import { couponWindow, generateCode } from './coupon-rules.ts';
import type { CouponSource, CouponTemplateRow } from './coupons.tables.ts';

export interface IssueTarget {
  customerId: string;
  issueKey: string;
}

type IssueMeta = { source: CouponSource; sourceRef: string | null; reissuedFromId?: string | null };

/** The rows as the table spells its columns, each with a fresh code. */
function couponRows(
  ctx: Ctx,
  template: CouponTemplateRow,
  targets: IssueTarget[],
  meta: IssueMeta,
  now: Date,
) {
  const window = couponWindow(template, now);
  return targets.map((t) => ({
    tenant_id: ctx.tenantId,
    id: newId(),
    template_id: template.id,
    customer_id: t.customerId,
    code: generateCode(),
    status: 'issued',
    source: meta.source,
    source_ref: meta.sourceRef,
    issue_key: t.issueKey,
    valid_from: window.validFrom.toISOString(),
    valid_until: window.validUntil?.toISOString() ?? null,
    issued_at: now.toISOString(),
    issued_by: ctx.actor.type === 'staff' ? ctx.actor.id : null,
    reissued_from_id: meta.reissuedFromId ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }));
}

/**
 * Issues one coupon of `template` to each target in one statement: the rows are inserted
 * (a key already used is skipped: idempotent) and the template's issued_count rises by the number
 * inserted in the same statement, so the CHECK issued_count ≤ budget holds or nothing is issued.
 * A code collision (one in ~10¹² per pair) retries the statement under a savepoint.
 */
export async function insertCoupons(
  ctx: Ctx,
  template: CouponTemplateRow,
  targets: IssueTarget[],
  meta: IssueMeta,
): Promise<string[]> {
  if (!targets.length) return [];
  const now = ctx.clock.now();
  const countsAgainstBudget = meta.source !== 'reissue';
  for (let attempt = 0; ; attempt++) {
    const rows = couponRows(ctx, template, targets, meta, now);
    const cols = sql.raw(
      Object.keys(rows[0]!)
        .map((k) => `"${k}"`)
        .join(', '),
    );
    try {
      const result = await ctx.tx.transaction(async (sp) =>
        queryRows<{ ids: string[] | string }>(
          sp,
          sql`with ins as (
                insert into coupons (${cols})
                select ${cols} from json_populate_recordset(null::coupons, ${JSON.stringify(rows)}::json)
                on conflict (tenant_id, template_id, issue_key) do nothing
                returning id
              ), bump as (
                update coupon_templates
                   set issued_count = issued_count + ${countsAgainstBudget ? sql`(select count(*)::int from ins)` : sql`0`},
                       updated_at = ${now.toISOString()}::timestamptz
                 where tenant_id = ${ctx.tenantId} and id = ${template.id}
                returning issued_count
              )
              select array(select id::text from ins) as ids, (select issued_count from bump) as issued_count`,
        ),
      );
      const ids = result[0]?.ids ?? [];
      return Array.isArray(ids) ? ids : parsePgArray(ids);
    } catch (err) {
      const pg = pgError(err);
      if (pg?.constraint === 'coupon_templates_budget')
        throw new AppError('COUPON_BUDGET_EXHAUSTED', {
          details: {
            budget: template.budget,
            issuedCount: template.issuedCount,
            remaining: Math.max(0, (template.budget ?? 0) - template.issuedCount),
            requested: targets.length,
          },
          cause: err,
        });
      if (pg?.constraint === 'coupons_tenant_code_key' && attempt < 3) continue;
      if (pg?.code === '23503')
        throw new AppError('NOT_FOUND', { field: 'customerIds', cause: err });
      throw err;
    }
  }
}

/** PGlite may hand back a text[] as its literal ("{a,b}"). */
function parsePgArray(v: string): string[] {
  const inner = v.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}
