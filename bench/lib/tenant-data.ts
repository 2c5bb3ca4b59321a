// One generated tenant as table rows: the demo generator's chain (stores, staff, opening hours)
// and its customers, cars, odometer readings and service history, with deterministic ids.
// Pure: the rows depend only on the spec. A large tenant is generated in chunks (one
// `generateDemoData` call per chunk, so memory stays flat); phones, plates, VINs and order
// numbers are kept unique across chunks here, without changing the demo generator.
import {
  generateDemoData,
  type DemoCustomer,
  type DemoData,
  type DemoOrder,
  type DemoVehicle,
} from '../../apps/server/src/modules/demo/demo-data.ts';
import { nameInitials } from '../../apps/server/src/modules/customers/index.ts';
import { phoneDigits } from '../../apps/server/src/kernel/phone.ts';
import { PLATE_LETTERS } from '../../apps/server/src/kernel/plate.ts';
import { createRandom, type Random } from '../../apps/server/src/kernel/random.ts';
import { makeVin } from '../../apps/server/src/kernel/vin.ts';
import { uuidv7At } from './ids.ts';
import type { RowOf, TableName } from './tables.ts';

export interface TenantSpec {
  /** Seed of the whole run. */
  seed: number;
  /** Tenant number in the run, from 0. */
  index: number;
  customers: number;
  now: Date;
  slug: string;
  /** Customers per `generateDemoData` call. */
  chunkSize: number;
  /** Password hash given to every staff member (hashed once per run: argon2 is slow on purpose). */
  passwordHash: string;
}

export type Emit = <N extends TableName>(table: N, row: RowOf<N>) => void;

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A 32-bit seed from several integers (FNV-1a over their 32-bit words, then avalanched). */
export function deriveSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    const whole = Math.floor(p);
    for (const word of [whole >>> 0, Math.floor(whole / 4_294_967_296) >>> 0]) {
      for (let shift = 0; shift < 32; shift += 8) {
        h ^= (word >>> shift) & 0xff;
        h = Math.imul(h, 0x01000193);
      }
    }
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

// Pinyin conversion is the generator's most expensive step per customer; names repeat a lot.
const initialsCache = new Map<string, string>();
function initialsOf(name: string): string {
  let v = initialsCache.get(name);
  if (v === undefined) {
    v = nameInitials(name);
    if (initialsCache.size < 500_000) initialsCache.set(name, v);
  }
  return v;
}

const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const parseYmd = (s: string): { y: number; m: number; d: number } => {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return { y, m, d };
};
/** The n-th anniversary of a YYYY-MM-DD date, as a UTC day start (29 Feb rolls to 1 Mar). */
const anniversaryMs = (date: string, years: number): number => {
  const { y, m, d } = parseYmd(date);
  return Date.UTC(y + years, m - 1, d);
};

/** Insurance renews yearly on the registration anniversary: the next one after today. */
function insuranceExpiry(registrationDate: string, todayMs: number): string {
  const { y } = parseYmd(registrationDate);
  const start = Math.max(1, new Date(todayMs).getUTCFullYear() - y);
  for (let n = start; ; n++) {
    const at = anniversaryMs(registrationDate, n);
    if (at >= todayMs) return ymd(at);
  }
}

/** Private cars are inspected at 6 and 10 years, then yearly (the demo generator's rule). */
function nextInspection(registrationDate: string, todayMs: number): string {
  for (let n = 1; n < 100; n++) {
    const at = anniversaryMs(registrationDate, n);
    if (at >= todayMs && (n === 6 || n >= 10)) return ymd(at);
  }
  return ymd(anniversaryMs(registrationDate, 100));
}

const PAYMENT_METHODS: ReadonlyArray<readonly [string, number]> = [
  ['wechat_pay', 45],
  ['alipay', 25],
  ['card', 12],
  ['cash', 8],
  ['stored_value', 8],
  ['transfer', 2],
];

// prettier-ignore
const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '158', '159', '186', '188', '189'];

/** Keeps phones, plates and VINs unique within the tenant when it spans several chunks. */
class Uniques {
  readonly phones = new Set<string>();
  readonly plates = new Set<string>();
  readonly vins = new Set<string>();
  private readonly r: Random;
  constructor(r: Random) {
    this.r = r;
  }

  phone(phone: string): string {
    let p = phone;
    while (this.phones.has(p) || p.startsWith('+861380000') || p.startsWith('+861390000'))
      p = `+86${this.r.pick(MOBILE_PREFIXES)}${String(this.r.int(0, 99_999_999)).padStart(8, '0')}`;
    this.phones.add(p);
    return p;
  }

  plate(plate: string): string {
    let p = plate;
    const chars = Array.from(plate);
    const region = chars.slice(0, 2).join('');
    while (this.plates.has(p)) {
      if (chars.length === 8) {
        // New-energy: D or F, a letter or digit, four digits.
        const second = this.r.chance(0.7)
          ? String(this.r.int(0, 9))
          : this.r.pick(Array.from(PLATE_LETTERS));
        p = `${region}${chars[2]}${second}${String(this.r.int(0, 9999)).padStart(4, '0')}`;
      } else {
        const serial = Array.from({ length: 5 }, () =>
          this.r.chance(0.1) ? this.r.pick(Array.from(PLATE_LETTERS)) : String(this.r.int(0, 9)),
        );
        p = region + serial.join('');
      }
    }
    this.plates.add(p);
    return p;
  }

  vin(vin: string, year: number): string {
    let v = vin;
    while (this.vins.has(v)) v = makeVin(vin.slice(0, 8), this.r, { year });
    this.vins.add(v);
    return v;
  }
}

/** Per-(store, day) order number offsets, so numbers stay unique across chunks. */
function renumber(orders: Iterable<DemoOrder>, offsets: Map<string, number>): void {
  const maxInChunk = new Map<string, number>();
  for (const o of orders) {
    const cut = o.number.lastIndexOf('-');
    const key = o.number.slice(0, cut);
    const seq = Number(o.number.slice(cut + 1));
    maxInChunk.set(key, Math.max(maxInChunk.get(key) ?? 0, seq));
    const offset = offsets.get(key) ?? 0;
    if (offset) o.number = `${key}-${String(offset + seq).padStart(4, '0')}`;
  }
  for (const [key, max] of maxInChunk) offsets.set(key, (offsets.get(key) ?? 0) + max);
}

/**
 * Emits every row of one tenant, parents before children. Yields after each chunk of
 * customers (the count done so far) so that a caller can flush rows and let I/O run.
 */
export function* generateTenant(spec: TenantSpec, emit: Emit): Generator<number, void> {
  const now = spec.now.getTime();
  // Today in the tenant's timezone (Asia/Shanghai, UTC+8), as a UTC day start.
  const todayMs = Math.floor((now + 8 * 3_600_000) / DAY) * DAY;
  // The tenant code's prefix is part of the seed: runs with other prefixes make other tenants
  // (other ids), so they can share a database.
  const prefix = spec.slug.slice(0, spec.slug.lastIndexOf('-') + 1);
  const base = deriveSeed(spec.seed, ...Array.from(prefix, (ch) => ch.codePointAt(0) ?? 0));
  const r = createRandom(deriveSeed(base, spec.index, 0x7e4a47));
  const tenantCreated = now - (3 * 365 + 90) * DAY + spec.index * 1000;
  const tenantId = uuidv7At(tenantCreated, r);
  const chunks = Math.max(1, Math.ceil(spec.customers / spec.chunkSize));
  const uniques = chunks > 1 ? new Uniques(r) : null;
  const orderOffsets = new Map<string, number>();
  const storeIds = new Map<string, string>();
  const staffIds: string[] = [];
  let memberNo = 0;

  for (let chunk = 0; chunk < chunks; chunk++) {
    const n = Math.min(spec.chunkSize, spec.customers - chunk * spec.chunkSize);
    // Customer #0 of every call is the demo car owner: only the tenant's first chunk keeps it.
    const skip = chunk === 0 ? 0 : 1;
    const data = generateDemoData({
      seed: deriveSeed(base, spec.index, chunk),
      customers: n + skip,
      now: spec.now,
    });
    if (chunk === 0) emitChain(spec, data, tenantId, tenantCreated, r, storeIds, staffIds, emit);
    if (uniques && chunk === 0) for (const s of data.staff) uniques.phones.add(s.phone);
    if (chunks > 1)
      renumber(
        (function* () {
          for (const c of data.customers) for (const v of c.vehicles) yield* v.orders;
        })(),
        orderOffsets,
      );
    for (let i = skip; i < data.customers.length; i++) {
      emitCustomer(data.customers[i] as DemoCustomer, ++memberNo);
    }
    yield memberNo;
  }

  function emitCustomer(c: DemoCustomer, member: number): void {
    const customerId = uuidv7At(c.createdAt.getTime(), r);
    const phone = uniques ? uniques.phone(c.phone) : c.phone;
    emit('customers', {
      tenantId,
      id: customerId,
      memberNo: member,
      name: c.name,
      phone,
      phoneDigits: phoneDigits(phone),
      nameInitials: initialsOf(c.name),
      gender: c.gender,
      birthday: c.birthday,
      tags: c.tags,
      source: c.source,
      homeStoreId: storeIds.get(c.homeStoreCode) ?? null,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
    });
    for (const v of c.vehicles) emitVehicle(c, customerId, v);
  }

  function emitVehicle(c: DemoCustomer, customerId: string, v: DemoVehicle): void {
    const firstOrder = v.orders[0]?.openedAt.getTime();
    const created = Math.max(c.createdAt.getTime(), (firstOrder ?? 0) - 5 * MINUTE);
    const vehicleId = uuidv7At(created, r);
    emit('vehicles', {
      tenantId,
      id: vehicleId,
      customerId,
      vin: uniques ? uniques.vin(v.vin, v.year) : v.vin,
      plate: uniques ? uniques.plate(v.plate) : v.plate,
      make: v.make,
      model: v.model,
      year: v.year,
      fuelType: v.fuelType,
      registrationDate: v.registrationDate,
      insuranceExpiry: r.chance(0.85) ? insuranceExpiry(v.registrationDate, todayMs) : null,
      nextInspectionDate: nextInspection(v.registrationDate, todayMs),
      createdAt: new Date(created),
      updatedAt: new Date(created),
    });
    // As the application's createVehicle does: the car's first owner, from when it was added.
    emit('vehicleOwnerships', {
      tenantId,
      id: uuidv7At(created, r),
      vehicleId,
      customerId,
      fromAt: new Date(created),
    });
    const orderIdByTime = new Map<number, string>();
    for (const o of v.orders) {
      const opened = o.openedAt.getTime();
      const orderId = uuidv7At(opened, r);
      orderIdByTime.set(opened, orderId);
      let totalFen = 0;
      for (const item of o.items) totalFen += item.quantity * item.unitPriceFen;
      // The demo records one closing time; a finished order here is also completed and paid.
      const finished =
        o.closedAt?.getTime() ?? Math.min(opened + r.int(60, 180) * MINUTE, now - MINUTE);
      const done = o.status === 'completed' || o.status === 'paid' || o.status === 'closed';
      const paid = o.status === 'paid' || o.status === 'closed';
      const at = (on: boolean) => (on ? new Date(finished) : null);
      emit('serviceOrders', {
        tenantId,
        id: orderId,
        number: o.number,
        storeId: storeIds.get(o.storeCode) as string,
        customerId,
        vehicleId,
        advisorId: staffIds[o.advisorIndex] ?? null,
        status: o.status,
        mileageKm: o.mileageKm,
        totalFen,
        paidFen: paid ? totalFen : null,
        paymentMethod: paid ? r.weighted(PAYMENT_METHODS) : null,
        openedAt: o.openedAt,
        completedAt: at(done),
        paidAt: at(paid),
        closedAt: at(o.status === 'closed'),
        cancelledAt: at(o.status === 'cancelled'),
        createdAt: o.openedAt,
        updatedAt: o.status === 'open' ? o.openedAt : new Date(finished),
      });
      o.items.forEach((item, position) =>
        emit('serviceOrderItems', {
          tenantId,
          id: uuidv7At(opened, r),
          orderId,
          position,
          kind: item.kind,
          category: item.category,
          description: item.description,
          partNumber: item.partNumber,
          quantity: item.quantity,
          unitPriceFen: item.unitPriceFen,
        }),
      );
      for (const d of o.declined)
        emit('declinedRecommendations', {
          tenantId,
          id: uuidv7At(opened, r),
          vehicleId,
          customerId,
          orderId,
          category: d.category,
          description: d.description,
          createdAt: o.openedAt,
        });
    }
    for (const reading of v.odometer) {
      const at = reading.readAt.getTime();
      emit('odometerReadings', {
        tenantId,
        id: uuidv7At(at, r),
        vehicleId,
        readAt: reading.readAt,
        mileageKm: reading.mileageKm,
        source: reading.source,
        serviceOrderId: reading.source === 'order' ? (orderIdByTime.get(at) ?? null) : null,
        createdAt: reading.readAt,
      });
    }
  }
}

function emitChain(
  spec: TenantSpec,
  data: DemoData,
  tenantId: string,
  createdMs: number,
  r: Random,
  storeIds: Map<string, string>,
  staffIds: string[],
  emit: Emit,
): void {
  const created = new Date(createdMs);
  emit('tenants', {
    tenantId,
    slug: spec.slug,
    name: `${data.tenant.name.replace(/（.*）$/u, '')}（基准 ${spec.index + 1}）`,
    timezone: data.tenant.timezone,
    locale: 'zh-CN',
    createdAt: created,
    updatedAt: created,
  });
  for (const s of data.stores) {
    const id = uuidv7At(createdMs, r);
    storeIds.set(s.code, id);
    emit('stores', {
      tenantId,
      id,
      code: s.code,
      name: s.name,
      address: s.address,
      phone: s.phone,
      createdAt: created,
      updatedAt: created,
    });
    // The demo seed's hours: every day 08:30–18:00, hourly slots, three cars per slot.
    for (let weekday = 0; weekday < 7; weekday++)
      emit('storeOpeningHours', {
        tenantId,
        storeId: id,
        weekday,
        opensAt: '08:30',
        closesAt: '18:00',
        slotMinutes: 60,
        capacity: 3,
      });
  }
  for (const s of data.staff) {
    const id = uuidv7At(createdMs, r);
    staffIds.push(id);
    emit('staffUsers', {
      tenantId,
      id,
      name: s.name,
      phone: s.phone,
      email: s.email,
      passwordHash: spec.passwordHash,
      role: s.role,
      createdAt: created,
      updatedAt: created,
    });
    for (const code of s.storeCodes)
      emit('staffStores', { tenantId, staffId: id, storeId: storeIds.get(code) as string });
  }
}
