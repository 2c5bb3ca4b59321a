/**
 * Deterministic demo data: a three-store car-service chain in 广州 with staff, customers, their
 * cars and three years of service history. Pure: the output depends only on the options.
 *
 * Sign-ins worth printing:
 * - owner `owner@demo.liuke.dev` / +8613800000001; staff[i] has phone +86138000000(i+1), the four
 *   advisors are staff[1..4] (+8613800000002 … +8613800000005);
 * - car owner +8613900000001 (customer #0) with two cars and a full service history.
 */

import { createRandom } from '../../kernel/random.ts';
import type { Random } from '../../kernel/random.ts';
import { makeVin } from '../../kernel/vin.ts';

export type StaffRole = 'owner' | 'manager' | 'advisor' | 'technician' | 'partner';
export type ServiceCategory =
  'oil_change' | 'tyres' | 'brakes' | 'battery' | 'inspection' | 'wash' | 'other';
export type FuelType = 'petrol' | 'diesel' | 'hybrid' | 'electric' | 'other';
export interface DemoStore {
  code: string;
  name: string;
  address: string;
  phone: string /*E.164 or landline string*/;
}
export interface DemoStaff {
  name: string;
  role: StaffRole;
  phone: string /*E.164*/;
  email: string | null;
  storeCodes: string[];
}
export interface DemoOrderItem {
  kind: 'labour' | 'part';
  category: ServiceCategory;
  description: string /*zh-CN*/;
  partNumber: string | null;
  quantity: number /*integer*/;
  unitPriceFen: number /*integer*/;
}
export interface DemoOrder {
  number: string /*unique, e.g. "GZ01-20240315-0007"*/;
  storeCode: string;
  advisorIndex: number /*index into staff, an advisor of that store*/;
  status: 'closed' | 'paid' | 'completed' | 'open' | 'cancelled';
  mileageKm: number;
  openedAt: Date;
  closedAt: Date | null;
  items: DemoOrderItem[];
  declined: { category: ServiceCategory; description: string }[];
}
export interface DemoOdometer {
  readAt: Date;
  mileageKm: number;
  source: 'order' | 'owner';
}
export interface DemoVehicle {
  plate: string;
  vin: string;
  make: string;
  model: string;
  year: number;
  fuelType: FuelType;
  registrationDate: string /*YYYY-MM-DD*/;
  orders: DemoOrder[];
  odometer: DemoOdometer[];
}
export interface DemoCustomer {
  name: string;
  phone: string /*E.164, unique*/;
  gender: 'male' | 'female' | 'unknown';
  birthday: string | null;
  tags: string[];
  source: 'walk_in' | 'referral' | 'import' | 'campaign' | 'app';
  homeStoreCode: string;
  createdAt: Date;
  vehicles: DemoVehicle[];
}
export interface DemoData {
  tenant: { slug: 'demo'; name: string; timezone: 'Asia/Shanghai' };
  stores: DemoStore[];
  staff: DemoStaff[];
  customers: DemoCustomer[];
}

export interface DemoDataOptions {
  seed: number;
  customers: number;
  now: Date;
}

/** Phone of customer #0, the demo car owner. */
export const DEMO_CUSTOMER_PHONE = '+8613900000001';
export const DEMO_OWNER_EMAIL = 'owner@demo.liuke.dev';
export const DEMO_OWNER_PHONE = '+8613800000001';

// ---------------------------------------------------------------------------------------------
// Time: the tenant is in Asia/Shanghai (UTC+8, no daylight saving). A "day" is a local calendar
// day numbered from 1970-01-01.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TZ_OFFSET = 8 * HOUR;
const HISTORY_DAYS = 3 * 365 + 1;
const RECENT_MS = 7 * DAY;

const localDay = (ms: number): number => Math.floor((ms + TZ_OFFSET) / DAY);
const dayStart = (day: number): number => day * DAY - TZ_OFFSET;
/** Calendar date of a day number (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civil(day: number): { y: number; m: number; d: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));
const dayToYmd = (day: number): string => {
  const { y, m, d } = civil(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
};
const dayYear = (day: number): number => civil(day).y;
const dayMonth = (day: number): number => civil(day).m;
/** The day of the n-th anniversary of `day` (29 Feb rolls to 1 Mar). */
const anniversary = (day: number, years: number): number => {
  const { y, m, d } = civil(day);
  return Date.UTC(y + years, m - 1, d) / DAY;
};

const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));

// ---------------------------------------------------------------------------------------------
// Fixed parts: tenant, stores, staff.

const CHAIN_NAME = '安途汽车服务';

// prettier-ignore
const STORES: readonly DemoStore[] = [
  { code: 'GZ01', name: `${CHAIN_NAME}·天河店`, address: '广州市天河区天河北路 233 号', phone: '020-38881001' },
  { code: 'GZ02', name: `${CHAIN_NAME}·海珠店`, address: '广州市海珠区新港中路 397 号', phone: '020-84221002' },
  { code: 'GZ03', name: `${CHAIN_NAME}·番禺店`, address: '广州市番禺区市桥街光明北路 128 号', phone: '020-34881003' },
];

/** staff[i].phone is +86138000000(i+1): owner first, then the four advisors. */
// prettier-ignore
const STAFF: ReadonlyArray<Omit<DemoStaff, 'phone'>> = [
  { name: '陈国华', role: 'owner', email: DEMO_OWNER_EMAIL, storeCodes: ['GZ01', 'GZ02', 'GZ03'] },
  { name: '李晓雯', role: 'advisor', email: null, storeCodes: ['GZ01'] },
  { name: '黄俊杰', role: 'advisor', email: null, storeCodes: ['GZ01'] },
  { name: '梁嘉欣', role: 'advisor', email: null, storeCodes: ['GZ02'] },
  { name: '何志远', role: 'advisor', email: null, storeCodes: ['GZ03'] },
  { name: '林建明', role: 'manager', email: 'manager1@demo.liuke.dev', storeCodes: ['GZ01'] },
  { name: '吴丽娟', role: 'manager', email: 'manager2@demo.liuke.dev', storeCodes: ['GZ02', 'GZ03'] },
  { name: '罗永强', role: 'technician', email: null, storeCodes: ['GZ01'] },
  { name: '郑海涛', role: 'technician', email: null, storeCodes: ['GZ02', 'GZ03'] },
  { name: '周美玲', role: 'partner', email: null, storeCodes: [] },
];

const staffPhone = (index: number): string => `+86138${String(index + 1).padStart(8, '0')}`;

// ---------------------------------------------------------------------------------------------
// Names. Surname weights lean towards Guangdong (陈 李 黄 张 梁 林 …) over the national order.

// prettier-ignore
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['陈', 9], ['李', 7.5], ['黄', 6], ['张', 6], ['王', 5.5], ['刘', 5], ['梁', 4], ['林', 4],
  ['吴', 3.5], ['杨', 3], ['何', 3], ['罗', 3], ['郑', 2.8], ['周', 2.5], ['谢', 2.3], ['赵', 2],
  ['邓', 2], ['叶', 2], ['冯', 1.8], ['曾', 1.8], ['徐', 1.6], ['孙', 1.5], ['朱', 1.5], ['胡', 1.5],
  ['卢', 1.4], ['苏', 1.3], ['郭', 1.3], ['马', 1.2], ['蔡', 1.2], ['钟', 1.2], ['许', 1], ['潘', 1],
  ['彭', 1], ['高', 1], ['余', 1], ['谭', 1], ['唐', 0.9], ['邱', 0.8], ['莫', 0.7], ['方', 0.7],
  ['区', 0.6], ['麦', 0.6], ['关', 0.6], ['韩', 0.6], ['欧阳', 0.3], ['司徒', 0.15],
];

const MALE_CHARS = Array.from(
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海东峰晨亮成荣锋振家嘉子豪铭耀康锦泽煜智坤永德炜晖',
);
const FEMALE_CHARS = Array.from(
  '芳娜敏静丽艳娟霞秀玲燕婷雪慧琳颖倩洁欣佳怡雯莉萍红梅琴晶妍璐嘉诗思婉晓淑莹韵凤翠珊桂美月薇彤',
);

function givenName(r: Random, gender: DemoCustomer['gender']): string {
  const pool =
    gender === 'male'
      ? MALE_CHARS
      : gender === 'female'
        ? FEMALE_CHARS
        : r.chance(0.5)
          ? MALE_CHARS
          : FEMALE_CHARS;
  const first = r.pick(pool);
  if (r.chance(0.25)) return first;
  let second = r.pick(pool);
  while (second === first) second = r.pick(pool);
  return first + second;
}

// prettier-ignore
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '147', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181',
  '182', '183', '184', '185', '186', '187', '188', '189', '198', '199',
];

// ---------------------------------------------------------------------------------------------
// Cars. VINs start with the manufacturer's WMI; `since` is the first model year with that WMI
// in China for the model.

interface ModelSpec {
  make: string;
  model: string;
  wmi: string;
  /** Vehicle descriptor sections (VIN positions 4–8). */
  vds: readonly string[];
  fuels: ReadonlyArray<readonly [FuelType, number]>;
  /** Hybrids of this model are plug-in (green F plate) rather than self-charging (blue plate). */
  plugIn: boolean;
  /** First model year of the hybrid version, when later than `since`. */
  hybridSince?: number;
  since: number;
  weight: number;
  /** Price tier: 1 compact, 2 mid-size / premium. */
  tier: 1 | 2;
  oilLitres: number;
  oilGrade: string;
  oilFilter: string;
  airFilter: string;
  cabinFilter: string;
  brakePads: string;
  tyreSize: string;
}

// prettier-ignore
const MODELS: readonly ModelSpec[] = [
  {
    make: '上汽大众', model: '朗逸', wmi: 'LSV', vds: ['AM418', 'AB218'], fuels: [['petrol', 1]], plugIn: false,
    since: 2008, weight: 9, tier: 1, oilLitres: 4, oilGrade: '5W-30', oilFilter: '04E115561H',
    airFilter: '04E129620C', cabinFilter: '5QD819653', brakePads: '5QD698151', tyreSize: '205/55 R16',
  },
  {
    make: '上汽大众', model: '帕萨特', wmi: 'LSV', vds: ['AE636', 'AT636'], fuels: [['petrol', 1]], plugIn: false,
    since: 2011, weight: 5, tier: 2, oilLitres: 5, oilGrade: '5W-30', oilFilter: '06L115562B',
    airFilter: '3Q0129620B', cabinFilter: '3QD819653', brakePads: '3QD698151', tyreSize: '235/45 R18',
  },
  {
    make: '一汽-大众', model: '速腾', wmi: 'LFV', vds: ['2A21K', '2B21K'], fuels: [['petrol', 1]], plugIn: false,
    since: 2006, weight: 6, tier: 1, oilLitres: 4, oilGrade: '5W-30', oilFilter: '04E115561H',
    airFilter: '5QD129620', cabinFilter: '5QD819653A', brakePads: '5QD698151B', tyreSize: '205/55 R16',
  },
  {
    make: '一汽-大众', model: '迈腾', wmi: 'LFV', vds: ['3A23C', '3B23C'], fuels: [['petrol', 1]], plugIn: false,
    since: 2007, weight: 5, tier: 2, oilLitres: 5, oilGrade: '5W-30', oilFilter: '06L115562B',
    airFilter: '3QD129620', cabinFilter: '3QD819653A', brakePads: '3QD698151A', tyreSize: '235/45 R18',
  },
  {
    make: '一汽丰田', model: '卡罗拉', wmi: 'LTV', vds: ['BR3HE', 'BW3HE'], fuels: [['petrol', 7], ['hybrid', 3]],
    plugIn: false, hybridSince: 2019, since: 2007,
    weight: 9, tier: 1, oilLitres: 4, oilGrade: '0W-20', oilFilter: '90915-YZZN1',
    airFilter: '17801-0T030', cabinFilter: '87139-0D150', brakePads: '04465-02220', tyreSize: '205/55 R16',
  },
  {
    make: '一汽丰田', model: 'RAV4荣放', wmi: 'LTV', vds: ['BA3FV', 'BK3FV'], fuels: [['petrol', 6], ['hybrid', 4]],
    plugIn: false, hybridSince: 2019, since: 2009,
    weight: 5, tier: 2, oilLitres: 4, oilGrade: '0W-20', oilFilter: '04152-YZZA6',
    airFilter: '17801-F0050', cabinFilter: '87139-0R010', brakePads: '04465-42180', tyreSize: '225/60 R18',
  },
  {
    make: '广汽本田', model: '雅阁', wmi: 'LHG', vds: ['CV165', 'CV365'], fuels: [['petrol', 65], ['hybrid', 35]],
    plugIn: false, hybridSince: 2016, since: 2008,
    weight: 10, tier: 2, oilLitres: 4, oilGrade: '0W-20', oilFilter: '15400-RTA-003',
    airFilter: '17220-6A0-A00', cabinFilter: '80292-TBA-A11', brakePads: '45022-TVA-A00', tyreSize: '235/45 R18',
  },
  {
    // 思域 (Civic) is built by 东风本田 (WMI LVH), not 广汽本田, whose compact saloon is 凌派.
    make: '广汽本田', model: '凌派', wmi: 'LHG', vds: ['GM545', 'GM645'], fuels: [['petrol', 8], ['hybrid', 2]],
    plugIn: false, hybridSince: 2019, since: 2013,
    weight: 6, tier: 1, oilLitres: 4, oilGrade: '0W-20', oilFilter: '15400-RTA-003',
    airFilter: '17220-5R0-008', cabinFilter: '80292-T5A-J01', brakePads: '45022-T5A-J01', tyreSize: '205/55 R16',
  },
  {
    make: '东风日产', model: '轩逸', wmi: 'LGB', vds: ['H52E0', 'F5AE0'], fuels: [['petrol', 92], ['hybrid', 8]],
    plugIn: false, hybridSince: 2022, since: 2006,
    weight: 14, tier: 1, oilLitres: 4, oilGrade: '0W-20', oilFilter: '15208-65F0E',
    airFilter: '16546-3RA0A', cabinFilter: '27277-4M400', brakePads: 'D1060-3RA0A', tyreSize: '205/55 R16',
  },
  {
    make: '东风日产', model: '天籁', wmi: 'LGB', vds: ['G8DE1', 'J8DE1'], fuels: [['petrol', 1]], plugIn: false,
    since: 2008, weight: 4, tier: 2, oilLitres: 5, oilGrade: '0W-20', oilFilter: '15208-9E01A',
    airFilter: '16546-6CA0A', cabinFilter: '27277-6CA0A', brakePads: 'D1060-6CA0A', tyreSize: '235/45 R18',
  },
  {
    make: '特斯拉', model: 'Model 3', wmi: 'LRW', vds: ['3E7EA', '3E7FB'], fuels: [['electric', 1]], plugIn: false,
    since: 2020, weight: 5, tier: 2, oilLitres: 0, oilGrade: '', oilFilter: '', airFilter: '',
    cabinFilter: '1107681-00-A', brakePads: '1044671-00-C', tyreSize: '235/45 R18',
  },
  {
    make: '特斯拉', model: 'Model Y', wmi: 'LRW', vds: ['YGCEK', 'YGCFK'], fuels: [['electric', 1]], plugIn: false,
    since: 2021, weight: 6, tier: 2, oilLitres: 0, oilGrade: '', oilFilter: '', airFilter: '',
    cabinFilter: '1494212-00-A', brakePads: '1188330-00-A', tyreSize: '255/45 R19',
  },
  {
    make: '比亚迪', model: '汉', wmi: 'LGX', vds: ['CH4C3', 'CH4D3'], fuels: [['electric', 6], ['hybrid', 4]],
    plugIn: true, since: 2020,
    weight: 4, tier: 2, oilLitres: 4, oilGrade: '0W-20', oilFilter: 'BYD476ZQA-1012010',
    airFilter: 'BYD476ZQA-1109110', cabinFilter: 'EKEA-8107111', brakePads: 'EKEA-3501080', tyreSize: '245/45 R19',
  },
  {
    make: '比亚迪', model: '秦PLUS', wmi: 'LGX', vds: ['C74L2', 'C76L2'], fuels: [['electric', 45], ['hybrid', 55]],
    plugIn: true, since: 2021,
    weight: 7, tier: 1, oilLitres: 4, oilGrade: '0W-20', oilFilter: 'BYD472QA-1012010',
    airFilter: 'BYD472QA-1109110', cabinFilter: 'SC2E-8107111', brakePads: 'SC2E-3501080', tyreSize: '215/55 R17',
  },
  {
    make: '吉利', model: '帝豪', wmi: 'LB3', vds: ['7SE1D', '7SE2D'], fuels: [['petrol', 1]], plugIn: false,
    since: 2009, weight: 4, tier: 1, oilLitres: 4, oilGrade: '5W-30', oilFilter: '1136000118',
    airFilter: '1066001062', cabinFilter: '1067002100', brakePads: '4050032200', tyreSize: '205/55 R16',
  },
  {
    make: '吉利', model: '星越L', wmi: 'LB3', vds: ['7KK2D', '7KK3D'], fuels: [['petrol', 85], ['hybrid', 15]],
    plugIn: false, hybridSince: 2023, since: 2021,
    weight: 3, tier: 2, oilLitres: 5, oilGrade: '0W-20', oilFilter: '2034009300',
    airFilter: '2034010600', cabinFilter: '2034011300', brakePads: '2034012500', tyreSize: '245/45 R20',
  },
];

const OILS: ReadonlyArray<
  readonly [{ name: string; code: string; minYuan: number; maxYuan: number }, number]
> = [
  [{ name: '美孚1号 全合成机油', code: 'MOBIL1', minYuan: 90, maxYuan: 110 }, 3],
  [{ name: '壳牌超凡喜力 全合成机油', code: 'SHELL-HX8', minYuan: 60, maxYuan: 80 }, 3],
  [{ name: '嘉实多极护 全合成机油', code: 'CASTROL-EDGE', minYuan: 80, maxYuan: 100 }, 2],
  [{ name: '原厂全合成机油', code: 'OEM', minYuan: 65, maxYuan: 90 }, 3],
];

const TYRE_BRANDS: ReadonlyArray<readonly [{ name: string; code: string }, number]> = [
  [{ name: '米其林 浩悦4', code: 'MICHELIN-PRIMACY4' }, 4],
  [{ name: '普利司通 泰然者', code: 'BRIDGESTONE-T005' }, 3],
  [{ name: '马牌 UC7', code: 'CONTINENTAL-UC7' }, 3],
  [{ name: '固特异 御乘', code: 'GOODYEAR-ASSURANCE' }, 2],
  [{ name: '倍耐力 新P7', code: 'PIRELLI-CINTURATO-P7' }, 1],
  [{ name: '佳通 Comfort', code: 'GITI-COMFORT-228' }, 2],
];

/** Plate regions of customers of a 广州 chain: mostly 粤A, some elsewhere in 广东 and beyond. */
// prettier-ignore
const PLATE_REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['粤A', 80], ['粤E', 4], ['粤B', 3], ['粤S', 2], ['粤T', 1], ['粤R', 1],
  ['湘A', 1.5], ['湘L', 1], ['桂A', 1], ['赣A', 1], ['川A', 1], ['鄂A', 1], ['豫A', 0.8],
  ['闽D', 0.7], ['黑A', 0.3], ['苏E', 0.4], ['浙A', 0.4],
];
const SERIAL_LETTERS = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ');

// ---------------------------------------------------------------------------------------------
// Generator context.

interface Context {
  r: Random;
  now: number;
  nowDay: number;
  historyStartDay: number;
  phones: Set<string>;
  plates: Set<string>;
  vins: Set<string>;
  advisorsByStore: Map<string, number[]>;
}

function uniqueMobile(ctx: Context): string {
  for (;;) {
    const prefix = ctx.r.pick(MOBILE_PREFIXES);
    const phone = `+86${prefix}${String(ctx.r.int(0, 99_999_999)).padStart(8, '0')}`;
    if (phone.startsWith('+861380000') || phone.startsWith('+861390000')) continue; // reserved for the demo
    if (!ctx.phones.has(phone)) {
      ctx.phones.add(phone);
      return phone;
    }
  }
}

function uniquePlate(
  ctx: Context,
  kind: 'fuel' | 'electric' | 'plug_in',
  fixedRegion?: string,
): string {
  const r = ctx.r;
  const region = fixedRegion ?? r.weighted(PLATE_REGIONS);
  for (;;) {
    let serial: string;
    if (kind === 'fuel') {
      const letters = r.weighted<number>([
        [0, 55],
        [1, 35],
        [2, 10],
      ]);
      const chars = Array.from({ length: 5 }, () => String(r.int(0, 9)));
      for (let placed = 0; placed < letters;) {
        const at = r.int(0, 4);
        if (!/\d/u.test(chars[at] as string)) continue;
        chars[at] = r.pick(SERIAL_LETTERS);
        placed++;
      }
      serial = chars.join('');
    } else {
      const second = r.chance(0.7) ? String(r.int(0, 9)) : r.pick(SERIAL_LETTERS);
      serial = `${kind === 'electric' ? 'D' : 'F'}${second}${String(r.int(0, 9999)).padStart(4, '0')}`;
    }
    const plate = region + serial;
    if (!ctx.plates.has(plate)) {
      ctx.plates.add(plate);
      return plate;
    }
  }
}

function uniqueVin(ctx: Context, spec: ModelSpec, year: number): string {
  for (;;) {
    const vin = makeVin(spec.wmi + ctx.r.pick(spec.vds), ctx.r, { year });
    if (!ctx.vins.has(vin)) {
      ctx.vins.add(vin);
      return vin;
    }
  }
}

/** Whole yuan between min and max in steps of `step` yuan, as fen. */
function yuan(r: Random, min: number, max: number, step = 10): number {
  return r.int(Math.ceil(min / step), Math.floor(max / step)) * step * 100;
}

const labour = (
  category: ServiceCategory,
  description: string,
  unitPriceFen: number,
  quantity = 1,
): DemoOrderItem => ({
  kind: 'labour',
  category,
  description,
  partNumber: null,
  quantity,
  unitPriceFen,
});

const part = (
  category: ServiceCategory,
  description: string,
  partNumber: string,
  quantity: number,
  unitPriceFen: number,
): DemoOrderItem => ({ kind: 'part', category, description, partNumber, quantity, unitPriceFen });

// ---------------------------------------------------------------------------------------------
// Vehicle history.

interface ServiceState {
  oilKm: number;
  oilDay: number;
  airKm: number;
  cabinKm: number;
  cabinDay: number;
  sparkKm: number;
  sparkLife: number;
  rotationKm: number;
  tyresKm: number;
  tyreLife: number;
  padsKm: number;
  padsLife: number;
  fluidDay: number;
  batteryDay: number;
  batteryLife: number;
  inspectedUntil: number;
}

interface Visit {
  items: DemoOrderItem[];
  declined: { category: ServiceCategory; description: string }[];
  /** Work time in minutes. */
  minutes: number;
  /** Apply the work to the car's state (not done for cancelled orders). */
  commit: () => void;
}

/** Anniversaries at which a private car goes on the inspection line (6th, 10th, then yearly). */
const INSPECTION_YEARS = (age: number): boolean => age === 6 || age >= 10;

function planVisit(
  r: Random,
  spec: ModelSpec,
  fuel: FuelType,
  regDay: number,
  state: ServiceState,
  km: number,
  day: number,
  first: boolean,
): Visit {
  const items: DemoOrderItem[] = [];
  const declined: { category: ServiceCategory; description: string }[] = [];
  const updates: Array<() => void> = [];
  let minutes = r.int(30, 60);
  const electric = fuel === 'electric';
  const tier2 = spec.tier === 2;

  if (electric) {
    items.push(labour('inspection', '三电系统检测（动力电池/电机/电控）', yuan(r, 100, 200)));
    minutes += 30;
  } else if (first || km - state.oilKm >= 3500 || day - state.oilDay >= 120) {
    const oil = r.weighted(OILS);
    const grade = spec.oilGrade;
    items.push(
      part(
        'oil_change',
        `${oil.name} ${grade}`,
        `${oil.code}-${grade.replace('-', '')}-1L`,
        spec.oilLitres,
        yuan(r, oil.minYuan, oil.maxYuan, 1),
      ),
      part(
        'oil_change',
        '机油滤清器',
        spec.oilFilter,
        1,
        tier2 ? yuan(r, 45, 80, 5) : yuan(r, 35, 70, 5),
      ),
      labour('oil_change', '更换机油机滤', tier2 ? yuan(r, 80, 120) : yuan(r, 60, 100)),
    );
    updates.push(() => {
      state.oilKm = km;
      state.oilDay = day;
    });
  }

  if (!electric && km - state.airKm >= 18_000 && r.chance(0.9)) {
    items.push(part('other', '空气滤清器', spec.airFilter, 1, yuan(r, 60, 150, 5)));
    updates.push(() => {
      state.airKm = km;
    });
  }
  if ((km - state.cabinKm >= 18_000 || day - state.cabinDay >= 330) && r.chance(0.85)) {
    items.push(part('other', '空调滤清器（活性炭）', spec.cabinFilter, 1, yuan(r, 60, 160, 5)));
    updates.push(() => {
      state.cabinKm = km;
      state.cabinDay = day;
    });
  }
  if (!electric && km - state.sparkKm >= state.sparkLife) {
    if (r.chance(0.7)) {
      items.push(
        part('other', '火花塞（铱金）', 'NGK-ILKAR7L11', 4, yuan(r, 60, 120, 5)),
        labour('other', '更换火花塞', yuan(r, 100, 200)),
      );
      minutes += 30;
      updates.push(() => {
        state.sparkKm = km;
      });
    } else {
      declined.push({ category: 'other', description: '火花塞已到更换里程，建议更换' });
    }
  }

  // Tyres: replace when worn, otherwise rotate every ~10,000 km.
  const tyreWear = km - state.tyresKm;
  if (tyreWear >= state.tyreLife) {
    if (tyreWear >= state.tyreLife + 12_000 || r.chance(0.7)) {
      const brand = r.weighted(TYRE_BRANDS);
      const count = r.chance(0.7) ? 4 : 2;
      items.push(
        part(
          'tyres',
          `${brand.name} ${spec.tyreSize} 轮胎`,
          `${brand.code}-${spec.tyreSize.replace(/[^\d]/gu, '')}`,
          count,
          tier2 ? yuan(r, 800, 1400) : yuan(r, 450, 750),
        ),
        labour('tyres', '轮胎拆装及动平衡', yuan(r, 30, 50, 5), count),
      );
      if (r.chance(0.6)) items.push(labour('tyres', '四轮定位', yuan(r, 150, 300)));
      minutes += 60;
      updates.push(() => {
        state.tyresKm = km;
        state.rotationKm = km;
        state.tyreLife = r.int(electric ? 35_000 : 45_000, electric ? 50_000 : 60_000);
      });
    } else {
      declined.push({
        category: 'tyres',
        description: '轮胎花纹深度约 2mm，接近磨损标记，建议更换',
      });
    }
  } else if (km - state.rotationKm >= 9_000 && r.chance(0.6)) {
    items.push(labour('tyres', '轮胎换位', yuan(r, 50, 100)));
    updates.push(() => {
      state.rotationKm = km;
    });
  }

  if (km - state.padsKm >= state.padsLife) {
    if (km - state.padsKm >= state.padsLife + 10_000 || r.chance(0.7)) {
      items.push(
        part(
          'brakes',
          '前刹车片',
          spec.brakePads,
          1,
          tier2 ? yuan(r, 450, 800) : yuan(r, 300, 500),
        ),
        labour('brakes', '更换前刹车片', yuan(r, 100, 180)),
      );
      minutes += 45;
      updates.push(() => {
        state.padsKm = km;
        state.padsLife = r.int(electric ? 70_000 : 35_000, electric ? 100_000 : 50_000);
      });
    } else {
      declined.push({ category: 'brakes', description: '前刹车片剩余约 3mm，建议更换' });
    }
  }

  if (day - state.fluidDay >= 700) {
    if (r.chance(0.55)) {
      items.push(
        part('brakes', '刹车油 DOT4 1L', 'BOSCH-DOT4-1L', 1, yuan(r, 60, 120, 5)),
        labour('brakes', '更换刹车油', yuan(r, 100, 160)),
      );
      minutes += 30;
      updates.push(() => {
        state.fluidDay = day;
      });
    } else if (r.chance(0.5)) {
      declined.push({ category: 'brakes', description: '刹车油含水量偏高，建议更换' });
    }
  }

  if (day - state.batteryDay >= state.batteryLife) {
    if (day - state.batteryDay >= state.batteryLife + 400 || r.chance(0.45)) {
      const [description, partNumber, min, max]: readonly [string, string, number, number] =
        electric
          ? ['12V 辅助蓄电池', 'VARTA-AGM-L1-12V', 600, 1000]
          : tier2
            ? ['蓄电池 70Ah（AGM）', 'VARTA-AGM-H6-70', 800, 1300]
            : ['蓄电池 60Ah', 'VARTA-L2-400', 450, 750];
      items.push(
        part('battery', description, partNumber, 1, yuan(r, min, max)),
        labour('battery', '更换蓄电池', yuan(r, 30, 60, 5)),
      );
      updates.push(() => {
        state.batteryDay = day;
        state.batteryLife = r.int(3 * 365, 5 * 365);
      });
    } else if (r.chance(0.5)) {
      declined.push({ category: 'battery', description: '蓄电池检测健康度偏低，建议更换' });
    }
  }

  // 年检: private cars go on the test line in their 6th and 10th year and yearly after that;
  // the shop offers to take the car (代办) when the registration anniversary is near.
  let age = Math.max(1, dayYear(day) - dayYear(regDay));
  while (anniversary(regDay, age) < day) age++;
  const due = anniversary(regDay, age);
  if (INSPECTION_YEARS(age) && due - day <= 90 && due > state.inspectedUntil && r.chance(0.7)) {
    items.push(labour('inspection', '代办年检（含上线检测）', yuan(r, 250, 400)));
    minutes += 180;
    updates.push(() => {
      state.inspectedUntil = due;
    });
  }

  if (r.chance(0.45)) items.push(labour('wash', '精致洗车', yuan(r, 35, 60, 5)));
  if (r.chance(0.08)) {
    items.push(labour('wash', '内饰深度清洁', yuan(r, 180, 380)));
    minutes += 90;
  }
  if (r.chance(0.08)) items.push(labour('other', '空调系统清洗（除菌除味）', yuan(r, 150, 280)));
  if (!electric && r.chance(0.05)) items.push(labour('other', '节气门清洗', yuan(r, 100, 180)));
  if (r.chance(0.1))
    items.push(part('other', '雨刮片（一对）', 'BOSCH-AEROTWIN-2419', 1, yuan(r, 80, 160)));
  if (r.chance(0.15))
    items.push(part('other', '玻璃水 2L', 'GLASS-WASH-2L', r.int(1, 2), yuan(r, 10, 20, 1)));

  // Upsells that were proposed and turned down.
  if (declined.length === 0 && r.chance(0.12)) {
    const upsells: ReadonlyArray<{ category: ServiceCategory; description: string }> = electric
      ? [
          { category: 'other', description: '空调系统清洗（除菌除味）' },
          { category: 'tyres', description: '四轮定位' },
          { category: 'other', description: '底盘检查及防锈处理' },
        ]
      : [
          { category: 'other', description: '发动机积碳清洗' },
          { category: 'other', description: '燃油系统清洗' },
          { category: 'other', description: '空调系统清洗（除菌除味）' },
          { category: 'tyres', description: '四轮定位' },
          { category: 'other', description: '变速箱油更换' },
        ];
    declined.push(r.pick(upsells));
  }

  if (items.length === 0) items.push(labour('wash', '精致洗车', yuan(r, 35, 60, 5)));

  return {
    items,
    declined,
    minutes,
    commit: () => {
      for (const update of updates) update();
    },
  };
}

interface VehiclePlan {
  spec: ModelSpec;
  fuel: FuelType;
  regDay: number;
  firstVisitDay: number;
  homeStoreCode: string;
  /** Province and city letter of the plate, e.g. '粤A'; drawn from PLATE_REGIONS when omitted. */
  plateRegion?: string;
}

/** A model on sale in the registration year and one of its fuel types; new-energy cars grow from 2022. */
function pickModel(r: Random, regYear: number): { spec: ModelSpec; fuel: FuelType } {
  const boostNev = regYear >= 2022;
  const spec = r.weighted(
    MODELS.map(
      (m) =>
        [
          m,
          m.since > regYear
            ? 0
            : m.weight * (boostNev && (m.wmi === 'LRW' || m.wmi === 'LGX') ? 2 : 1),
        ] as const,
    ),
  );
  const fuel = r.weighted(
    spec.fuels.map(
      ([f, weight]) =>
        [f, f === 'hybrid' && (spec.hybridSince ?? 0) > regYear ? 0 : weight] as const,
    ),
  );
  return { spec, fuel };
}

function buildVehicle(ctx: Context, plan: VehiclePlan, pending: DemoOrder[]): DemoVehicle {
  const { r, now } = ctx;
  const { spec, fuel, regDay, firstVisitDay } = plan;

  const regYear = dayYear(regDay);
  const regMonth = dayMonth(regDay);
  let year = regYear;
  if (regMonth <= 2 && r.chance(0.3)) year = regYear - 1;
  else if (regMonth >= 9 && r.chance(0.25)) year = regYear + 1;
  year = clamp(year, spec.since, regYear + 1);

  const plateKind =
    fuel === 'electric' ? 'electric' : fuel === 'hybrid' && spec.plugIn ? 'plug_in' : 'fuel';
  const plate = uniquePlate(ctx, plateKind, plan.plateRegion);
  const vin = uniqueVin(ctx, spec, year);

  // Distance: a per-car daily average (25–45 km) with variation between readings.
  const rate = clamp(r.normal(35, 5.5), 25, 45);
  const firstOpen = dayStart(firstVisitDay) + r.int(8 * 60 + 30, 16 * 60 + 30) * MINUTE;
  let km = Math.round(
    r.int(5, 40) + (firstVisitDay - regDay) * rate * clamp(r.normal(1, 0.08), 0.8, 1.2),
  );
  let cursor = firstOpen;
  const advance = (to: number): number => {
    const days = (to - cursor) / DAY;
    km += Math.round(days * rate * clamp(r.normal(1, 0.1), 0.75, 1.3));
    cursor = to;
    return km;
  };

  const electric = fuel === 'electric';
  const tyreLife = r.int(electric ? 35_000 : 45_000, electric ? 50_000 : 60_000);
  const padsLife = r.int(electric ? 70_000 : 35_000, electric ? 100_000 : 50_000);
  const batteryLife = r.int(3 * 365, 5 * 365);
  const sparkLife = r.int(40_000, 60_000);
  const tyresKm = Math.max(0, km - r.int(0, tyreLife - 1_000));
  const state: ServiceState = {
    oilKm: Math.max(0, km - r.int(3_000, 9_000)),
    oilDay: Math.max(regDay, firstVisitDay - r.int(90, 300)),
    airKm: Math.max(0, km - r.int(0, 18_000)),
    cabinKm: Math.max(0, km - r.int(0, 18_000)),
    cabinDay: Math.max(regDay, firstVisitDay - r.int(0, 330)),
    sparkKm: Math.max(0, km - r.int(0, sparkLife)),
    sparkLife,
    rotationKm: Math.max(tyresKm, km - r.int(0, 9_000)),
    tyresKm,
    tyreLife,
    padsKm: Math.max(0, km - r.int(0, padsLife - 1_000)),
    padsLife,
    fluidDay: Math.max(regDay, firstVisitDay - r.int(0, 700)),
    batteryDay: Math.max(regDay, firstVisitDay - r.int(0, batteryLife - 30)),
    batteryLife,
    inspectedUntil: regDay,
  };

  // Visit times: every 4–9 months from the first visit, all opened before `now`.
  const openTimes: number[] = [];
  for (let day = firstVisitDay, open = firstOpen; open < now - 30 * MINUTE;) {
    openTimes.push(open);
    day += r.int(120, 270);
    open = dayStart(day) + r.int(8 * 60 + 30, 16 * 60 + 30) * MINUTE;
  }

  const orders: DemoOrder[] = [];
  const odometer: DemoOdometer[] = [];
  const ownerReading = (fromDay: number, toDay: number): void => {
    const day = r.int(fromDay, toDay);
    const at = dayStart(day) + r.int(19 * 60, 22 * 60 + 59) * MINUTE;
    odometer.push({ readAt: new Date(at), mileageKm: advance(at), source: 'owner' });
  };

  openTimes.forEach((open, index) => {
    if (index > 0) {
      const previousDay = localDay(openTimes[index - 1] as number);
      const day = localDay(open);
      if (day - previousDay >= 30 && r.chance(0.12)) ownerReading(previousDay + 10, day - 10);
    }
    const mileageKm = index === 0 ? km : advance(open);
    odometer.push({ readAt: new Date(open), mileageKm, source: 'order' });

    const visit = planVisit(r, spec, fuel, regDay, state, mileageKm, localDay(open), index === 0);
    const last = index === openTimes.length - 1;
    const recent = now - open < RECENT_MS;
    let status: DemoOrder['status'];
    let closedAt: Date | null = null;
    const workDone = open + visit.minutes * MINUTE + r.int(0, 60) * MINUTE;
    if (last && recent) {
      status = r.weighted<DemoOrder['status']>([
        ['open', 40],
        ['completed', 30],
        ['paid', 15],
        ['closed', 15],
      ]);
      if (status === 'closed') {
        if (workDone < now) closedAt = new Date(workDone);
        else status = 'open';
      }
    } else if (r.chance(0.03)) {
      status = 'cancelled';
      closedAt = new Date(open + r.int(10, 60) * MINUTE);
    } else {
      status = 'closed';
      closedAt = new Date(workDone);
    }
    if (status !== 'cancelled') visit.commit();

    const order: DemoOrder = {
      number: '',
      storeCode: r.chance(0.85) ? plan.homeStoreCode : r.pick(STORES).code,
      advisorIndex: 0,
      status,
      mileageKm,
      openedAt: new Date(open),
      closedAt,
      items: visit.items,
      declined: status === 'cancelled' ? [] : visit.declined,
    };
    order.advisorIndex = r.pick(ctx.advisorsByStore.get(order.storeCode) ?? [1]);
    orders.push(order);
    pending.push(order);
  });

  const lastDay = localDay(openTimes[openTimes.length - 1] ?? firstOpen);
  if (ctx.nowDay - lastDay >= 30 && r.chance(0.25)) ownerReading(lastDay + 10, ctx.nowDay - 1);

  return {
    plate,
    vin,
    make: spec.make,
    model: spec.model,
    year,
    fuelType: fuel,
    registrationDate: dayToYmd(regDay),
    orders,
    odometer,
  };
}

// ---------------------------------------------------------------------------------------------
// Customers.

const CAR_AGE_AT_FIRST_VISIT: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[30, 365], 15],
  [[365, 3 * 365], 25],
  [[3 * 365, 6 * 365], 28],
  [[6 * 365, 10 * 365], 22],
  [[10 * 365, 13 * 365], 10],
];

interface CustomerOverrides {
  name: string;
  gender: DemoCustomer['gender'];
  birthday: string;
  phone: string;
  source: DemoCustomer['source'];
  homeStoreCode: string;
  tags: string[];
  vehicles: VehiclePlan[];
}

function ownedCarPlan(ctx: Context, firstVisitDay: number, homeStoreCode: string): VehiclePlan {
  const r = ctx.r;
  const [minAge, maxAge] = r.weighted(CAR_AGE_AT_FIRST_VISIT);
  const regDay = firstVisitDay - r.int(minAge, maxAge);
  return { ...pickModel(r, dayYear(regDay)), regDay, firstVisitDay, homeStoreCode };
}

function customerPlan(ctx: Context): Omit<CustomerOverrides, 'tags'> & { tags: string[] } {
  const r = ctx.r;
  const gender = r.weighted<DemoCustomer['gender']>([
    ['male', 62],
    ['female', 33],
    ['unknown', 5],
  ]);
  const name = r.weighted(SURNAMES) + givenName(r, gender);
  const phone = uniqueMobile(ctx);
  let birthday = '';
  if (r.chance(0.75)) {
    const age = Math.round(clamp(r.normal(40, 9), 22, 70));
    const bornDay = ctx.nowDay - age * 365 - r.int(0, 364);
    birthday = dayToYmd(bornDay);
  }
  const source = r.weighted<DemoCustomer['source']>([
    ['walk_in', 45],
    ['import', 25],
    ['referral', 15],
    ['campaign', 8],
    ['app', 7],
  ]);
  const homeStoreCode = r.weighted<string>([
    ['GZ01', 45],
    ['GZ02', 30],
    ['GZ03', 25],
  ]);

  const span = ctx.nowDay - 5 - ctx.historyStartDay;
  const firstVisitDay = r.chance(0.4)
    ? ctx.historyStartDay + r.int(0, 150) // a regular from before the history window
    : ctx.historyStartDay + r.int(0, span);

  const vehicles: VehiclePlan[] = [ownedCarPlan(ctx, firstVisitDay, homeStoreCode)];
  const cars = r.weighted<number>([
    [1, 82],
    [2, 16],
    [3, 2],
  ]);
  for (let i = 1; i < cars; i++) {
    const boughtLater = ctx.nowDay - 5 - firstVisitDay > 60 && r.chance(0.45);
    if (boughtLater) {
      const carFirstVisit = r.int(firstVisitDay + 30, ctx.nowDay - 5);
      const regDay = carFirstVisit - r.int(20, 90);
      vehicles.push({
        ...pickModel(r, dayYear(regDay)),
        regDay,
        firstVisitDay: carFirstVisit,
        homeStoreCode,
      });
    } else {
      vehicles.push(
        ownedCarPlan(ctx, Math.min(firstVisitDay + r.int(0, 20), ctx.nowDay - 5), homeStoreCode),
      );
    }
  }
  return { name, gender, birthday, phone, source, homeStoreCode, tags: [], vehicles };
}

function demoCustomerPlan(ctx: Context): CustomerOverrides {
  const r = ctx.r;
  ctx.phones.add(DEMO_CUSTOMER_PHONE);
  const firstVisitDay = ctx.historyStartDay + 12;
  const accord = MODELS.find((m) => m.model === '雅阁') as ModelSpec;
  const qin = MODELS.find((m) => m.model === '秦PLUS') as ModelSpec;
  const qinReg = ctx.nowDay - 540 - r.int(0, 60);
  return {
    name: '陈志明',
    gender: 'male',
    birthday: '1985-08-16',
    phone: DEMO_CUSTOMER_PHONE,
    source: 'app',
    homeStoreCode: 'GZ01',
    tags: ['储值会员', '车友会'],
    vehicles: [
      {
        spec: accord,
        fuel: 'petrol',
        regDay: firstVisitDay - 2 * 365 - r.int(30, 90),
        firstVisitDay,
        homeStoreCode: 'GZ01',
        plateRegion: '粤A',
      },
      {
        spec: qin,
        fuel: 'electric',
        regDay: qinReg,
        firstVisitDay: qinReg + 45,
        homeStoreCode: 'GZ01',
        plateRegion: '粤A',
      },
    ],
  };
}

function buildCustomer(ctx: Context, index: number, pending: DemoOrder[]): DemoCustomer {
  const r = ctx.r;
  const plan = index === 0 ? demoCustomerPlan(ctx) : customerPlan(ctx);
  const vehicles = plan.vehicles.map((v) => buildVehicle(ctx, v, pending));

  let firstOpen = Number.POSITIVE_INFINITY;
  let spentFen = 0;
  for (const vehicle of vehicles) {
    for (const order of vehicle.orders) {
      firstOpen = Math.min(firstOpen, order.openedAt.getTime());
      if (order.status === 'cancelled') continue;
      for (const item of order.items) spentFen += item.quantity * item.unitPriceFen;
    }
  }
  if (!Number.isFinite(firstOpen)) firstOpen = ctx.now - DAY;
  const createdAt = new Date(firstOpen - r.int(5, 40) * MINUTE);

  const tags = new Set(plan.tags);
  if (spentFen >= 1_000_000) tags.add('VIP');
  if (vehicles.some((v) => v.fuelType === 'electric' || v.plate.length === 8))
    tags.add('新能源车主');
  if (vehicles.length >= 2) tags.add('多车家庭');
  if (index !== 0) {
    if (r.chance(0.1)) tags.add('价格敏感');
    if (r.chance(0.08)) tags.add('车友会');
    if (r.chance(0.12)) tags.add('储值会员');
    if (r.chance(0.03)) tags.add('公司用车');
  }

  return {
    name: plan.name,
    phone: plan.phone,
    gender: plan.gender,
    birthday: plan.birthday === '' ? null : plan.birthday,
    tags: [...tags],
    source: plan.source,
    homeStoreCode: plan.homeStoreCode,
    createdAt,
    vehicles,
  };
}

/** Number orders per store and local day in opening order: "GZ01-20240315-0007". */
function assignOrderNumbers(orders: DemoOrder[]): void {
  const keyed = orders.map((order, index) => ({ order, index, time: order.openedAt.getTime() }));
  keyed.sort((a, b) =>
    a.order.storeCode < b.order.storeCode
      ? -1
      : a.order.storeCode > b.order.storeCode
        ? 1
        : a.time - b.time || a.index - b.index,
  );
  let currentKey = '';
  let sequence = 0;
  for (const { order, time } of keyed) {
    const { y, m, d } = civil(localDay(time));
    const date = `${y}${pad2(m)}${pad2(d)}`;
    const key = `${order.storeCode}-${date}`;
    sequence = key === currentKey ? sequence + 1 : 1;
    currentKey = key;
    order.number = `${key}-${String(sequence).padStart(4, '0')}`;
  }
}

/**
 * Generate the demo tenant. Deterministic: the same `seed` and `now` give deep-equal output.
 * History covers the three years before `now`; nothing is dated after `now`.
 */
export function generateDemoData(opts: DemoDataOptions): DemoData {
  const now = opts.now.getTime();
  if (!Number.isFinite(now)) throw new RangeError('generateDemoData(): invalid `now`');
  if (!Number.isInteger(opts.customers) || opts.customers < 0) {
    throw new RangeError('generateDemoData(): `customers` must be a non-negative integer');
  }

  const advisorsByStore = new Map<string, number[]>();
  STAFF.forEach((member, index) => {
    if (member.role !== 'advisor') return;
    for (const code of member.storeCodes) {
      advisorsByStore.set(code, [...(advisorsByStore.get(code) ?? []), index]);
    }
  });

  const nowDay = localDay(now);
  const ctx: Context = {
    r: createRandom(opts.seed),
    now,
    nowDay,
    historyStartDay: nowDay - HISTORY_DAYS,
    phones: new Set(STAFF.map((_, index) => staffPhone(index))),
    plates: new Set(),
    vins: new Set(),
    advisorsByStore,
  };

  const pending: DemoOrder[] = [];
  const customers: DemoCustomer[] = [];
  for (let i = 0; i < opts.customers; i++) customers.push(buildCustomer(ctx, i, pending));
  assignOrderNumbers(pending);

  return {
    tenant: { slug: 'demo', name: `${CHAIN_NAME}（演示）`, timezone: 'Asia/Shanghai' },
    stores: STORES.map((store) => ({ ...store })),
    staff: STAFF.map((member, index) => ({
      ...member,
      phone: staffPhone(index),
      storeCodes: [...member.storeCodes],
    })),
    customers,
  };
}
