// The demo price list: the labour, parts and packages of a small shop, parts counted on the shelf
// (one oversold, so the console shows a count below zero) and one store's own labour price.
import type { Ctx } from '../../kernel/context.ts';
import type { CreateCatalogItemInput } from './catalog.schemas.ts';
import { createCatalogItem, setStorePrice } from './catalog.service.ts';

type Demo = Omit<CreateCatalogItemInput, 'components'> & {
  key: string;
  components?: [string, number][];
};

const labour = (
  key: string,
  name: string,
  category: Demo['category'],
  minutes: number,
  yuan: number,
): Demo => ({
  key,
  kind: 'labour',
  name,
  category,
  standardMinutes: minutes,
  priceFen: yuan * 100,
});
const part = (
  key: string,
  name: string,
  category: Demo['category'],
  partNumber: string,
  yuan: number,
  stockQty: number | null,
): Demo => ({ key, kind: 'part', name, category, partNumber, priceFen: yuan * 100, stockQty });

const ITEMS: Demo[] = [
  labour('l-oil', '更换机油机滤工时', 'oil_change', 30, 80),
  labour('l-air', '更换空气滤芯工时', 'oil_change', 10, 20),
  labour('l-cabin', '更换空调滤芯工时', 'other', 15, 30),
  labour('l-plug', '更换火花塞工时', 'other', 45, 120),
  labour('l-pads', '更换前刹车片工时', 'brakes', 60, 150),
  labour('l-fluid', '更换刹车油工时', 'brakes', 45, 120),
  labour('l-align', '四轮定位', 'tyres', 45, 198),
  labour('l-balance', '四轮动平衡', 'tyres', 30, 80),
  labour('l-tyre', '轮胎拆装（每条）', 'tyres', 15, 30),
  labour('l-battery', '蓄电池检测及更换', 'battery', 20, 50),
  labour('l-check', '全车安全检测', 'inspection', 30, 99),
  labour('l-wash', '精致洗车', 'wash', 40, 58),
  part('p-oil', '全合成机油 5W-30 4L', 'oil_change', 'G-052-195-M4', 398, 18),
  part('p-filter', '机油滤芯', 'oil_change', '06L115562B', 68, 25),
  part('p-air', '空气滤芯', 'oil_change', '5Q0129620B', 88, 12),
  part('p-cabin', '空调滤芯', 'other', '5Q0819653', 78, 9),
  part('p-pads', '前刹车片', 'brakes', '5Q0698151B', 420, 4),
  part('p-rear', '后刹车片', 'brakes', '5Q0698451', 360, 2),
  part('p-fluid', '刹车油 DOT4 1L', 'brakes', 'B000750M3', 98, 10),
  part('p-plug', '火花塞', 'other', '101905601F', 65, 16),
  part('p-wiper', '雨刮片（对）', 'other', '5G1955425', 128, 6),
  part('p-battery', '蓄电池 60Ah', 'battery', '6-QW-60', 580, 3),
  part('p-tyre', '轮胎 205/55R16', 'tyres', '205/55R16-P4', 650, 8),
  part('p-weight', '平衡块', 'tyres', 'PB-5G', 2, null),
  part('p-washer', '玻璃水 2L', 'wash', 'BW-2L', 15, 30),
  // Sold off the shelf before anyone counted the delivery: shows red until the next count.
  part('p-fuel', '燃油系统清洗剂', 'other', 'FSC-300', 128, -2),
  {
    key: 'k-small',
    kind: 'package',
    name: '小保养',
    category: 'oil_change',
    priceFen: 46800,
    components: [
      ['p-oil', 1],
      ['p-filter', 1],
      ['l-oil', 1],
    ],
  },
  {
    key: 'k-big',
    kind: 'package',
    name: '大保养',
    category: 'oil_change',
    priceFen: 99800,
    components: [
      ['p-oil', 1],
      ['p-filter', 1],
      ['p-air', 1],
      ['p-cabin', 1],
      ['p-plug', 4],
      ['l-oil', 1],
      ['l-air', 1],
      ['l-cabin', 1],
      ['l-plug', 1],
    ],
  },
  {
    // No price of its own: the sum of its parts.
    key: 'k-align',
    kind: 'package',
    name: '四轮定位+动平衡',
    category: 'tyres',
    components: [
      ['l-align', 1],
      ['l-balance', 1],
      ['p-weight', 8],
    ],
  },
  {
    key: 'k-brakes',
    kind: 'package',
    name: '刹车保养套餐',
    category: 'brakes',
    priceFen: 69900,
    components: [
      ['p-pads', 1],
      ['l-pads', 1],
      ['p-fluid', 1],
      ['l-fluid', 1],
    ],
  },
];

/** Seeds the price list; the second store (else the first) charges less for an oil change. */
export async function seedDemoCatalog(ctx: Ctx, input: { storeIds: readonly string[] }) {
  const ids = new Map<string, string>();
  for (const { key, components, ...item } of ITEMS) {
    const created = await createCatalogItem(ctx, {
      ...item,
      ...(components
        ? { components: components.map(([k, quantity]) => ({ itemId: ids.get(k)!, quantity })) }
        : {}),
    });
    ids.set(key, created.id);
  }
  const store = input.storeIds[1] ?? input.storeIds[0];
  if (store) await setStorePrice(ctx, ids.get('l-oil')!, store, 6000);
  return { items: ids.size, storePrices: store ? 1 : 0 };
}
