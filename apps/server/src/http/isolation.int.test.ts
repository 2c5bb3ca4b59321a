// Tenant-isolation matrix, generated from the OpenAPI document: for every route that takes an
// id, tenant B's session on tenant A's ids gets 404 — and A's data is unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savePaymentSettings, startPayment } from '../modules/payments/index.ts';
import { myMemberCard } from '../modules/coupons/index.ts';
import { signUpForEvent } from '../modules/events/index.ts';
import { writeInboxMessage } from '../modules/inbox/index.ts';
import { sendToCustomer } from '../modules/messaging/index.ts';
import { attribute } from '../modules/referrals/index.ts';
import { ensureTags } from '../modules/articles/index.ts';
import { webhookDeliveries } from '../modules/webhooks/index.ts';
import { newId } from '../kernel/ids.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../testing/harness.ts';

interface Operation {
  summary: string;
  requestBody?: { content: { 'application/json': { schema: { example?: unknown } } } };
}

let env: TestEnv;
let a: TestTenant;
let b: TestTenant;
let ids: Record<string, string>;
let sessions: {
  staffB: Session;
  customerB: Session;
  staffA: Session;
  partnerB: Session;
  integrationB: { headers: Record<string, string> };
};
let operations: { method: string; path: string; op: Operation }[];

/** Public routes whose path parameter is public by design. */
/** The public site's pages and feeds name their tenant in the path (`/site/{tenantSlug}/…`). */
const isPublic = (path: string) => PUBLIC_PARAMS.has(path) || path.startsWith('/site/');
const PUBLIC_PARAMS = new Set([
  '/api/v1/public/tenants/{slug}',
  '/api/v1/public/tenants/{slug}/manifest.webmanifest',
  '/api/v1/public/tenants/{slug}/privacy-policy',
  // Built-in template keys, channels and languages are the same in every tenant (each sees its own wording).
  '/api/v1/staff/message-templates/{templateKey}',
  '/api/v1/staff/message-templates/{templateKey}/{channel}/{language}',
  '/api/v1/staff/message-templates/{templateKey}/preview',
  // Dashboard panels are the same in every tenant (each sees its own figures; analytics' tests
  // check that another tenant's store is refused as a filter).
  '/api/v1/staff/analytics/panels/{panelId}',
  '/api/v1/staff/analytics/panels/{panelId}/csv',
  // A signed unsubscribe link names its tenant itself.
  '/api/v1/public/unsubscribe/{token}',
  // So does the weekly report's (a forged or foreign one is ANALYTICS_UNSUBSCRIBE_INVALID).
  '/api/v1/public/analytics/weekly-report/unsubscribe/{token}',
  // A referral code is shared publicly by design; the route names its tenant itself.
  '/api/v1/public/referrals/{code}',
  // An image is public by its unguessable id and names its tenant (another tenant's → 404, in media's tests).
  '/api/v1/public/media/{tenantId}/images/{imageId}/{variant}',
  // A signed survey link names its tenant itself (a forged or foreign one is SURVEY_LINK_INVALID).
  '/api/v1/public/surveys/{token}',
  '/api/v1/public/surveys/{token}/answer',
  '/api/v1/public/surveys/{token}/details',
  // A holiday is a calendar date, the same in every tenant (each removes only its own).
  '/api/v1/staff/feedback/holidays/{day}',
  // The operator's admin API spans tenants by design (and is off without its token).
  '/api/v1/admin/tenants/{slug}',
]);

beforeAll(async () => {
  env = await createTestEnv();
  a = await env.createTenant();
  b = await env.createTenant();
  const staffA = await signInStaff(env.app, a.slug, a.staff.owner.login);
  const customer = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: staffA.headers,
    payload: { name: '甲车主', phone: '13700000001' },
  });
  const customerId = customer.json().id as string;
  const vehicle = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${customerId}/vehicles`,
    headers: staffA.headers,
    payload: { plate: '粤B12345' },
  });
  const key = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/api-keys',
    headers: staffA.headers,
    payload: { name: 'dms' },
  });
  const order = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/service-orders',
    headers: staffA.headers,
    payload: {
      customerId,
      vehicleId: vehicle.json().id,
      storeId: a.storeId,
      items: [{ kind: 'labour', category: 'wash', description: '洗车', unitPriceFen: 3000 }],
    },
  });
  // Completed, so that its owner may pay it online (the payment fixture below).
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/service-orders/${order.json().id}/complete`,
    headers: staffA.headers,
  });
  const couponTemplate = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/coupon-templates',
    headers: staffA.headers,
    payload: { name: '甲的券', kind: 'amount_off', amountOffFen: 1000 },
  });
  const issued = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/coupon-templates/${couponTemplate.json().id}/issue`,
    headers: staffA.headers,
    payload: { customerIds: [customerId] },
  });
  const packageProduct = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/loyalty/package-products',
    headers: staffA.headers,
    payload: { name: '甲的洗车卡', uses: 5, validityDays: 365, priceFen: 15000 },
  });
  const soldPackage = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${customerId}/packages`,
    headers: staffA.headers,
    payload: { productId: packageProduct.json().id, method: 'cash' },
  });
  const segment = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/segments',
    headers: staffA.headers,
    payload: {
      name: '甲的分群',
      filter: { kind: 'rule', field: 'customer.gender', op: 'eq', value: 'male' },
    },
  });
  const campaign = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/campaigns',
    headers: staffA.headers,
    payload: {
      name: '甲的活动',
      segmentId: segment.json().id,
      variants: [{ key: 'A', templateKey: 'marketing.campaign', text: '甲' }],
    },
  });
  const friendId = (
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: staffA.headers,
      payload: { name: '甲的朋友', phone: '13700000003' },
    })
  ).json().id as string;
  const partnerA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/partners',
    headers: staffA.headers,
    payload: { name: '甲的合作商家', kind: 'cafe', contactName: '甲', contactPhone: '13700000009' },
  });
  const accountA = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/partners/${partnerA.json().id}/accounts`,
    headers: staffA.headers,
    payload: {
      name: '甲门户',
      email: `portal-${a.slug}@example.com`,
      password: 'Portal-pass-2026',
    },
  });
  const webhookA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/webhooks',
    headers: staffA.headers,
    payload: { url: 'https://93.184.215.14/hook', eventTypes: ['customer.created'] },
  });
  const deliveryId = newId();
  await env.inTenant(a.id, (ctx) =>
    ctx.tx.insert(webhookDeliveries).values({
      tenantId: a.id,
      id: deliveryId,
      subscriptionId: webhookA.json().id,
      eventId: newId(),
      eventType: 'customer.created',
      body: '{}',
    }),
  );
  const eventA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/activities',
    headers: staffA.headers,
    payload: {
      kind: 'meetup',
      title: '甲的活动',
      startsAt: '2099-01-02T02:00:00Z',
      endsAt: '2099-01-02T04:00:00Z',
      signupDeadline: '2099-01-01T02:00:00Z',
      capacity: 5,
    },
  });
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/activities/${eventA.json().id}/publish`,
    headers: staffA.headers,
  });
  const signupA = await env.inTenant(a.id, (ctx) =>
    signUpForEvent(ctx, customerId, eventA.json().id, { partySize: 1, joinWaitlist: false }),
  );
  const clubA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/clubs',
    headers: staffA.headers,
    payload: { name: '甲的车友会', kind: 'interest', interest: '自驾' },
  });
  const postA = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/clubs/${clubA.json().id}/posts`,
    headers: staffA.headers,
    payload: { text: '甲的帖子' },
  });
  const muteA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/moderation/mutes',
    headers: staffA.headers,
    payload: { customerId: friendId, days: 7, hidePast: false, reason: '甲的禁言' },
  });
  const keywordA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/moderation/keywords',
    headers: staffA.headers,
    payload: { word: '甲的关键词' },
  });
  // A content tag only tenant A has (followed by slug).
  const tagIds = await env.inTenant(a.id, (ctx) =>
    ensureTags(ctx, [{ slug: 'jia-tag', name: '甲的标签' }]),
  );
  const feedA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/monitoring/feeds',
    headers: staffA.headers,
    payload: { name: '甲的订阅', kind: 'competitor', url: 'https://example.com/jia/feed.xml' },
  });
  // An article of tenant A (a draft by the business author, revision 1).
  const articleA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/articles',
    headers: staffA.headers,
    payload: { title: '甲的文章', html: '<p>甲的正文</p>', tagSlugs: ['jia-tag'] },
  });
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/articles/${articleA.json().id}/publish`,
    headers: staffA.headers,
  });
  const issueA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/magazine/issues',
    headers: staffA.headers,
    payload: { title: '甲的杂志' },
  });
  const issueId = issueA.json().id as string;
  const withSection = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/magazine/issues/${issueId}/sections`,
    headers: staffA.headers,
    payload: { title: '甲的栏目' },
  });
  const sectionId = withSection.json().sections[0].id as string;
  const withPage = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/magazine/issues/${issueId}/pages`,
    headers: staffA.headers,
    payload: { sectionId, title: '甲的页面' },
  });
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/magazine/issues/${issueId}/publish`,
    headers: staffA.headers,
  });
  const callA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/magazine/calls',
    headers: staffA.headers,
    payload: { theme: '甲的征稿', deadline: '2099-01-01T00:00:00Z', sectionId },
  });
  const contributionA = await env.app.inject({
    method: 'POST',
    url: `/api/v1/app/magazine/calls/${callA.json().id}/contributions`,
    headers: (await signInCustomer(env, a, '13700000001')).headers,
    payload: { text: '甲的投稿' },
  });
  const helpCategoryA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/help/categories',
    headers: staffA.headers,
    payload: { nameZh: '甲的分类' },
  });
  const helpEntryA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/help/entries',
    headers: staffA.headers,
    payload: {
      categoryId: helpCategoryA.json().id,
      questionZh: '甲的问题',
      answerZh: '甲的答案',
      status: 'published',
    },
  });
  const helpSynonymA = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/help/synonyms',
    headers: staffA.headers,
    payload: { terms: ['甲词', '甲语'] },
  });
  ids = {
    issueId,
    categoryId: helpCategoryA.json().id,
    entryId: helpEntryA.json().id,
    synonymId: helpSynonymA.json().id,
    sectionId,
    pageId: withPage.json().sections[0].pages[0].id,
    callId: callA.json().id,
    contributionId: contributionA.json().id,
    deliveryId,
    tagSlug: 'jia-tag',
    tagId: tagIds.get('jia-tag')!,
    articleId: articleA.json().id,
    authorId: articleA.json().author.id,
    revision: '1',
    feedId: feedA.json().id,
    articleSlug: articleA.json().slug,
    // A KOL's draft is an article row: tenant A's article stands for it.
    draftId: articleA.json().id,
    clubId: clubA.json().id,
    postId: postA.json().id,
    muteId: muteA.json().id,
    keywordId: keywordA.json().id,
    eventId: eventA.json().id,
    signupId: signupA.mySignup!.id,
    partnerId: partnerA.json().id,
    accountId: accountA.json().id,
    code: issued.json().coupons[0].code,
    segmentId: segment.json().id,
    campaignId: campaign.json().id,
    productId: packageProduct.json().id,
    dealId: (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/deals',
        headers: staffA.headers,
        payload: {
          title: '甲的团购',
          rewardKind: 'package',
          packageProductId: packageProduct.json().id,
          priceFen: 100,
          originalPriceFen: 200,
          minJoiners: 2,
          deadlineAt: new Date(env.clock.now().getTime() + 24 * 60 * 60 * 1000).toISOString(),
        },
      })
    ).json().id,
    ticketId: (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/staff/complaints',
        headers: staffA.headers,
        payload: { customerId, summary: '甲的投诉' },
      })
    ).json().ticketId,
    paymentId: await env.inTenant(a.id, async (ctx) => {
      await savePaymentSettings(ctx, { provider: 'dev', enabled: true, config: {} });
      const orderId = order.json().id as string;
      const p = await startPayment(
        ctx,
        { customerId, kind: 'order', subjectId: orderId, provider: 'dev', channel: 'dev' },
        { notifyBase: 'http://localhost', returnBase: 'http://localhost' },
      );
      return p.id;
    }),
    packageId: soldPackage.json().id,
    templateId: couponTemplate.json().id,
    couponId: issued.json().coupons[0].id,
    token: (await env.inTenant(a.id, (ctx) => myMemberCard(ctx, customerId))).token,
    referralId: (
      await env.inTenant(a.id, (ctx) =>
        attribute(ctx, { referrerId: customerId, refereeId: friendId, channel: 'counter' }),
      )
    ).id,
    customerId,
    vehicleId: vehicle.json().id,
    storeId: a.storeId,
    staffId: a.staff.advisor.id,
    requestId: (
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/customers/${friendId}/data-requests`,
        headers: staffA.headers,
        payload: { kind: 'export', message: '甲的请求' },
      })
    ).json().id,
    id: key.json().id,
    orderId: order.json().id,
    itemId: order.json().items[0].id,
    inspectionId: (
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/service-orders/${order.json().id}/inspections`,
        headers: staffA.headers,
        payload: {},
      })
    ).json().id,
    ruleId: (
      await env.app.inject({ url: '/api/v1/staff/reminder-rules', headers: staffA.headers })
    ).json().items[0].id,
    dueItemId: (
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/staff/vehicles/${vehicle.json().id}/due-items`,
        headers: staffA.headers,
        payload: { kind: 'recall', title: '甲的召回' },
      })
    ).json().id,
    intentId: (
      await env.inTenant(a.id, (ctx) =>
        sendToCustomer(ctx, {
          customerId,
          templateKey: 'service.message',
          data: { message: { text: '甲的通知' } },
          dedupeKey: 'isolation:1',
          priority: 'transactional',
          purpose: 'transactional',
        }),
      )
    ).intentId,
    messageId: (
      await env.inTenant(a.id, (ctx) =>
        writeInboxMessage(ctx, { customerId, body: '甲的消息', purpose: 'transactional' }),
      )
    ).id,
  };
  const staffB = await signInStaff(env.app, b.slug, b.staff.owner.login);
  // The partner portal's routes are for partner accounts: tenant B's, bound to B's partner.
  const partnerB = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/partners',
    headers: staffB.headers,
    payload: { name: '乙的合作商家', kind: 'cafe', contactName: '乙', contactPhone: '13700000008' },
  });
  await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/partners/${partnerB.json().id}/accounts`,
    headers: staffB.headers,
    payload: {
      name: '乙门户',
      email: `portal-${b.slug}@example.com`,
      password: 'Portal-pass-2026',
    },
  });
  const customerB = await signInCustomer(env, b, '13700000002');
  // Customer B writes articles in tenant B (a KOL): reaching tenant A's drafts still finds none.
  const meB = await env.app.inject({ url: '/api/v1/app/me', headers: customerB.headers });
  const kolB = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/article-authors',
    headers: staffB.headers,
    payload: { kind: 'kol', customerId: meB.json().customer.id },
  });
  if (kolB.statusCode !== 201) throw new Error(`KOL nomination: ${kolB.statusCode} ${kolB.body}`);
  sessions = {
    staffA,
    partnerB: await signInStaff(
      env.app,
      b.slug,
      `portal-${b.slug}@example.com`,
      'Portal-pass-2026',
    ),
    staffB,
    customerB,
    // Integrators' routes: tenant B's API key.
    integrationB: {
      headers: {
        authorization: `Bearer ${
          (
            await env.app.inject({
              method: 'POST',
              url: '/api/v1/staff/api-keys',
              headers: staffB.headers,
              payload: { name: 'dms', role: 'manager' },
            })
          ).json().key as string
        }`,
      },
    },
  };
  const doc = (await env.app.inject('/docs/json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => env.close());

describe('tenant isolation matrix', () => {
  it('covers every route with an id parameter', () => {
    const withIds = operations.filter((o) => o.path.includes('{') && !isPublic(o.path));
    expect(withIds.length).toBeGreaterThanOrEqual(8);
    for (const o of withIds) {
      for (const [, name] of o.path.matchAll(/\{(\w+)\}/g)) {
        expect(
          ids,
          `no fixture for {${name}} in ${o.method} ${o.path}: add one to this test`,
        ).toHaveProperty(name!);
      }
    }
  });

  it("answers 404 to tenant B on every one of tenant A's ids", async () => {
    const seen: string[] = [];
    for (const { method, path, op } of operations) {
      if (!path.includes('{') || isPublic(path)) continue;
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => ids[name]!);
      const session = path.startsWith('/api/v1/app/')
        ? sessions.customerB
        : path.startsWith('/api/v1/staff/portal/')
          ? sessions.partnerB
          : path.startsWith('/api/v1/integrations/')
            ? sessions.integrationB
            : sessions.staffB;
      const example = op.requestBody?.content['application/json'].schema.example;
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: { ...session.headers, 'accept-language': 'en' },
        ...(example !== undefined ? { payload: example as object } : {}),
      });
      // Checking a code answers 200 with the reason (valid: false) instead, and shows nothing.
      if (method === 'GET' && path === '/api/v1/staff/portal/coupons/{code}') {
        expect(res.json()).toMatchObject({
          valid: false,
          reason: 'COUPON_NOT_FOUND',
          coupon: null,
        });
        seen.push(`${method} ${path}`);
        continue;
      }
      expect({
        route: `${method} ${path}`,
        status: res.statusCode,
        code: res.json().error?.code,
      }).toEqual({
        route: `${method} ${path}`,
        status: 404,
        code: 'NOT_FOUND',
      });
      seen.push(`${method} ${path}`);
    }
    expect(seen.length).toBeGreaterThanOrEqual(8);
  });

  it("left tenant A's data as it was", async () => {
    const customer = await env.app.inject({
      url: `/api/v1/staff/customers/${ids.customerId}`,
      headers: sessions.staffA.headers,
    });
    expect(customer.json()).toMatchObject({
      name: '甲车主',
      vehicles: [{ plate: '粤B12345', model: null }],
    });
    const keys = await env.app.inject({
      url: '/api/v1/staff/api-keys',
      headers: sessions.staffA.headers,
    });
    expect(keys.json().items[0].revokedAt).toBeNull();
  });
});
