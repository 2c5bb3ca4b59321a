// A small hand-built tenant for segment and campaign tests: four customers (and one merged
// duplicate) whose fields, cars, visits, loyalty balances and appointments are chosen so that
// each filter's count can be worked out by hand (see segments.int.test.ts).
import type { Ctx } from '../../kernel/context.ts';
import { newId } from '../../kernel/ids.ts';
import { recordConsents } from '../customers/index.ts';
import { customers } from '../customers/index.ts';
import { vehicles } from '../vehicles/index.ts';
import { declinedRecommendations, serviceOrderItems, serviceOrders } from '../service/index.ts';
import { appointments } from '../appointments/index.ts';
import { customerTiers, ledgerAccounts } from '../loyalty/index.ts';
import { refreshTenantStats } from '../customer-stats/index.ts';

/** Wednesday 2026-11-18, 10:00 in Asia/Shanghai. */
export const SEGMENT_NOW = new Date('2026-11-18T02:00:00.000Z');

export interface SegmentFixture {
  c1: string;
  c2: string;
  c3: string;
  c4: string;
  dup: string;
  storeId: string;
}

const at = (iso: string) => new Date(iso);

export async function seedSegmentFixture(
  ctx: Ctx,
  storeId: string,
  opts: { marketingConsent?: boolean } = {},
): Promise<SegmentFixture> {
  const ids = { c1: newId(), c2: newId(), c3: newId(), c4: newId(), dup: newId() };
  const t = ctx.tenantId;
  const base = { tenantId: t, nameInitials: '', updatedAt: SEGMENT_NOW };
  await ctx.tx.insert(customers).values([
    {
      ...base,
      id: ids.c1,
      name: '张一',
      phone: '+8613800000001',
      phoneDigits: '13800000001',
      gender: 'male',
      birthday: '1990-03-15',
      tags: ['VIP'],
      source: 'walk_in',
      homeStoreId: storeId,
      createdAt: at('2025-01-10T02:00:00Z'),
    },
    {
      ...base,
      id: ids.c2,
      name: '李二',
      phone: '+8613800000002',
      phoneDigits: '13800000002',
      gender: 'female',
      birthday: '1985-03-02',
      tags: ['VIP', '投诉'],
      source: 'referral',
      createdAt: at('2026-06-01T02:00:00Z'),
    },
    {
      ...base,
      id: ids.c3,
      name: '王三',
      phone: '+8613800000003',
      phoneDigits: '13800000003',
      gender: 'unknown',
      source: 'import',
      createdAt: at('2024-03-01T02:00:00Z'),
    },
    {
      ...base,
      id: ids.c4,
      name: '赵四',
      phone: '+8613800000004',
      phoneDigits: '13800000004',
      gender: 'male',
      birthday: '2000-12-25',
      tags: ['车队'],
      source: 'app',
      homeStoreId: storeId,
      createdAt: at('2026-11-15T02:00:00Z'),
    },
    {
      ...base,
      id: ids.dup,
      name: '张一',
      phone: '+8613800000005',
      phoneDigits: '13800000005',
      gender: 'male',
      tags: ['VIP'],
      mergedIntoId: ids.c1,
      createdAt: at('2026-11-01T02:00:00Z'),
    },
  ]);
  const v1 = newId();
  const v2 = newId();
  const v3 = newId();
  await ctx.tx.insert(vehicles).values([
    {
      tenantId: t,
      id: v1,
      customerId: ids.c1,
      plate: '粤A10001',
      make: '丰田',
      year: 2018,
      fuelType: 'petrol',
    },
    {
      tenantId: t,
      id: v2,
      customerId: ids.c2,
      plate: '粤A10002',
      make: '本田',
      year: 2023,
      fuelType: 'electric',
    },
    {
      tenantId: t,
      id: v3,
      customerId: ids.c3,
      plate: '粤A10003',
      make: '大众',
      registrationDate: '2015-05-01',
      fuelType: 'diesel',
    },
  ]);
  let n = 0;
  const order = async (
    customerId: string,
    vehicleId: string,
    openedAt: string,
    status: 'paid' | 'cancelled',
    fen: number,
    category: 'oil_change' | 'tyres' | 'wash' | 'brakes',
  ) => {
    const id = newId();
    n += 1;
    await ctx.tx.insert(serviceOrders).values({
      tenantId: t,
      id,
      number: `S01-SEG-${n}`,
      storeId,
      customerId,
      vehicleId,
      status,
      totalFen: fen,
      paidFen: status === 'paid' ? fen : null,
      openedAt: at(openedAt),
      paidAt: status === 'paid' ? at(openedAt) : null,
    });
    await ctx.tx.insert(serviceOrderItems).values({
      tenantId: t,
      id: newId(),
      orderId: id,
      position: 1,
      kind: 'labour',
      category,
      description: category,
      unitPriceFen: fen,
    });
  };
  await order(ids.c1, v1, '2026-10-01T02:00:00Z', 'paid', 50000, 'oil_change');
  await order(ids.c1, v1, '2026-05-01T02:00:00Z', 'paid', 30000, 'tyres');
  await order(ids.c2, v2, '2026-01-10T02:00:00Z', 'paid', 20000, 'wash');
  await order(ids.c3, v3, '2026-11-01T02:00:00Z', 'cancelled', 9000, 'oil_change');
  await order(ids.c3, v3, '2025-02-01T02:00:00Z', 'paid', 100000, 'brakes');
  await ctx.tx.insert(declinedRecommendations).values({
    tenantId: t,
    id: newId(),
    vehicleId: v2,
    customerId: ids.c2,
    category: 'brakes',
    description: '刹车片磨损',
    createdAt: at('2026-10-15T02:00:00Z'),
  });
  await ctx.tx.insert(appointments).values({
    tenantId: t,
    id: newId(),
    storeId,
    customerId: ids.c1,
    vehicleId: v1,
    startsAt: at('2026-11-25T02:00:00Z'),
    endsAt: at('2026-11-25T03:00:00Z'),
    status: 'booked',
    createdByType: 'staff',
    createdAt: at('2026-11-10T02:00:00Z'),
  });
  await ctx.tx.insert(customerTiers).values({
    tenantId: t,
    customerId: ids.c1,
    tierCode: 'gold',
    since: at('2026-01-01T00:00:00Z'),
  });
  await ctx.tx.insert(ledgerAccounts).values([
    { tenantId: t, id: newId(), ownerCustomerId: ids.c1, kind: 'points_available', balance: 1200 },
    {
      tenantId: t,
      id: newId(),
      ownerCustomerId: ids.c1,
      kind: 'stored_value_principal',
      balance: 50000,
    },
    {
      tenantId: t,
      id: newId(),
      ownerCustomerId: ids.c1,
      kind: 'stored_value_bonus',
      balance: 5000,
    },
    { tenantId: t, id: newId(), ownerCustomerId: ids.c2, kind: 'points_available', balance: 300 },
  ]);
  // Orders written straight into the table, as an import would: the statistics are backfilled.
  await refreshTenantStats(ctx);
  if (opts.marketingConsent)
    for (const id of [ids.c1, ids.c2, ids.c3, ids.c4])
      await recordConsents(
        ctx,
        id,
        [
          { channel: 'inapp', purpose: 'marketing', granted: true },
          { channel: 'sms', purpose: 'marketing', granted: true },
        ],
        'staff',
      );
  return { ...ids, storeId };
}
