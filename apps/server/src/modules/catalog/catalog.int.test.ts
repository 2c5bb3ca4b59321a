// The price list over HTTP on a real database: search by name, pinyin initials, full pinyin and
// part number; a store's own price; a package priced as its sum or its own price and expanded
// into an order at the order's store; roles; error codes; and tracked parts taken off the shelf
// when an order is paid (below zero too, once per order however often the event comes).
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishOutbox } from '../../jobs/outbox.ts';
import { createLogger } from '../../kernel/logger.ts';
import {
  createTestEnv,
  fixedClock,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { createStore } from '../tenancy/index.ts';
import { lookupCatalogLines } from './index.ts';
import { takePaidOrderStock } from './stock.ts';

const clock = fixedClock(new Date('2026-11-22T02:00:00.000Z'));
const log = createLogger('silent');

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let manager: Session;
let advisor: Session;
let technician: Session;
let otherOwner: Session;
let secondStoreId: string;

interface Item {
  id: string;
  kind: string;
  name: string;
  nameInitials: string;
  namePinyin: string;
  partNumber: string | null;
  priceFen: number | null;
  listPriceFen: number;
  storePriceFen: number | null;
  effectivePriceFen: number;
  stockQty: number | null;
  status: string;
  components: { itemId: string; quantity: number; unitPriceFen: number }[];
  storePrices: { storeId: string; priceFen: number }[];
}
interface OrderLine {
  kind: string;
  labourMinutes?: number | null;
  description: string;
  partNumber: string | null;
  quantity: number;
  unitPriceFen: number;
}
interface Order {
  id: string;
  totalFen: number;
  items: OrderLine[];
}

function call(
  s: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
  lang = 'en',
): Promise<LightMyRequestResponse> {
  return env.app.inject({
    method,
    url,
    headers: { ...s.headers, 'accept-language': lang },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function ok<T = Item>(res: Promise<LightMyRequestResponse>, status = 200) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

async function fails(res: Promise<LightMyRequestResponse>, status: number, code: string) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as { error: { code: string; field?: string; message: string } };
  expect(body.error.code).toBe(code);
  return body.error;
}

const create = (body: Record<string, unknown>, s: Session = manager) =>
  ok(call(s, 'POST', '/api/v1/staff/catalog/items', body), 201);

const search = async (q: string, extra = '') =>
  (
    await ok<{ items: Item[] }>(
      call(advisor, 'GET', `/api/v1/staff/catalog/items?q=${encodeURIComponent(q)}${extra}`),
    )
  ).items;

let oil: Item;
let filter: Item;
let labour: Item;
let pads: Item;
let smallService: Item;
let summed: Item;
let seq = 0;

async function openOrder(storeId = t.storeId): Promise<Order> {
  seq++;
  const c = await ok<{ id: string }>(
    call(owner, 'POST', '/api/v1/staff/customers', {
      name: `车主${seq}`,
      phone: `1390000${String(2000 + seq)}`,
    }),
    201,
  );
  const v = await ok<{ id: string }>(
    call(owner, 'POST', `/api/v1/staff/customers/${c.id}/vehicles`, {
      plate: `粤B${String(30000 + seq)}`,
    }),
    201,
  );
  return ok<Order>(
    call(advisor, 'POST', '/api/v1/staff/service-orders', {
      customerId: c.id,
      vehicleId: v.id,
      storeId,
    }),
    201,
  );
}

const addFromCatalog = (orderId: string, body: Record<string, unknown>, s = advisor) =>
  call(s, 'POST', `/api/v1/staff/service-orders/${orderId}/items/from-catalog`, body);

const stockOf = async (id: string) =>
  (await ok(call(advisor, 'GET', `/api/v1/staff/catalog/items/${id}`))).stockQty;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  manager = await signInStaff(env.app, t.slug, t.staff.manager.login);
  advisor = await signInStaff(env.app, t.slug, t.staff.advisor.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  otherOwner = await signInStaff(env.app, other.slug, other.staff.owner.login);
  secondStoreId = (
    await env.inTenant(t.id, (ctx) => createStore(ctx, { code: 'S02', name: '二号店' }))
  ).id;

  oil = await create({
    kind: 'part',
    name: '全合成机油 5W-30 4L',
    category: 'oil_change',
    partNumber: 'g-052-195-m4',
    priceFen: 39800,
    stockQty: 5,
  });
  filter = await create({
    kind: 'part',
    name: '机油滤芯',
    category: 'oil_change',
    partNumber: '06L115562B',
    priceFen: 6800,
    stockQty: 1,
  });
  labour = await create({
    kind: 'labour',
    name: '更换机油机滤工时',
    category: 'oil_change',
    standardMinutes: 30,
    priceFen: 8000,
  });
  pads = await create({
    kind: 'part',
    name: '前刹车片',
    category: 'brakes',
    partNumber: '5Q0698151B',
    priceFen: 42000,
  });
  smallService = await create({
    kind: 'package',
    name: '小保养',
    category: 'oil_change',
    priceFen: 46800,
    components: [
      { itemId: oil.id, quantity: 1 },
      { itemId: filter.id, quantity: 1 },
      { itemId: labour.id, quantity: 1 },
    ],
  });
  summed = await create({
    kind: 'package',
    name: '换油不含工时',
    category: 'oil_change',
    components: [
      { itemId: oil.id, quantity: 1 },
      { itemId: filter.id, quantity: 2 },
    ],
  });
});

afterAll(async () => {
  await env?.close();
});

describe('keeping the price list', () => {
  it('keys names by pinyin and part numbers in upper case', () => {
    expect(filter.nameInitials).toBe('jylx');
    expect(filter.namePinyin).toBe('jiyoulvxin');
    expect(oil.partNumber).toBe('G-052-195-M4');
  });

  it('prices a package at its own price, or at the sum of its components', () => {
    expect(smallService.listPriceFen).toBe(46800);
    expect(summed.priceFen).toBeNull();
    expect(summed.listPriceFen).toBe(39800 + 2 * 6800);
    expect(summed.components.map((c) => c.quantity)).toEqual([1, 2]);
  });

  it('refuses a part number already in the list, in either case, with field and message', async () => {
    const e = await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'part',
        name: '机滤（副厂）',
        category: 'oil_change',
        partNumber: '06l115562b',
        priceFen: 3000,
      }),
      409,
      'CATALOG_PART_NUMBER_TAKEN',
    );
    expect(e.field).toBe('partNumber');
    const zh = await fails(
      call(
        manager,
        'PATCH',
        `/api/v1/staff/catalog/items/${pads.id}`,
        { partNumber: '06L115562B' },
        'zh-CN',
      ),
      409,
      'CATALOG_PART_NUMBER_TAKEN',
    );
    expect(zh.message).toBe('该配件编号已在价目表中');
  });

  it('refuses a package holding itself, another package, an unknown item, or nothing', async () => {
    await fails(
      call(manager, 'PUT', `/api/v1/staff/catalog/items/${smallService.id}/components`, {
        components: [{ itemId: smallService.id, quantity: 1 }],
      }),
      422,
      'CATALOG_PACKAGE_NESTED',
    );
    const nested = await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'package',
        name: '套娃',
        category: 'other',
        components: [
          { itemId: oil.id, quantity: 1 },
          { itemId: summed.id, quantity: 1 },
        ],
      }),
      422,
      'CATALOG_PACKAGE_NESTED',
    );
    expect(nested.field).toBe('components.1.itemId');
    await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'package',
        name: '未知',
        category: 'other',
        components: [{ itemId: '01900000-0000-7000-8000-000000000099', quantity: 1 }],
      }),
      422,
      'CATALOG_COMPONENT_UNKNOWN',
    );
    await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'package',
        name: '空套餐',
        category: 'other',
      }),
      422,
      'CATALOG_PACKAGE_EMPTY',
    );
    await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'labour',
        name: '工时',
        category: 'other',
        priceFen: 100,
        partNumber: 'X1',
      }),
      400,
      'CATALOG_FIELD_NOT_FOR_KIND',
    );
    await fails(
      call(manager, 'POST', '/api/v1/staff/catalog/items', { kind: 'part', name: '' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('lets every role read and only owner and manager write', async () => {
    expect((await search('', '&limit=200')).length).toBeGreaterThanOrEqual(6);
    await ok(call(technician, 'GET', `/api/v1/staff/catalog/items/${oil.id}`));
    await fails(
      call(advisor, 'POST', '/api/v1/staff/catalog/items', {
        kind: 'labour',
        name: '洗车',
        category: 'wash',
        priceFen: 3000,
      }),
      403,
      'FORBIDDEN',
    );
    await fails(
      call(technician, 'PUT', `/api/v1/staff/catalog/items/${oil.id}/store-prices/${t.storeId}`, {
        priceFen: 1,
      }),
      403,
      'FORBIDDEN',
    );
    await ok(call(owner, 'PATCH', `/api/v1/staff/catalog/items/${pads.id}`, { priceFen: 43000 }));
  });

  it('hides another tenant’s items (404)', async () => {
    await fails(call(otherOwner, 'GET', `/api/v1/staff/catalog/items/${oil.id}`), 404, 'NOT_FOUND');
    const theirs = await ok<{ items: Item[] }>(
      call(otherOwner, 'GET', '/api/v1/staff/catalog/items?q=jy'),
    );
    expect(theirs.items).toEqual([]);
  });

  it('keeps a component in an active package from being archived, then archives and restores', async () => {
    const e = await fails(
      call(manager, 'POST', `/api/v1/staff/catalog/items/${labour.id}/archive`),
      409,
      'CATALOG_ITEM_IN_PACKAGE',
    );
    expect(e.field).toBe('itemId');
    const archived = await ok(
      call(manager, 'POST', `/api/v1/staff/catalog/items/${pads.id}/archive`),
    );
    expect(archived.status).toBe('archived');
    expect((await search('刹车')).map((i) => i.id)).not.toContain(pads.id);
    expect((await search('刹车', '&status=all')).map((i) => i.id)).toContain(pads.id);
    const order = await openOrder();
    await fails(addFromCatalog(order.id, { itemId: pads.id }), 409, 'CATALOG_ITEM_ARCHIVED');
    await ok(call(manager, 'POST', `/api/v1/staff/catalog/items/${pads.id}/restore`));
  });
});

describe('searching', () => {
  it('finds by name, initials prefix, full pinyin and part number', async () => {
    expect((await search('滤芯')).map((i) => i.name)).toEqual(['机油滤芯']);
    const byInitials = (await search('jylx')).map((i) => i.name);
    expect(byInitials).toEqual(['机油滤芯']);
    expect((await search('JY')).map((i) => i.name)).toEqual(
      expect.arrayContaining(['机油滤芯', '全合成机油 5W-30 4L'].filter((n) => n.startsWith('机'))),
    );
    expect((await search('jiyoulv')).map((i) => i.name)).toEqual(['机油滤芯']);
    expect((await search('baoyang')).map((i) => i.name)).toEqual(['小保养']);
    expect((await search('5q0698')).map((i) => i.name)).toEqual(['前刹车片']);
    expect((await search('G052')).map((i) => i.name)).toEqual(['全合成机油 5W-30 4L']);
    expect(await search('lx-nothing')).toEqual([]);
    // Initials match from the start only ("lx" is inside "jylx").
    expect((await search('lx')).map((i) => i.name)).not.toContain('机油滤芯');
  });

  it('filters by kind and pages with a cursor', async () => {
    const packages = await ok<{ items: Item[] }>(
      call(advisor, 'GET', '/api/v1/staff/catalog/items?kind=package'),
    );
    expect(packages.items.map((i) => i.name).sort()).toEqual(['小保养', '换油不含工时'].sort());
    const first = await ok<{ items: Item[]; nextCursor: string | null }>(
      call(advisor, 'GET', '/api/v1/staff/catalog/items?limit=2'),
    );
    expect(first.items).toHaveLength(2);
    const second = await ok<{ items: Item[]; nextCursor: string | null }>(
      call(advisor, 'GET', `/api/v1/staff/catalog/items?limit=2&cursor=${first.nextCursor}`),
    );
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
    await fails(
      call(advisor, 'GET', '/api/v1/staff/catalog/items?cursor=garbage!'),
      400,
      'CURSOR_INVALID',
    );
  });
});

describe('store prices', () => {
  it('gives a store its own price, shown as the effective price there, and clears it', async () => {
    const set = await ok(
      call(
        manager,
        'PUT',
        `/api/v1/staff/catalog/items/${labour.id}/store-prices/${secondStoreId}`,
        {
          priceFen: 6000,
        },
      ),
    );
    expect(set.storePrices).toEqual([
      expect.objectContaining({ storeId: secondStoreId, priceFen: 6000 }),
    ]);
    const there = await search('更换机油', `&storeId=${secondStoreId}`);
    expect(there[0]).toMatchObject({
      storePriceFen: 6000,
      effectivePriceFen: 6000,
      listPriceFen: 8000,
    });
    const here = await search('更换机油', `&storeId=${t.storeId}`);
    expect(here[0]).toMatchObject({ storePriceFen: null, effectivePriceFen: 8000 });
    // A package summed from its components follows the store's prices too.
    await ok(
      call(
        manager,
        'PUT',
        `/api/v1/staff/catalog/items/${filter.id}/store-prices/${secondStoreId}`,
        {
          priceFen: 5800,
        },
      ),
    );
    const summedThere = await ok(
      call(advisor, 'GET', `/api/v1/staff/catalog/items/${summed.id}?storeId=${secondStoreId}`),
    );
    expect(summedThere.effectivePriceFen).toBe(39800 + 2 * 5800);
    await ok(
      call(
        manager,
        'DELETE',
        `/api/v1/staff/catalog/items/${filter.id}/store-prices/${secondStoreId}`,
      ),
    );
    const cleared = await ok(
      call(advisor, 'GET', `/api/v1/staff/catalog/items/${filter.id}?storeId=${secondStoreId}`),
    );
    expect(cleared).toMatchObject({
      storePriceFen: null,
      effectivePriceFen: 6800,
      storePrices: [],
    });
    await fails(
      call(
        manager,
        'PUT',
        `/api/v1/staff/catalog/items/${filter.id}/store-prices/${other.storeId}`,
        {
          priceFen: 1,
        },
      ),
      404,
      'NOT_FOUND',
    );
  });
});

describe('adding from the price list to an order', () => {
  it('adds a part as one line at the order’s store price', async () => {
    const order = await openOrder(secondStoreId);
    const after = await ok<Order>(
      addFromCatalog(order.id, { itemId: labour.id, quantity: 2 }),
      201,
    );
    expect(after.items).toEqual([
      expect.objectContaining({
        kind: 'labour',
        description: '更换机油机滤工时',
        quantity: 2,
        unitPriceFen: 6000,
      }),
    ]);
    expect(after.totalFen).toBe(12000);
  });

  it('expands a package into its lines adding up to the package price', async () => {
    const order = await openOrder();
    const after = await ok<Order>(addFromCatalog(order.id, { itemId: smallService.id }), 201);
    expect(after.items.map((l) => l.description)).toEqual([
      '小保养 · 全合成机油 5W-30 4L',
      '小保养 · 机油滤芯',
      '小保养 · 更换机油机滤工时',
    ]);
    expect(after.items.map((l) => l.partNumber)).toEqual(['G-052-195-M4', '06L115562B', null]);
    // The labour line carries its standard time as the hours recorded; parts carry none.
    expect(after.items.map((l) => l.labourMinutes)).toEqual([null, null, 30]);
    expect(after.totalFen).toBe(46800);
    // The lines a package comes to at another store: the store's labour price, still 468 in all.
    const lines = await env.inTenant(t.id, (ctx) =>
      lookupCatalogLines(ctx, { itemId: smallService.id, storeId: secondStoreId, quantity: 2 }),
    );
    expect(lines.reduce((s, l) => s + l.quantity * l.unitPriceFen, 0)).toBe(93600);
    expect(lines.find((l) => l.kind === 'labour')?.labourMinutes).toBe(60);
  });

  it('adds a summed package at its components’ prices', async () => {
    const order = await openOrder();
    const after = await ok<Order>(addFromCatalog(order.id, { itemId: summed.id }), 201);
    expect(after.items.map((l) => [l.quantity, l.unitPriceFen])).toEqual([
      [1, 39800],
      [2, 6800],
    ]);
  });

  it('refuses a closed order, an unknown item, and the technician', async () => {
    const order = await openOrder();
    await fails(
      addFromCatalog(order.id, { itemId: '01900000-0000-7000-8000-000000000099' }),
      404,
      'NOT_FOUND',
    );
    await fails(addFromCatalog(order.id, { itemId: oil.id }, technician), 403, 'FORBIDDEN');
    await ok(addFromCatalog(order.id, { itemId: oil.id }), 201);
    await ok(call(advisor, 'POST', `/api/v1/staff/service-orders/${order.id}/complete`));
    await fails(addFromCatalog(order.id, { itemId: oil.id }), 409, 'SERVICE_ORDER_NOT_OPEN');
  });
});

describe('the shelf count', () => {
  it('takes paid parts off the shelf once, and may go below zero', async () => {
    const oilBefore = await stockOf(oil.id);
    const filterBefore = await stockOf(filter.id);
    const padsBefore = await stockOf(pads.id);
    const order = await openOrder();
    await ok(addFromCatalog(order.id, { itemId: smallService.id, quantity: 2 }), 201);
    await ok(addFromCatalog(order.id, { itemId: pads.id }), 201);
    const full = await ok<Order>(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${order.id}/complete`),
    );
    await ok(
      call(advisor, 'POST', `/api/v1/staff/service-orders/${order.id}/pay`, {
        method: 'cash',
        paidFen: full.totalFen,
      }),
    );
    await publishOutbox(env.database.adminDb, log);
    await publishOutbox(env.database.adminDb, log);
    expect(await stockOf(oil.id)).toBe(oilBefore! - 2);
    // The event delivered again (at least once): nothing more is taken.
    const again = await env.inTenant(t.id, (ctx) => takePaidOrderStock(ctx, order.id));
    expect(again.moved).toBe(0);
    expect(await stockOf(oil.id)).toBe(oilBefore! - 2);
    expect(await stockOf(filter.id)).toBe(filterBefore! - 2);
    expect(filterBefore! - 2).toBeLessThan(0);
    // Not tracked: stays untracked.
    expect(padsBefore).toBeNull();
    expect(await stockOf(pads.id)).toBeNull();
  });

  it('leaves the count alone for an unpaid order', async () => {
    const before = await stockOf(oil.id);
    const order = await openOrder();
    await ok(addFromCatalog(order.id, { itemId: oil.id }), 201);
    await publishOutbox(env.database.adminDb, log);
    expect(await stockOf(oil.id)).toBe(before);
  });
});
