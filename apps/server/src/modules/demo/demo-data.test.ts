import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../kernel/phone.ts';
import { validatePlate } from '../../kernel/plate.ts';
import { createRandom } from '../../kernel/random.ts';
import { validateVin } from '../../kernel/vin.ts';
import { generateDemoData } from './demo-data.ts';
import type { DemoData, DemoOrder, DemoVehicle } from './demo-data.ts';

const NOW = new Date('2025-06-15T04:00:00Z'); // 12:00 in Asia/Shanghai
const DAY = 86_400_000;
const data: DemoData = generateDemoData({ seed: 42, customers: 2000, now: NOW });
const vehicles: DemoVehicle[] = data.customers.flatMap((c) => c.vehicles);
const orders: DemoOrder[] = vehicles.flatMap((v) => v.orders);

const WMI: Record<string, string> = {
  上汽大众: 'LSV',
  '一汽-大众': 'LFV',
  一汽丰田: 'LTV',
  广汽本田: 'LHG',
  东风日产: 'LGB',
  特斯拉: 'LRW',
  比亚迪: 'LGX',
  吉利: 'LB3',
};

const orderTotal = (order: DemoOrder): number =>
  order.items.reduce((sum, item) => sum + item.quantity * item.unitPriceFen, 0);

describe('createRandom', () => {
  it('is deterministic and stays in range', () => {
    const a = createRandom(123);
    const b = createRandom(123);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createRandom(1).next()).not.toBe(createRandom(2).next());
    expect(createRandom(1_700_000_000_000).next()).not.toBe(createRandom(1_700_000_000_001).next());
  });

  it('has working helpers', () => {
    const r = createRandom(9);
    const counts = new Map<string, number>();
    let sum = 0;
    let heads = 0;
    const dice = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      dice.add(r.int(1, 6));
      const w = r.weighted([
        ['a', 1],
        ['b', 3],
        ['zero', 0],
      ] as const);
      counts.set(w, (counts.get(w) ?? 0) + 1);
      sum += r.normal(10, 2);
      if (r.chance(0.25)) heads++;
    }
    expect([...dice].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counts.get('zero')).toBeUndefined();
    expect((counts.get('b') ?? 0) / 20_000).toBeCloseTo(0.75, 1);
    expect(sum / 20_000).toBeCloseTo(10, 1);
    expect(heads / 20_000).toBeCloseTo(0.25, 1);
    expect(['x', 'y']).toContain(r.pick(['x', 'y']));
    expect(r.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(() => r.pick([])).toThrow(RangeError);
    expect(() => r.weighted([['a', 0]])).toThrow(RangeError);
    expect(() => r.int(2, 1)).toThrow(RangeError);
  });
});

describe('generateDemoData', () => {
  it('is deterministic for the same seed and now', () => {
    const again = generateDemoData({ seed: 42, customers: 2000, now: NOW });
    expect(again).toEqual(data);
    const other = generateDemoData({ seed: 43, customers: 50, now: NOW });
    expect(other.customers.map((c) => c.phone)).not.toEqual(
      data.customers.slice(0, 50).map((c) => c.phone),
    );
  });

  it('is fast', () => {
    const started = performance.now();
    generateDemoData({ seed: 7, customers: 2000, now: NOW });
    // Typically 100–300 ms; the bound leaves room for slow CI machines.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('has the tenant, 3 stores and 10 staff', () => {
    expect(data.tenant).toEqual({
      slug: 'demo',
      name: expect.any(String),
      timezone: 'Asia/Shanghai',
    });
    expect(data.stores.map((s) => s.code)).toEqual(['GZ01', 'GZ02', 'GZ03']);
    expect(data.stores.map((s) => s.name).join()).toMatch(/天河.*海珠.*番禺/u);
    expect(data.staff).toHaveLength(10);
    const roles = data.staff.map((s) => s.role);
    expect(roles.filter((r) => r === 'owner')).toHaveLength(1);
    expect(roles.filter((r) => r === 'manager')).toHaveLength(2);
    expect(roles.filter((r) => r === 'advisor')).toHaveLength(4);
    expect(roles.filter((r) => r === 'technician')).toHaveLength(2);
    expect(roles.filter((r) => r === 'partner')).toHaveLength(1);

    const owner = data.staff.find((s) => s.role === 'owner');
    expect(owner).toMatchObject({ email: 'owner@demo.liuke.dev', phone: '+8613800000001' });
    const advisors = data.staff.filter((s) => s.role === 'advisor');
    expect(advisors.map((s) => s.phone)).toEqual([
      '+8613800000002',
      '+8613800000003',
      '+8613800000004',
      '+8613800000005',
    ]);
    for (const manager of data.staff.filter((s) => s.role === 'manager')) {
      expect(manager.email).toMatch(/@demo\.liuke\.dev$/u);
    }
    const storeCodes = new Set(data.stores.map((s) => s.code));
    for (const store of storeCodes) {
      expect(
        advisors.some((a) => a.storeCodes.includes(store)),
        store,
      ).toBe(true);
    }
    for (const member of data.staff) {
      expect(normalizePhone(member.phone)).toEqual({ ok: true, e164: member.phone });
      for (const code of member.storeCodes) expect(storeCodes.has(code)).toBe(true);
    }
    expect(new Set(data.staff.map((s) => s.phone)).size).toBe(10);
  });

  it('has the requested number of customers with about 1.2 cars each', () => {
    expect(data.customers).toHaveLength(2000);
    expect(vehicles.length / data.customers.length).toBeGreaterThan(1.1);
    expect(vehicles.length / data.customers.length).toBeLessThan(1.3);
    for (const customer of data.customers) expect(customer.vehicles.length).toBeGreaterThan(0);
    expect(generateDemoData({ seed: 1, customers: 0, now: NOW }).customers).toEqual([]);
  });

  it('gives customers unique valid mobiles, Chinese names and consistent fields', () => {
    const problems: string[] = [];
    const phones = new Set<string>(data.staff.map((s) => s.phone));
    const storeCodes = new Set(data.stores.map((s) => s.code));
    data.customers.forEach((customer, i) => {
      const bad = (what: string): void => {
        problems.push(`customer ${i}: ${what}`);
      };
      const phone = normalizePhone(customer.phone);
      if (!phone.ok || phone.e164 !== customer.phone || !/^\+861[3-9]\d{9}$/u.test(customer.phone))
        bad(`phone ${customer.phone}`);
      if (phones.has(customer.phone)) bad(`duplicate phone ${customer.phone}`);
      phones.add(customer.phone);
      if (!/^\p{Script=Han}{2,4}$/u.test(customer.name)) bad(`name ${customer.name}`);
      if (!storeCodes.has(customer.homeStoreCode)) bad(`home store ${customer.homeStoreCode}`);
      if (customer.birthday !== null && !/^(19[4-9]\d|200\d)-\d\d-\d\d$/u.test(customer.birthday))
        bad(`birthday ${customer.birthday}`);
      const firstOrder = Math.min(
        ...customer.vehicles.flatMap((v) => v.orders.map((o) => o.openedAt.getTime())),
      );
      if (!(
        customer.createdAt.getTime() <= firstOrder && customer.createdAt.getTime() <= NOW.getTime()
      ))
        bad('createdAt');
    });
    expect(problems).toEqual([]);
    // Realistic surname spread: the most common surnames dominate but do not monopolise.
    const surnames = new Map<string, number>();
    for (const c of data.customers)
      surnames.set(c.name[0] as string, (surnames.get(c.name[0] as string) ?? 0) + 1);
    expect(surnames.size).toBeGreaterThan(30);
    expect(
      (surnames.get('陈') ?? 0) + (surnames.get('李') ?? 0) + (surnames.get('王') ?? 0),
    ).toBeGreaterThan(300);
  });

  it('gives every car a unique valid plate and VIN matching its make and year', () => {
    const problems: string[] = [];
    const plates = new Set<string>();
    const vins = new Set<string>();
    const nowYear = NOW.getUTCFullYear();
    for (const vehicle of vehicles) {
      const bad = (what: string): void => {
        problems.push(`${vehicle.plate} ${vehicle.vin}: ${what}`);
      };
      const plate = validatePlate(vehicle.plate);
      if (!plate.ok || plate.plate !== vehicle.plate) bad('invalid plate');
      else if (
        vehicle.fuelType === 'electric' &&
        (plate.kind !== 'new_energy' || vehicle.plate[2] !== 'D')
      )
        bad('electric without D plate');
      else if (vehicle.fuelType === 'petrol' && plate.kind !== 'fuel')
        bad('petrol car with green plate');
      if (plates.has(vehicle.plate)) bad('duplicate plate');
      plates.add(vehicle.plate);

      const vin = validateVin(vehicle.vin);
      if (!vin.ok || vin.vin !== vehicle.vin) bad('invalid VIN');
      if (vehicle.vin.slice(0, 3) !== WMI[vehicle.make]) bad(`WMI does not match ${vehicle.make}`);
      if (vins.has(vehicle.vin)) bad('duplicate VIN');
      vins.add(vehicle.vin);

      if (vehicle.make === '特斯拉' && vehicle.fuelType !== 'electric') bad('Tesla not electric');
      if (!/^\d{4}-\d\d-\d\d$/u.test(vehicle.registrationDate))
        bad(`registration ${vehicle.registrationDate}`);
      const regYear = Number(vehicle.registrationDate.slice(0, 4));
      if (Math.abs(vehicle.year - regYear) > 1 || vehicle.year > nowYear + 1)
        bad(`model year ${vehicle.year}`);
      if (new Date(`${vehicle.registrationDate}T00:00:00+08:00`).getTime() >= NOW.getTime())
        bad('registered after now');
    }
    expect(problems).toEqual([]);
    const plateShare = vehicles.filter((v) => v.plate.startsWith('粤A')).length / vehicles.length;
    expect(plateShare).toBeGreaterThan(0.7);
    expect(plateShare).toBeLessThan(0.95);
    expect(vehicles.some((v) => v.fuelType === 'electric')).toBe(true);
    expect(vehicles.some((v) => v.fuelType === 'hybrid')).toBe(true);
    expect(vehicles.some((v) => v.fuelType === 'hybrid' && v.plate.length === 8)).toBe(true); // plug-in
    expect(vehicles.some((v) => v.fuelType === 'hybrid' && v.plate.length === 7)).toBe(true); // self-charging
  });

  it('records monotonic odometer readings of ~25–45 km a day, all before now', () => {
    const problems: string[] = [];
    const averages: number[] = [];
    for (const vehicle of vehicles) {
      const bad = (what: string): void => {
        problems.push(`${vehicle.plate}: ${what}`);
      };
      const readings = vehicle.odometer;
      if (readings.length === 0) bad('no readings');
      readings.forEach((current, i) => {
        if (!Number.isInteger(current.mileageKm)) bad('fractional km');
        if (current.readAt.getTime() >= NOW.getTime()) bad('reading after now');
        const previous = readings[i - 1];
        if (previous === undefined) return;
        const days = (current.readAt.getTime() - previous.readAt.getTime()) / DAY;
        if (days <= 0) bad(`reading ${i} not after the previous one`);
        if (current.mileageKm < previous.mileageKm) bad(`reading ${i} goes backwards`);
        const perDay = (current.mileageKm - previous.mileageKm) / days;
        if (perDay < 15 || perDay > 65) bad(`reading ${i}: ${perDay.toFixed(1)} km/day`);
      });
      const first = readings[0];
      const last = readings[readings.length - 1];
      if (first && last && last.readAt.getTime() - first.readAt.getTime() > 300 * DAY) {
        averages.push(
          (last.mileageKm - first.mileageKm) /
            ((last.readAt.getTime() - first.readAt.getTime()) / DAY),
        );
      }
    }
    expect(problems).toEqual([]);
    averages.sort((a, b) => a - b);
    expect(averages[Math.floor(averages.length / 2)]).toBeGreaterThan(30);
    expect(averages[Math.floor(averages.length / 2)]).toBeLessThan(40);
    expect(
      vehicles.filter((v) => v.odometer.some((o) => o.source === 'owner')).length,
    ).toBeGreaterThan(100);
  });

  it('keeps orders in time order with the odometer reading taken at intake', () => {
    const problems: string[] = [];
    for (const vehicle of vehicles) {
      const bad = (what: string): void => {
        problems.push(`${vehicle.plate}: ${what}`);
      };
      vehicle.orders.forEach((order, i) => {
        const reading = vehicle.odometer.find(
          (o) => o.readAt.getTime() === order.openedAt.getTime(),
        );
        if (reading?.source !== 'order' || reading.mileageKm !== order.mileageKm)
          bad(`order ${order.number} has no matching reading`);
        const previous = vehicle.orders[i - 1];
        if (previous === undefined) return;
        const gapDays = (order.openedAt.getTime() - previous.openedAt.getTime()) / DAY;
        if (gapDays < 110 || gapDays > 280)
          bad(`order ${order.number} ${gapDays.toFixed(0)} days after the previous`); // ~4–9 months
        if (order.mileageKm <= previous.mileageKm)
          bad(`order ${order.number} mileage not increasing`);
      });
      if (vehicle.odometer.filter((o) => o.source === 'order').length !== vehicle.orders.length)
        bad('order readings');
    }
    expect(problems).toEqual([]);
  });

  it('has unique order numbers, advisors of the order’s store and sane statuses', () => {
    const problems: string[] = [];
    const numbers = new Set<string>();
    for (const vehicle of vehicles) {
      vehicle.orders.forEach((order, index) => {
        const bad = (what: string): void => {
          problems.push(`${order.number}: ${what}`);
        };
        if (
          !/^GZ0[1-3]-\d{8}-\d{4}$/u.test(order.number) ||
          !order.number.startsWith(order.storeCode)
        )
          bad('number');
        if (numbers.has(order.number)) bad('duplicate number');
        numbers.add(order.number);

        const advisor = data.staff[order.advisorIndex];
        if (advisor?.role !== 'advisor' || !advisor.storeCodes.includes(order.storeCode))
          bad('advisor');

        if (order.openedAt.getTime() >= NOW.getTime()) bad('opened after now');
        const recent = NOW.getTime() - order.openedAt.getTime() < 7 * DAY;
        const last = index === vehicle.orders.length - 1;
        if (order.status === 'open' || order.status === 'completed' || order.status === 'paid') {
          if (!(last && recent)) bad(`${order.status} but not the latest order of the last week`);
          if (order.closedAt !== null) bad('closedAt on an unfinished order');
        } else if (
          order.closedAt === null ||
          order.closedAt.getTime() <= order.openedAt.getTime() ||
          order.closedAt.getTime() > NOW.getTime()
        ) {
          bad('closedAt');
        }
        if (order.status === 'cancelled' && order.declined.length > 0)
          bad('declined work on a cancelled order');
      });
    }
    expect(problems).toEqual([]);
    const statuses = new Set(orders.map((o) => o.status));
    for (const status of ['closed', 'cancelled', 'open', 'completed'] as const)
      expect(statuses.has(status)).toBe(true);
    const cancelled = orders.filter((o) => o.status === 'cancelled').length / orders.length;
    expect(cancelled).toBeGreaterThan(0.01);
    expect(cancelled).toBeLessThan(0.06);
  });

  it('has plausible items and prices in integer fen', () => {
    const problems: string[] = [];
    for (const order of orders) {
      const bad = (what: string): void => {
        problems.push(`${order.number}: ${what}`);
      };
      if (order.items.length === 0) bad('no items');
      for (const item of order.items) {
        if (!Number.isInteger(item.quantity) || item.quantity <= 0)
          bad(`quantity ${item.quantity}`);
        if (!Number.isInteger(item.unitPriceFen) || item.unitPriceFen <= 0)
          bad(`price ${item.unitPriceFen}`);
        if (!/\p{Script=Han}/u.test(item.description)) bad(`description ${item.description}`);
        if ((item.kind === 'labour') !== (item.partNumber === null))
          bad(`part number on ${item.kind}`);
      }
      const oil = order.items.filter((item) => item.category === 'oil_change');
      if (oil.length > 0) {
        // Oil and oil filter (with part numbers) and labour; ¥300–¥800 in all.
        if (oil.filter((item) => item.kind === 'part').length !== 2) bad('oil change parts');
        if (oil.filter((item) => item.kind === 'labour').length !== 1) bad('oil change labour');
        const fen = oil.reduce((sum, item) => sum + item.quantity * item.unitPriceFen, 0);
        if (fen < 30_000 || fen > 80_000) bad(`oil change ¥${fen / 100}`);
      }
      if (orderTotal(order) >= 1_500_000) bad(`total ¥${orderTotal(order) / 100}`);
    }
    expect(problems).toEqual([]);
    const electricOrders = vehicles
      .filter((v) => v.fuelType === 'electric')
      .flatMap((v) => v.orders);
    expect(electricOrders.length).toBeGreaterThan(0);
    expect(
      electricOrders.filter((o) => o.items.some((item) => item.category === 'oil_change')),
    ).toEqual([]);
    const categories = new Set(orders.flatMap((o) => o.items.map((i) => i.category)));
    for (const category of [
      'oil_change',
      'tyres',
      'brakes',
      'battery',
      'inspection',
      'wash',
      'other',
    ] as const) {
      expect(categories.has(category), category).toBe(true);
    }
    expect(orders.some((o) => o.items.some((i) => i.description.includes('年检')))).toBe(true);
  });

  it('has a declined recommendation on about 1 in 4 orders', () => {
    const withDeclined = orders.filter((o) => o.declined.length > 0).length / orders.length;
    expect(withDeclined).toBeGreaterThan(0.18);
    expect(withDeclined).toBeLessThan(0.32);
  });

  it('has the known demo car owner as customer #0', () => {
    const customer = data.customers[0]!;
    expect(customer.phone).toBe('+8613900000001');
    expect(customer.vehicles.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...customer.vehicles.map((v) => v.orders.length))).toBeGreaterThanOrEqual(4);
    expect(customer.vehicles.some((v) => v.plate.length === 8)).toBe(true);
    expect(data.customers.filter((c) => c.phone === '+8613900000001')).toHaveLength(1);
    // The same sign-in whatever the seed.
    expect(generateDemoData({ seed: 99, customers: 1, now: NOW }).customers[0]?.phone).toBe(
      '+8613900000001',
    );
  });

  it('rejects bad options', () => {
    expect(() => generateDemoData({ seed: 1, customers: -1, now: NOW })).toThrow(RangeError);
    expect(() => generateDemoData({ seed: 1, customers: 1.5, now: NOW })).toThrow(RangeError);
    expect(() => generateDemoData({ seed: 1, customers: 1, now: new Date('nope') })).toThrow(
      RangeError,
    );
  });
});
