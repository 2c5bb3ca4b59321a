import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  cellText,
  decodeCsv,
  defaultMapping,
  fenToYuan,
  formatLocal,
  parseCsv,
  parseDate,
  parseInstant,
  parseYuan,
  resolveMapping,
  safeCell,
  validateRows,
  type ImportKind,
} from './csv.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const TZ = 'Asia/Shanghai';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

function check<K extends ImportKind>(
  kind: K,
  csv: string,
  mapping?: Record<string, string | null>,
) {
  const parsed = parseCsv(csv);
  const resolved = resolveMapping(kind, parsed.headers, mapping);
  return validateRows(kind, parsed, resolved.mapping, { timeZone: TZ });
}

describe('decoding', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeCsv(utf8('姓名,手机\n张三,13800000001\n'))).toEqual({
      text: '姓名,手机\n张三,13800000001\n',
      encoding: 'utf-8',
    });
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('姓名\n张三\n')]);
    expect(decodeCsv(withBom)).toEqual({ text: '姓名\n张三\n', encoding: 'utf-8-bom' });
  });

  it('detects GBK (Excel on Chinese Windows) and converts it', () => {
    // "姓名,手机\r\n张三,13800000001\r\n" in GBK: 姓 D0D5 名 C3FB 手 CAD6 机 BBFA 张 D5C5 三 C8FD
    const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const bytes = new Uint8Array([
      0xd0, 0xd5, 0xc3, 0xfb, ...ascii(','), 0xca, 0xd6, 0xbb, 0xfa, 0x0d, 0x0a,
      0xd5, 0xc5, 0xc8, 0xfd, ...ascii(',13800000001'), 0x0d, 0x0a,
    ]); // prettier-ignore
    const { text, encoding } = decodeCsv(bytes);
    expect(encoding).toBe('gb18030');
    expect(parseCsv(text)).toEqual({
      headers: ['姓名', '手机'],
      rows: [{ row: 2, cells: ['张三', '13800000001'] }],
    });
  });

  it('reads UTF-16 with a BOM', () => {
    const text = 'name\tphone\n李四\t13800000002\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const decoded = decodeCsv(le);
    expect(decoded.encoding).toBe('utf-16le');
    expect(parseCsv(decoded.text).rows[0]!.cells).toEqual(['李四', '13800000002']);
  });

  it('refuses what is not a text CSV', () => {
    expect(thrown(() => decodeCsv(new Uint8Array([]))).code).toBe('IMPORT_FILE_INVALID');
    expect(thrown(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]))).details).toEqual({
      reason: 'xlsx',
    });
    expect(thrown(() => decodeCsv(new Uint8Array([0x61, 0x00, 0x62]))).code).toBe(
      'IMPORT_FILE_INVALID',
    );
    // Neither UTF-8 nor GB18030: a lone 0xFF.
    expect(thrown(() => decodeCsv(new Uint8Array([0x61, 0xff, 0x62]))).code).toBe(
      'IMPORT_ENCODING_UNSUPPORTED',
    );
  });
});

describe('parsing', () => {
  it('handles CRLF, quoted fields with commas, quotes and line breaks, and blank rows', () => {
    const csv =
      'name,phone,notes\r\n"王, 五",13800000003,"说 ""你好""\r\n第二行"\r\n\r\n,,\r\n赵六,13800000004,\r\n';
    const parsed = parseCsv(csv);
    expect(parsed.headers).toEqual(['name', 'phone', 'notes']);
    expect(parsed.rows).toEqual([
      { row: 2, cells: ['王, 五', '13800000003', '说 "你好"\r\n第二行'] },
      // Rows 3 (empty line) and 4 (only commas) are blank and skipped, but still counted.
      { row: 5, cells: ['赵六', '13800000004', ''] },
    ]);
  });

  it('detects semicolon and tab delimiters from the header', () => {
    expect(parseCsv('name;phone\na;1\n').rows[0]!.cells).toEqual(['a', '1']);
    expect(parseCsv('name\tphone\na\t1\n').rows[0]!.cells).toEqual(['a', '1']);
  });

  it('reports an unclosed quote with its line', () => {
    const err = thrown(() => parseCsv('name,phone\n"abc,1\n'));
    expect(err.code).toBe('IMPORT_FILE_INVALID');
    expect(err.details).toMatchObject({ reason: 'syntax' });
  });

  it('refuses a file without a header', () => {
    expect(thrown(() => parseCsv('\n\n')).code).toBe('IMPORT_FILE_INVALID');
  });
});

describe('column mapping', () => {
  it('recognises common Chinese and English headers', () => {
    expect(
      defaultMapping('customers', ['客户编号', '姓名', '手机号码', '性别', '生日', '备注']),
    ).toEqual({
      externalId: '客户编号',
      name: '姓名',
      phone: '手机号码',
      gender: '性别',
      birthday: '生日',
      notes: '备注',
    });
    expect(
      defaultMapping('vehicles', ['Plate No', 'VIN', 'Brand', 'Model', 'Mileage', 'Phone']),
    ).toMatchObject({
      plate: 'Plate No',
      vin: 'VIN',
      make: 'Brand',
      model: 'Model',
      mileageKm: 'Mileage',
      customerPhone: 'Phone',
    });
    expect(
      defaultMapping('service_orders', [
        '工单号',
        '车牌号',
        '门店',
        '开单日期',
        '金额(元)',
        '维修项目',
      ]),
    ).toEqual({
      number: '工单号',
      plate: '车牌号',
      storeCode: '门店',
      openedAt: '开单日期',
      amount: '金额(元)',
      items: '维修项目',
    });
    expect(defaultMapping('service_orders', ['金额（分）'])).toEqual({ totalFen: '金额（分）' });
  });

  // The headers of common DMS exports (one column at a time, so each alias is checked alone).
  const DMS_HEADERS: [ImportKind, string, string][] = [
    ['service_orders', '进厂日期', 'openedAt'],
    ['service_orders', '进厂时间', 'openedAt'],
    ['service_orders', '结算日期', 'closedAt'],
    ['service_orders', '结算时间', 'closedAt'],
    ['service_orders', '工单号', 'number'],
    ['service_orders', '客户编号', 'customerExternalId'],
    ['service_orders', '车牌号码', 'plate'],
    ['service_orders', '车牌号', 'plate'],
    ['service_orders', '行驶里程', 'mileageKm'],
    ['service_orders', '进厂里程', 'mileageKm'],
    ['service_orders', '维修类别', 'category'],
    ['service_orders', '金额', 'amount'],
    ['service_orders', '结算金额', 'amount'],
    ['service_orders', '工单金额', 'amount'],
    ['service_orders', '维修项目', 'items'],
    ['service_orders', '项目名称', 'items'],
    ['service_orders', '客户名称', 'customerName'],
    ['service_orders', '车主', 'customerName'],
    ['service_orders', '联系电话', 'customerPhone'],
    ['service_orders', '手机号', 'customerPhone'],
    ['service_orders', 'VIN', 'vin'],
    ['service_orders', '车架号', 'vin'],
    ['customers', '客户编号', 'externalId'],
    ['customers', '客户名称', 'name'],
    ['customers', '车主', 'name'],
    ['customers', '联系电话', 'phone'],
    ['customers', '手机号', 'phone'],
    ['vehicles', '客户编号', 'customerExternalId'],
    ['vehicles', '联系电话', 'customerPhone'],
    ['vehicles', '手机号', 'customerPhone'],
    ['vehicles', '车牌号码', 'plate'],
    ['vehicles', '车牌号', 'plate'],
    ['vehicles', 'VIN', 'vin'],
    ['vehicles', '车架号', 'vin'],
    ['vehicles', '品牌', 'make'],
    ['vehicles', '车型', 'model'],
    ['vehicles', '行驶里程', 'mileageKm'],
    ['vehicles', '进厂里程', 'mileageKm'],
  ];
  it.each(DMS_HEADERS)('recognises the DMS header of %s “%s” as %s', (kind, header, field) => {
    expect(defaultMapping(kind, [header])).toEqual({ [field]: header });
  });

  it('maps a whole DMS service-history header row, which has no store column', () => {
    const headers = ['工单号', '客户编号', '客户名称', '联系电话', '车牌号码', 'VIN', '品牌', '车型', '进厂日期', '结算日期', '进厂里程', '维修类别', '维修项目', '结算金额']; // prettier-ignore
    const { mapping } = resolveMapping('service_orders', headers, undefined);
    expect(mapping).toEqual({
      number: '工单号',
      customerExternalId: '客户编号',
      customerName: '客户名称',
      customerPhone: '联系电话',
      plate: '车牌号码',
      vin: 'VIN',
      openedAt: '进厂日期',
      closedAt: '结算日期',
      mileageKm: '进厂里程',
      category: '维修类别',
      items: '维修项目',
      amount: '结算金额',
    });
  });

  it('takes the client’s choices over the defaults', () => {
    const { mapping, columns } = resolveMapping('customers', ['客户', '联系方式', '手机'], {
      phone: '联系方式',
    });
    expect(mapping).toMatchObject({ name: '客户', phone: '联系方式' });
    expect(columns).toMatchObject({ name: 0, phone: 1 });
  });

  it('refuses a missing required column before reading rows, naming the field', () => {
    const err = thrown(() => resolveMapping('customers', ['姓名', '性别'], undefined));
    expect(err.code).toBe('IMPORT_COLUMN_MISSING');
    expect(err.status).toBe(400);
    expect(err.field).toBe('phone');
    expect(err.messageFor('zh-CN')).toContain('手机号');
    // Unmapping a recognised column makes it missing too.
    expect(thrown(() => resolveMapping('customers', ['姓名', '手机'], { phone: null })).field).toBe(
      'phone',
    );
    // For cars, an owner column of either kind is enough.
    expect(thrown(() => resolveMapping('vehicles', ['车牌号'], undefined)).details).toMatchObject({
      fields: ['customerExternalId', 'customerPhone'],
    });
  });

  it('refuses a mapping to a header the file lacks, or to an unknown field', () => {
    expect(
      thrown(() => resolveMapping('customers', ['姓名', '手机'], { phone: '电话' })).code,
    ).toBe('IMPORT_MAPPING_INVALID');
    expect(
      thrown(() => resolveMapping('customers', ['姓名', '手机'], { shoe: '姓名' })).field,
    ).toBe('mapping.shoe');
  });
});

describe('values', () => {
  it('reads dates as people write them', () => {
    expect(parseDate('2024-03-05')).toBe('2024-03-05');
    expect(parseDate('2024/3/5')).toBe('2024-03-05');
    expect(parseDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseDate('20240305')).toBe('2024-03-05');
    expect(parseDate('2024/3/5 0:00:00')).toBe('2024-03-05');
    expect(() => parseDate('2024-02-30')).toThrow();
    expect(() => parseDate('05/03/2024')).toThrow();
  });

  it('reads local times in the tenant’s timezone and ISO instants as given', () => {
    expect(parseInstant('2024-03-05 14:30', TZ).toISOString()).toBe('2024-03-05T06:30:00.000Z');
    expect(parseInstant('2024/3/5', TZ).toISOString()).toBe('2024-03-04T16:00:00.000Z');
    expect(parseInstant('2024-03-05T14:30:00Z', TZ).toISOString()).toBe('2024-03-05T14:30:00.000Z');
    expect(parseInstant('2024-03-05T14:30:00+02:00', TZ).toISOString()).toBe(
      '2024-03-05T12:30:00.000Z',
    );
    expect(formatLocal(new Date('2024-03-05T06:30:00Z'), TZ)).toBe('2024-03-05 14:30:00');
    expect(parseInstant('2024-07-01 09:00', 'Europe/Berlin').toISOString()).toBe(
      '2024-07-01T07:00:00.000Z',
    );
  });

  it('reads yuan exactly and refuses negative amounts', () => {
    expect(parseYuan('1280.50')).toBe(128050);
    expect(parseYuan('¥1,280.5')).toBe(128050);
    expect(parseYuan('0.07')).toBe(7);
    expect(parseYuan('300')).toBe(30000);
    expect(parseYuan('300.00元')).toBe(30000);
    expect(fenToYuan(128050)).toBe('1280.50');
    expect(() => parseYuan('-5')).toThrow();
    expect(() => parseYuan('12.345')).toThrow();
  });

  it('guards formula-like cells on export and unguards them on import', () => {
    expect(safeCell('=1+1')).toBe("'=1+1");
    expect(safeCell('+85291234567')).toBe("'+85291234567");
    expect(cellText("'=1+1")).toBe('=1+1');
    expect(cellText("'plain")).toBe("'plain");
  });
});

describe('rows', () => {
  it('validates customers with the API’s rules and reports row and column', () => {
    const result = check(
      'customers',
      [
        '外部编号,姓名,手机,性别,生日,标签',
        'C1,张三,138 0000 0001,男,1990-01-02,VIP|车队',
        'C2,李四,12345,女,,',
        'C3,,13800000003,,,',
        'C4,王五,13800000004,F,,a;b；c',
      ].join('\n'),
    );
    expect(result.valid.map((r) => r.row)).toEqual([2, 4, 5]);
    expect(result.valid[0]!.values).toMatchObject({
      externalId: 'C1',
      name: '张三',
      phone: '+8613800000001',
      gender: 'male',
      birthday: '1990-01-02',
      tags: ['VIP', '车队'],
    });
    // A name may be empty here: it is required only for a new customer (the service checks).
    expect(result.valid[1]!.values).toMatchObject({ externalId: 'C3', name: null });
    expect(result.valid[2]!.values.tags).toEqual(['a', 'b', 'c']);
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '手机', 'PHONE_INVALID'],
    ]);
    const bad = check('customers', '姓名,手机,性别,生日\n甲,13800000009,人妖,1990-13-01\n');
    expect(bad.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, '性别', 'IMPORT_VALUE_INVALID'],
      [2, '生日', 'IMPORT_DATE_INVALID'],
    ]);
    expect(bad.errorRows).toEqual(new Set([2]));
  });

  it('marks the later of two rows with the same external id or phone', () => {
    const result = check(
      'customers',
      'id,name,phone\nA,甲,13800000001\nB,乙,13800000002\nA,丙,13800000003\nC,丁,+86 138-0000-0002\n',
    );
    expect(result.valid.map((r) => r.row)).toEqual([2, 3]);
    expect(result.errors.map((e) => [e.row, e.column, e.code, e.message['zh-CN']])).toEqual([
      [4, 'id', 'IMPORT_DUPLICATE_ROW', '与第 2 行重复（外部编号相同）'],
      [5, 'phone', 'IMPORT_DUPLICATE_ROW', '与第 3 行重复（手机号相同）'],
    ]);
  });

  it('validates cars: plate, VIN check digit, year, mileage and an owner', () => {
    const result = check(
      'vehicles',
      [
        '客户手机号,车牌号,车架号,年款,里程,燃料类型',
        '13800000001,粤AD12345,LSVAU218XN2183294,2022,"12,345",纯电',
        '13800000001,粤A1234,,2022,,',
        '13800000001,,LSVAU2180N2183294,1800,-5,',
        ',粤B12345,,,,',
        '13800000001,,,,,',
      ].join('\n'),
    );
    expect(result.valid.map((r) => r.row)).toEqual([2]);
    expect(result.valid[0]!.values).toMatchObject({
      customerPhone: '+8613800000001',
      plate: '粤AD12345',
      vin: 'LSVAU218XN2183294',
      year: 2022,
      mileageKm: 12345,
      fuelType: 'electric',
    });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '车牌号', 'VEHICLE_PLATE_INVALID'],
      [4, '车架号', 'VEHICLE_VIN_CHECK_DIGIT'],
      [4, '年款', 'IMPORT_NUMBER_INVALID'],
      [4, '里程', 'IMPORT_VALUE_NEGATIVE'],
      [5, '客户手机号', 'IMPORT_VALUE_REQUIRED'],
      [6, '车牌号', 'IMPORT_VALUE_REQUIRED'],
    ]);
    expect(result.errors[1]!.message['zh-CN']).toBe('车架号第 9 位校验码错误，应为 X');
  });

  it('validates service history: times, status, amount and the car', () => {
    const result = check(
      'service_orders',
      [
        '工单号,车牌号,门店,开单时间,结束时间,状态,金额,项目',
        'W1,粤A12345,S01,2024-03-05 09:00,2024-03-05 17:00,,"1,280.00",更换机油机滤',
        'W2,粤A12345,S01,2024-03-06 09:00,2024-03-05 09:00,已取消,-1,',
        'W3,,S01,2024-03-07,,进行中,0,',
        'W1,粤A12345,S01,2024-03-08,,,,',
      ].join('\n'),
    );
    expect(result.valid.map((r) => r.row)).toEqual([2]);
    expect(result.valid[0]!.values).toMatchObject({
      number: 'W1',
      status: 'closed',
      totalFen: 128000,
      items: '更换机油机滤',
    });
    expect(result.valid[0]!.values.openedAt.toISOString()).toBe('2024-03-05T01:00:00.000Z');
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '金额', 'IMPORT_VALUE_NEGATIVE'],
      [3, '结束时间', 'IMPORT_DATE_INVALID'],
      [4, '车牌号', 'IMPORT_VALUE_REQUIRED'],
      [5, '工单号', 'IMPORT_DUPLICATE_ROW'],
    ]);
  });

  it('needs a store per row only when the import gives none for all rows', () => {
    const csv = ['工单号,车牌号,进厂日期', 'W1,粤A12345,2024/3/5'].join('\r\n');
    const parsed = parseCsv(csv);
    const { mapping } = resolveMapping('service_orders', parsed.headers, undefined);
    const asked = validateRows('service_orders', parsed, mapping, { timeZone: TZ });
    expect(asked.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, 'storeCode', 'IMPORT_VALUE_REQUIRED'],
    ]);
    const given = validateRows('service_orders', parsed, mapping, {
      timeZone: TZ,
      defaultStore: true,
    });
    expect(given.errors).toEqual([]);
    expect(given.valid[0]!.values.storeCode).toBeUndefined();
    expect(given.valid[0]!.values.openedAt.toISOString()).toBe('2024-03-04T16:00:00.000Z');
  });

  it.each([
    ['保养', 'oil_change'],
    ['常规保养', 'oil_change'],
    ['轮胎', 'tyres'],
    ['刹车', 'brakes'],
    ['电瓶', 'battery'],
    ['蓄电池', 'battery'],
    ['年检', 'inspection'],
    ['检测', 'inspection'],
    ['洗车', 'wash'],
    ['美容', 'wash'],
    ['钣金喷漆', 'other'],
    ['tyres', 'tyres'],
  ])('reads the DMS category “%s” as %s', (word, category) => {
    const result = check(
      'service_orders',
      ['工单号,车牌号,门店,进厂日期,维修类别', `W1,粤A12345,S01,2024-03-05,${word}`].join('\n'),
    );
    expect(result.errors).toEqual([]);
    // Without a work column the category's own word describes the work.
    expect(result.valid[0]!.values).toMatchObject({ category, items: word });
  });

  it('reads the customer a service row names, and refuses a bad phone', () => {
    const result = check(
      'service_orders',
      [
        '工单号,车牌号,门店,进厂日期,客户编号,联系电话,车主',
        'W1,粤A12345,S01,2024-03-05,C001,13800000001,张三',
        'W2,粤A12345,S01,2024-03-06,C001,123,张三',
      ].join('\n'),
    );
    expect(result.valid[0]!.values).toMatchObject({
      customerExternalId: 'C001',
      customerPhone: '+8613800000001',
      customerName: '张三',
    });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, '联系电话', 'PHONE_INVALID'],
    ]);
  });

  it('keeps 100,000 rows fast', () => {
    const lines = ['外部编号,姓名,手机'];
    for (let i = 0; i < 100_000; i++) lines.push(`C${i},客户${i},139${String(i).padStart(8, '0')}`);
    const started = performance.now();
    const result = check('customers', lines.join('\n'));
    expect(result.valid).toHaveLength(100_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
