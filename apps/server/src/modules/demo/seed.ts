// Loads the generated demo tenant into the database in batches, as the application role inside
// the tenant's scope (the same row-level security as every request).
import type { Db } from '../../db/database.ts';
import { withTenant } from '../../db/tenant-scope.ts';
import { newId } from '../../kernel/ids.ts';
import { phoneDigits } from '../../kernel/phone.ts';
import type { customers } from '../customers/index.ts';
import { insertCustomerHistory, nameInitials } from '../customers/index.ts';
import { createStaffUser } from '../identity/index.ts';
import type {
  declinedRecommendations,
  serviceOrderItems,
  serviceOrders,
} from '../service/index.ts';
import { insertOrderHistory } from '../service/index.ts';
import { refreshTenantStats } from '../customer-stats/index.ts';
import { createStore, createTenant, resolveTenantBySlug } from '../tenancy/index.ts';
import { insertOpeningHours } from '../appointments/index.ts';
import type { customerConsents } from '../customers/index.ts';
import type { odometerReadings, vehicleOwnerships, vehicles } from '../vehicles/index.ts';
import { insertReadingHistory, insertVehicleHistory } from '../vehicles/index.ts';
import { systemClock, type Clock } from '../../kernel/clock.ts';
import type { Logger } from '../../kernel/logger.ts';
import {
  demoInsuranceExpiry,
  demoNextInspection,
  localDate,
  refreshTenantDue,
} from '../automation/index.ts';
import { generateDemoData, DEMO_CUSTOMER_PHONE } from './demo-data.ts';
import { demoWork } from './demo-workshop.ts';
import { seedDemoCoupons } from '../coupons/index.ts';
import { seedDemoLoyalty } from '../loyalty/index.ts';
import { createCampaign, seedDemoCampaigns } from '../campaigns/index.ts';
import { seedDemoConversations } from '../inbox/index.ts';
import { DEMO_PARTNER_SIGN_INS, seedDemoPartners } from '../partners/index.ts';
import { seedDemoReferrals } from '../referrals/index.ts';
import { seedDemoPrivacy } from '../privacy/index.ts';
import { seedDemoCatalog } from '../catalog/index.ts';
import { seedDemoModeration } from '../moderation/index.ts';
import { seedDemoEvents } from '../events/index.ts';
import { seedDemoDeals } from '../deals/index.ts';
import { seedDemoPayments } from '../payments/index.ts';
import { seedDemoCallList } from '../call-list/index.ts';
import { seedDemoClubs } from '../clubs/index.ts';
import { seedDemoMonitoring } from '../monitoring/index.ts';
import { seedDemoInterests } from '../interests/index.ts';
import { createSegment } from '../segments/index.ts';
import { seedDemoArticles } from '../articles/index.ts';
import { seedDemoMagazine } from '../magazine/index.ts';
import { seedDemoInspections } from '../inspections/index.ts';
import { seedDemoFeedback } from '../feedback/index.ts';
import { seedDemoHelp } from '../help/index.ts';
import { seedDemoAssistant } from '../assistant/index.ts';
import { seedDemoToday } from './today.ts';
import { seedDemoAnalytics } from '../analytics/index.ts';

export const DEMO_PASSWORD = 'Liuke@2026';
export const DEMO_TENANT = 'demo';

export interface DemoSummary {
  tenant: string;
  created: boolean;
  staffSignIns: { role: string; name: string; login: string; password: string }[];
  customerPhone: string;
  counts: Record<string, number>;
}

export async function demoExists(db: Db, slug: string = DEMO_TENANT): Promise<boolean> {
  return withTenant(
    db,
    '00000000-0000-0000-0000-000000000000',
    async (tx) => (await resolveTenantBySlug(tx, slug)) !== null,
  );
}

export async function seedDemo(opts: {
  db: Db;
  log: Logger;
  clock?: Clock;
  customers?: number;
  seed?: number;
  /** Another slug than `demo` (tests that share one database each seed their own). */
  slug?: string;
}): Promise<DemoSummary> {
  const slug = opts.slug ?? DEMO_TENANT;
  const clock = opts.clock ?? systemClock;
  const now = clock.now();
  const data = generateDemoData({
    seed: opts.seed ?? 20261122,
    customers: opts.customers ?? 2000,
    now,
  });
  const staffSignIns = data.staff
    .filter((s) => s.role !== 'technician' || s === data.staff.find((x) => x.role === 'technician'))
    .map((s) => ({
      role: s.role,
      name: s.name,
      login: s.email ?? s.phone.replace(/^\+86/, ''),
      password: DEMO_PASSWORD,
    }))
    // Partner accounts sign in to the portal by e-mail (the partner staff member is one of them).
    .filter((s) => s.role !== 'partner')
    .concat(DEMO_PARTNER_SIGN_INS.map((p) => ({ role: 'partner', ...p, password: DEMO_PASSWORD })));
  const summary: DemoSummary = {
    tenant: slug,
    created: false,
    staffSignIns,
    customerPhone: DEMO_CUSTOMER_PHONE.replace(/^\+86/, ''),
    counts: {},
  };
  if (await demoExists(opts.db, slug)) return summary;

  const started = Date.now();
  const today = localDate(now, data.tenant.timezone);
  await createTenant(
    opts.db,
    { slug, name: data.tenant.name, timezone: data.tenant.timezone },
    async (tx, tenantId) => {
      const ctx = {
        tenantId,
        actor: { type: 'system' as const, id: null },
        tx,
        clock,
        locale: 'zh-CN' as const,
        requestId: null,
        log: opts.log,
      };
      const storeIds = new Map<string, string>();
      for (const s of data.stores)
        storeIds.set(
          s.code,
          (
            await createStore(ctx, {
              code: s.code,
              name: s.name,
              address: s.address,
              phone: s.phone,
            })
          ).id,
        );
      // Open every day 08:30–18:00, hourly slots, three cars per slot.
      await insertOpeningHours(
        ctx,
        [...storeIds.values()].flatMap((storeId) =>
          [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
            tenantId,
            storeId,
            weekday,
            opensAt: '08:30',
            closesAt: '18:00',
            slotMinutes: 60,
            capacity: 3,
          })),
        ),
      );
      const staffIds: string[] = [];
      for (const s of data.staff) {
        const { id } = await createStaffUser(ctx, {
          name: s.name,
          phone: s.phone,
          email: s.email,
          password: DEMO_PASSWORD,
          role: s.role,
          storeIds: s.storeCodes.map((c) => storeIds.get(c)!),
        });
        staffIds.push(id);
      }

      const customerRows: (typeof customers.$inferInsert)[] = [];
      const vehicleRows: (typeof vehicles.$inferInsert)[] = [];
      const odoRows: (typeof odometerReadings.$inferInsert)[] = [];
      const orderRows: (typeof serviceOrders.$inferInsert)[] = [];
      const itemRows: (typeof serviceOrderItems.$inferInsert)[] = [];
      const declinedRows: (typeof declinedRecommendations.$inferInsert)[] = [];
      const ownershipRows: (typeof vehicleOwnerships.$inferInsert)[] = [];
      const consentRows: (typeof customerConsents.$inferInsert)[] = [];
      for (const c of data.customers) {
        const customerId = newId();
        customerRows.push({
          tenantId,
          id: customerId,
          name: c.name,
          phone: c.phone,
          phoneDigits: phoneDigits(c.phone),
          nameInitials: nameInitials(c.name),
          gender: c.gender,
          birthday: c.birthday,
          tags: c.tags,
          source: c.source,
          homeStoreId: storeIds.get(c.homeStoreCode) ?? null,
          createdAt: c.createdAt,
          updatedAt: c.createdAt,
        });
        consentRows.push(
          {
            tenantId,
            id: newId(),
            customerId,
            channel: 'sms',
            purpose: 'service',
            granted: true,
            method: 'staff',
            recordedAt: c.createdAt,
          },
          {
            tenantId,
            id: newId(),
            customerId,
            channel: 'inapp',
            purpose: 'service',
            granted: true,
            method: 'staff',
            recordedAt: c.createdAt,
          },
        );
        // About half agreed to marketing by SMS when they first came in.
        if (c.tags.length % 2 === 0) {
          consentRows.push({
            tenantId,
            id: newId(),
            customerId,
            channel: 'sms',
            purpose: 'marketing',
            granted: true,
            method: 'staff',
            recordedAt: c.createdAt,
          });
        }
        for (const v of c.vehicles) {
          const vehicleId = newId();
          ownershipRows.push({ tenantId, id: newId(), vehicleId, customerId, fromAt: c.createdAt });
          vehicleRows.push({
            tenantId,
            id: vehicleId,
            customerId,
            plate: v.plate,
            vin: v.vin,
            make: v.make,
            model: v.model,
            year: v.year,
            fuelType: v.fuelType,
            registrationDate: v.registrationDate,
            insuranceExpiry: demoInsuranceExpiry(v.registrationDate, today),
            nextInspectionDate: demoNextInspection(v.registrationDate, today),
            createdAt: c.createdAt,
            updatedAt: c.createdAt,
          });
          const orderIdByTime = new Map<number, string>();
          for (const o of v.orders) {
            const orderId = newId();
            orderIdByTime.set(o.openedAt.getTime(), orderId);
            const totalFen = o.items.reduce((sum, i) => sum + i.quantity * i.unitPriceFen, 0);
            const work = demoWork(o, data.staff, now);
            const staffAt = (index: number | null) =>
              index === null ? null : (staffIds[index] ?? null);
            orderRows.push({
              tenantId,
              id: orderId,
              number: o.number,
              storeId: storeIds.get(o.storeCode)!,
              customerId,
              vehicleId,
              advisorId: staffIds[o.advisorIndex] ?? null,
              technicianId: staffAt(work.leadIndex),
              completedAt: work.completedAt,
              status: o.status,
              mileageKm: o.mileageKm,
              totalFen,
              openedAt: o.openedAt,
              closedAt: o.closedAt,
              createdAt: o.openedAt,
              updatedAt: o.closedAt ?? o.openedAt,
            });
            o.items.forEach((i, position) =>
              itemRows.push({
                tenantId,
                id: newId(),
                orderId,
                position,
                ...i,
                technicianId: staffAt(work.lines[position]?.technicianIndex ?? null),
                labourMinutes: work.lines[position]?.labourMinutes ?? null,
              }),
            );
            for (const d of o.declined)
              declinedRows.push({
                tenantId,
                id: newId(),
                vehicleId,
                customerId,
                orderId,
                category: d.category,
                description: d.description,
                createdAt: o.openedAt,
              });
          }
          for (const r of v.odometer) {
            odoRows.push({
              tenantId,
              id: newId(),
              vehicleId,
              readAt: r.readAt,
              mileageKm: r.mileageKm,
              source: r.source,
              serviceOrderId:
                r.source === 'order' ? (orderIdByTime.get(r.readAt.getTime()) ?? null) : null,
            });
          }
        }
      }
      // Each module writes its own part of the history.
      await insertCustomerHistory(ctx, { customers: customerRows, consents: consentRows });
      await insertVehicleHistory(ctx, { vehicles: vehicleRows, ownerships: ownershipRows });
      await insertOrderHistory(ctx, { orders: orderRows, items: itemRows, declined: declinedRows });
      await insertReadingHistory(ctx, odoRows);
      // The due-list (what each car needs next) is materialised set-based, once for the tenant.
      const due = await refreshTenantDue(ctx);
      // So are the customer statistics segments filter on (visits, spend, RFM).
      await refreshTenantStats(ctx);
      const demoCoupons = await seedDemoCoupons(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
      });
      const demoLoyalty = await seedDemoLoyalty(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
        orders: orderRows.map((o) => ({
          id: o.id!,
          customerId: o.customerId,
          totalFen: o.totalFen ?? 0,
          status: o.status ?? 'open',
          closedAt: o.closedAt ?? null,
        })),
      });
      const demoCampaigns = await seedDemoCampaigns(ctx);
      const demoConversations = await seedDemoConversations(ctx, {
        customerIds: customerRows.map((c) => c.id!),
      });
      // Partner alliance: the demo's partner staff member becomes the car wash's portal account.
      const demoPartners = await seedDemoPartners(ctx, {
        partnerStaffId: staffIds[data.staff.findIndex((s) => s.role === 'partner')] ?? null,
        password: DEMO_PASSWORD,
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
      });
      // Referrals (老带新): KOL trees, a year of referred revenue, a few waiting for review.
      const demoReferrals = await seedDemoReferrals(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customers: customerRows.map((c) => ({ id: c.id!, createdAt: c.createdAt! })),
        orders: orderRows.map((o) => ({
          id: o.id!,
          customerId: o.customerId,
          status: o.status ?? 'open',
          totalFen: o.totalFen ?? 0,
          closedAt: o.closedAt ?? null,
        })),
      });
      // The call list: advisors' calls of the past days, one car snoozed, one not interested.
      const demoCalls = await seedDemoCallList(ctx, {
        advisorIds: data.staff.flatMap((s, i) => (s.role === 'advisor' ? [staffIds[i]!] : [])),
      });
      // Data rights: one copy answered, a correction and a deletion request with deadlines running.
      const demoPrivacy = await seedDemoPrivacy(ctx, {
        customerIds: customerRows.filter((c) => c.phone !== DEMO_CUSTOMER_PHONE).map((c) => c.id!),
      });
      // The price list: labour, parts counted on the shelf, packages, one store's own price.
      const demoCatalog = await seedDemoCatalog(ctx, { storeIds: [...storeIds.values()] });
      // Car clubs (车友会): owners of a make together, new energy, off-road, classic cars.
      const demoClubs = await seedDemoClubs(ctx, {
        cars: vehicleRows.map((v) => ({
          customerId: v.customerId,
          make: v.make ?? null,
          fuelType: v.fuelType ?? 'petrol',
        })),
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        staffUserId: staffIds[data.staff.findIndex((s) => s.role === 'owner')]!,
      });
      // Moderation: the keyword list, and one member muted for a week for advertising.
      await seedDemoModeration(ctx, {
        mutedCustomerId: customerRows.find((c) => c.phone !== DEMO_CUSTOMER_PHONE)?.id ?? null,
      });
      // Events (活动): past ones with attendance and points, upcoming ones, a full one with a waitlist.
      const demoEvents = await seedDemoEvents(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
      });
      // Group deals (拼团): one filling up, one that succeeded, one that failed and gave back.
      const demoDeals = await seedDemoDeals(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
      });
      // Online payments: the development provider on, three months of top-ups and packages
      // bought from the app, a few refunded.
      const demoPayments = await seedDemoPayments(ctx, {
        customerIds: customerRows.filter((c) => c.phone !== DEMO_CUSTOMER_PHONE).map((c) => c.id!),
      });
      // Articles (资讯): the shop's posts, staff tech tips, a KOL owner's road trip and a review.
      const demoArticles = await seedDemoArticles(ctx, {
        staffUserId: staffIds[data.staff.findIndex((s) => s.role === 'owner')]!,
        kolCustomerId: customerRows.find((c) => c.phone !== DEMO_CUSTOMER_PHONE)?.id ?? null,
      });
      // The e-magazine (电子杂志): a published winter issue with readers' pages, a call open.
      const demoMagazine = await seedDemoMagazine(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.filter((c) => c.phone !== DEMO_CUSTOMER_PHONE).map((c) => c.id!),
      });
      // Interests (兴趣): weeks of reading by most owners, a few follows, one switched off; and
      // a segment of the owners interested in tyres for campaigns.
      const demoInterests = await seedDemoInterests(ctx, {
        customerIds: customerRows.map((c) => c.id!),
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
      });
      const tyreReaders = await createSegment(ctx, {
        name: '关注轮胎的车主',
        description: '演示：对「轮胎」的兴趣度 ≥ 0.5（阅读与关注，随时间衰减）',
        filter: { kind: 'rule', field: 'interest.score', op: 'gte', value: ['tyres', 0.5] },
      });
      // A draft campaign to them, ready for staff to look at and launch.
      await createCampaign(ctx, {
        name: '换季轮胎免费检查（演示）',
        segmentId: tyreReaders.id,
        variants: [
          {
            key: 'A',
            templateKey: 'marketing.campaign',
            text: '换季了，本月来店免费检查轮胎花纹、气压和动平衡。',
          },
        ],
        holdoutPercent: 10,
        attributionDays: 14,
        scheduleKind: 'now',
      });
      // Monitoring (舆情监测): two watched feeds (paused, with history), rules, one crisis alert.
      const demoMonitoring = await seedDemoMonitoring(ctx, {
        recipientStaffIds: data.staff.flatMap((s, i) =>
          s.role === 'manager' ? [staffIds[i]!] : [],
        ),
      });
      // Help center (帮助中心): the starter FAQ in zh-CN and English, synonyms, owners' votes.
      const demoHelp = await seedDemoHelp(ctx, { customerIds: customerRows.map((c) => c.id!) });
      // Today (今日): bookings earlier and later today, cars in the shop, takings so far.
      const demoToday = await seedDemoToday(ctx, {
        timeZone: data.tenant.timezone,
        capacity: 3,
        ...todayCast({ data, storeIds, staffIds, customerRows, vehicleRows, orderRows }),
      });
      // Inspections (车辆检查): reports with photos on recent orders, the owners' decisions, and
      // today's cars being inspected (one job approved into its order, one declined).
      const demoInspections = await seedDemoInspections(ctx, {
        technicianIds: data.staff.flatMap((s, i) =>
          s.role === 'technician' && staffIds[i] ? [staffIds[i]] : [],
        ),
      });
      // Service desk (客服): a year of survey answers, old complaints closed, today's board.
      const demoFeedback = await seedDemoFeedback(ctx, {
        demoCustomerId: customerRows.find((c) => c.phone === DEMO_CUSTOMER_PHONE)?.id ?? null,
        customerIds: customerRows.map((c) => c.id!),
      });
      // The assistant (智能助手): on, with a booking it made, a points check, a handover an
      // advisor answered and one owner waiting for a person — played through the live path.
      const demoAssistant = await seedDemoAssistant(ctx, {
        customerIds: customerRows.filter((c) => c.phone !== DEMO_CUSTOMER_PHONE).map((c) => c.id!),
      });
      // Dashboards (数据): rollups of everything seeded above, built last.
      const demoAnalytics = await seedDemoAnalytics(ctx);
      summary.counts = {
        stores: data.stores.length,
        staff: data.staff.length,
        customers: customerRows.length,
        vehicles: vehicleRows.length,
        serviceOrders: orderRows.length,
        serviceOrderItems: itemRows.length,
        odometerReadings: odoRows.length,
        dueItems: due.items,
        inspections: demoInspections.inspections,
        callsLogged: demoCalls.calls,
        assistantTranscripts: demoAssistant.transcripts,
        clubs: demoClubs.clubs,
        clubMembers: demoClubs.clubMembers,
        clubPosts: demoClubs.clubPosts,
        articles: demoArticles.articles,
        callListHolds: demoCalls.held,
        couponTemplates: demoCoupons.templates,
        coupons: demoCoupons.coupons,
        pointsLots: demoLoyalty.pointsLots,
        storedValueTopUps: demoLoyalty.topUps,
        campaigns: demoCampaigns.campaigns,
        campaignAttributions: demoCampaigns.attributions,
        conversations: demoConversations.conversations,
        partners: demoPartners.partners,
        partnerCoupons: demoPartners.coupons,
        partnerRedemptions: demoPartners.redeemed,
        referrals: demoReferrals.referrals,
        referralsFlagged: demoReferrals.flagged,
        dataRequests: demoPrivacy.requests,
        catalogItems: demoCatalog.items,
        events: demoEvents.events,
        eventSignups: demoEvents.signups,
        eventCheckIns: demoEvents.checkedIn,
        groupDeals: demoDeals.deals,
        surveys: demoFeedback.surveys,
        complaintTickets: demoFeedback.tickets,
        groupDealJoiners: demoDeals.joiners,
        onlinePayments: demoPayments.payments,
        monitoredFeeds: demoMonitoring.feeds,
        helpEntries: demoHelp.entries,
        helpVotes: demoHelp.votes,
        analyticsCells: demoAnalytics.cells,
        monitorMatches: demoMonitoring.matches,
        readingEvents: demoInterests.readingEvents,
        customersWithInterests: demoInterests.scored,
        interestFollows: demoInterests.follows,
        magazineIssues: demoMagazine.issues,
        magazineContributions: demoMagazine.contributions,
        bookingsToday: demoToday.bookings,
        ordersToday: demoToday.orders,
        paidToday: demoToday.paid,
      };
    },
  );
  summary.created = true;
  opts.log.info({ counts: summary.counts, ms: Date.now() - started }, 'demo tenant seeded');
  return summary;
}

/**
 * Who today's demo is played by: each store's advisors, and cars with no order under way (spread
 * over the customer base, at their owner's home store; not the demo car owner's).
 */
function todayCast(seeded: {
  data: ReturnType<typeof generateDemoData>;
  storeIds: Map<string, string>;
  staffIds: string[];
  customerRows: (typeof customers.$inferInsert)[];
  vehicleRows: (typeof vehicles.$inferInsert)[];
  orderRows: (typeof serviceOrders.$inferInsert)[];
}) {
  const busy = new Set(
    seeded.orderRows
      .filter((o) => o.status === 'open' || o.status === 'completed')
      .map((o) => o.vehicleId),
  );
  const homeOf = new Map(seeded.customerRows.map((c) => [c.id!, c]));
  const advisors = new Map<string, string[]>(
    [...seeded.storeIds.values()].map((storeId) => [storeId, [] as string[]]),
  );
  seeded.data.staff.forEach((s, i) => {
    if (s.role !== 'advisor') return;
    for (const code of s.storeCodes)
      advisors.get(seeded.storeIds.get(code)!)?.push(seeded.staffIds[i]!);
  });
  const stride = Math.max(1, Math.floor(seeded.vehicleRows.length / 150));
  const cars = seeded.vehicleRows
    .filter((v, i) => i % stride === 0 && !busy.has(v.id!))
    .flatMap((v) => {
      const owner = homeOf.get(v.customerId);
      if (!owner?.homeStoreId || owner.phone === DEMO_CUSTOMER_PHONE) return [];
      return [{ customerId: owner.id!, vehicleId: v.id!, storeId: owner.homeStoreId }];
    });
  return { advisors, cars };
}
