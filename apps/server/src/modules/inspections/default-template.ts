// The multi-point check every tenant starts with (多项检查): tyres with tread per wheel, brake pads
// in mm, fluids, battery, lights, wipers, suspension and leaks, with the thresholds that suggest
// green / amber / red and the wear rates that predict when declined work becomes due.
import type { TemplatePoint } from './inspections.tables.ts';

const tread = (key: string, label: string): TemplatePoint => ({
  key,
  section: '轮胎',
  label,
  measurement: 'mm',
  min: 0,
  max: 12,
  amberAt: 3,
  redAt: 1.6,
  wearPerThousandKm: 0.12,
  category: 'tyres',
  why: '花纹深度低于 1.6 毫米时雨天刹车距离明显变长，也不符合法规要求。',
});

const pads = (key: string, label: string): TemplatePoint => ({
  key,
  section: '制动',
  label,
  measurement: 'mm',
  min: 0,
  max: 15,
  amberAt: 4,
  redAt: 2,
  wearPerThousandKm: 0.25,
  category: 'brakes',
  why: '刹车片磨到 2 毫米以下会伤到刹车盘，维修费用翻倍，制动力也会下降。',
});

const look = (
  key: string,
  section: string,
  label: string,
  category: TemplatePoint['category'],
  why: string,
): TemplatePoint => ({ key, section, label, measurement: 'none', category, why });

export const DEFAULT_TEMPLATE_NAME = '标准多项检查';

export const DEFAULT_POINTS: TemplatePoint[] = [
  tread('tyre_fl', '左前轮胎花纹'),
  tread('tyre_fr', '右前轮胎花纹'),
  tread('tyre_rl', '左后轮胎花纹'),
  tread('tyre_rr', '右后轮胎花纹'),
  pads('pads_front', '前刹车片'),
  pads('pads_rear', '后刹车片'),
  {
    key: 'brake_fluid',
    section: '油液',
    label: '刹车油含水量',
    measurement: 'percent',
    min: 0,
    max: 10,
    amberAt: 2,
    redAt: 3,
    higherIsWorse: true,
    category: 'brakes',
    why: '刹车油吸水后沸点降低，连续制动时可能失灵。',
  },
  look('engine_oil', '油液', '机油液位与颜色', 'oil_change', '机油不足或变质会加速发动机磨损。'),
  look('coolant', '油液', '冷却液', 'other', '冷却液不足会导致发动机过热。'),
  {
    key: 'battery',
    section: '电瓶',
    label: '电瓶健康度',
    measurement: 'percent',
    min: 0,
    max: 100,
    amberAt: 70,
    redAt: 50,
    category: 'battery',
    why: '健康度低于 50% 时冬天早上可能打不着火。',
  },
  look('lights', '灯光', '前后灯光', 'other', '灯光不亮既危险，也过不了年检。'),
  look('wipers', '雨刮', '雨刮片', 'other', '雨刮刮不干净，雨天视线模糊。'),
  look('suspension', '底盘', '减震与悬挂', 'other', '减震漏油会让车身发飘，轮胎也会偏磨。'),
  look('leaks', '底盘', '底盘渗漏', 'other', '渗漏不处理会损坏部件，甚至引发火情。'),
];
