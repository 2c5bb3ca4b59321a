// The console's list of survey answers, newest first, with the customer, store, advisor, the
// order and any ticket the answer opened.
import { and, desc, eq, gte, isNotNull, lt, lte } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../kernel/context.ts';
import { iso, isoOrNull, newestFirst, takePage } from '../../kernel/paging.ts';
import { customers } from '../customers/index.ts';
import { staffUsers } from '../identity/index.ts';
import { serviceOrders } from '../service/index.ts';
import { stores } from '../tenancy/index.ts';
import { npsClass, type NpsClass } from './complaint-rules.ts';
import { complaintTickets, surveys } from './feedback.tables.ts';

export interface ResponseQuery {
  storeId?: string;
  kind?: NpsClass;
  limit: number;
  cursor?: string;
}

export async function listSurveyResponses(ctx: Ctx, q: ResponseQuery) {
  const paging = newestFirst('surveys', 'answered_at', q.cursor);
  const advisor = alias(staffUsers, 'advisor');
  const rows = await ctx.tx
    .select({
      s: surveys,
      customerName: customers.name,
      storeName: stores.name,
      advisorName: advisor.name,
      orderNumber: serviceOrders.number,
      ticketNumber: complaintTickets.number,
      sortKey: paging.sortKey,
    })
    .from(surveys)
    .leftJoin(customers, eq(customers.id, surveys.customerId))
    .leftJoin(stores, eq(stores.id, surveys.storeId))
    .leftJoin(advisor, eq(advisor.id, surveys.advisorId))
    .leftJoin(serviceOrders, eq(serviceOrders.id, surveys.serviceOrderId))
    .leftJoin(complaintTickets, eq(complaintTickets.id, surveys.ticketId))
    .where(
      and(
        isNotNull(surveys.answeredAt),
        q.storeId ? eq(surveys.storeId, q.storeId) : undefined,
        q.kind === 'promoter' ? gte(surveys.nps, 9) : undefined,
        q.kind === 'passive' ? and(gte(surveys.nps, 7), lte(surveys.nps, 8)) : undefined,
        q.kind === 'detractor' ? lt(surveys.nps, 7) : undefined,
        paging.after,
      ),
    )
    .orderBy(desc(surveys.answeredAt), desc(surveys.id))
    .limit(q.limit + 1);
  const { pageRows, nextCursor } = takePage(rows, q.limit, (r) => [r.sortKey, r.s.id]);
  return {
    items: pageRows.map((r) => ({
      id: r.s.id,
      answeredAt: iso(r.s.answeredAt!),
      sentAt: isoOrNull(r.s.sentAt),
      customerId: r.s.customerId,
      customerName: r.customerName ?? '',
      storeName: r.storeName,
      advisorName: r.advisorName,
      orderNumber: r.orderNumber,
      nps: r.s.nps!,
      kind: npsClass(r.s.nps!),
      stars: r.s.stars,
      comment: r.s.comment,
      reasons: r.s.reasons,
      ticketId: r.s.ticketId,
      ticketNumber: r.ticketNumber,
      couponId: r.s.couponId,
    })),
    nextCursor,
  };
}
