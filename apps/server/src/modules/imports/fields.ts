// The fields each kind of file may carry, the header spellings recognised for them (DMS exports'
// Chinese headers among them), and a file's headers turned into a column mapping. Pure.
import { AppError } from '../../kernel/errors.ts';

export const KINDS = ['customers', 'vehicles', 'service_orders'] as const;
export type ImportKind = (typeof KINDS)[number];

type Messages = { 'zh-CN': string; en: string };

// ---------------------------------------------------------------------------------------------
// Fields and column mapping

interface FieldSpec {
  field: string;
  label: Messages;
  /** Header spellings recognised by default, compared after `headerKey`. */
  aliases: string[];
}

const f = (field: string, zh: string, en: string, aliases: string[]): FieldSpec => ({
  field,
  label: { 'zh-CN': zh, en },
  aliases: [field, zh, ...aliases],
});

const PHONE_ALIASES = ['mobile', 'phonenumber', 'tel', '手机', '手机号码', '电话', '联系电话', '电话号码', '联系方式']; // prettier-ignore
const PLATE = f('plate', '车牌号', 'Plate', ['licenseplate', 'platenumber', 'plateno', '车牌', '车牌号码']); // prettier-ignore
const VIN = f('vin', '车架号', 'VIN', ['vinno', 'vin码', '车辆识别代号', '车辆识别码', '车架号码', '底盘号']); // prettier-ignore
const MILEAGE = f('mileageKm', '里程', 'Mileage (km)', ['mileage', 'odometer', 'km', '里程数', '公里数', '行驶里程', '当前里程', '进厂里程', '里程(km)', '里程(公里)']); // prettier-ignore

export const FIELDS: Record<ImportKind, FieldSpec[]> = {
  customers: [
    f('externalId', '外部编号', 'External ID', ['id', '编号', '客户编号', '客户id', '客户代码', '会员编号', '外部id']), // prettier-ignore
    f('name', '姓名', 'Name', [
      '客户姓名',
      '客户名称',
      '名字',
      '车主姓名',
      '车主',
      '联系人',
      '客户',
    ]),
    f('phone', '手机号', 'Phone', PHONE_ALIASES),
    f('gender', '性别', 'Gender', ['sex']),
    f('birthday', '生日', 'Birthday', ['birthdate', 'dateofbirth', '出生日期']),
    f('tags', '标签', 'Tags', ['tag', '客户标签']),
    f('source', '来源', 'Source', ['客户来源', '渠道']),
    f('homeStoreCode', '所属门店', 'Home store', ['homestore', 'store', 'storecode', '门店', '门店编码', '门店代码', '归属门店']), // prettier-ignore
    f('notes', '备注', 'Notes', ['note', 'remark', 'remarks', 'comment']),
  ],
  vehicles: [
    f('externalId', '外部编号', 'External ID', ['id', '编号', '车辆编号', '车辆id', '车辆外部编号', '外部id']), // prettier-ignore
    f('customerExternalId', '客户外部编号', 'Customer external ID', ['customerid', '客户编号', '客户id', '车主编号']), // prettier-ignore
    f('customerPhone', '客户手机号', 'Customer phone', ['phone', '手机号', '客户手机', '车主手机', '车主手机号', ...PHONE_ALIASES]), // prettier-ignore
    PLATE,
    VIN,
    f('make', '品牌', 'Make', ['brand', '厂牌', '车辆品牌']),
    f('model', '车型', 'Model', ['车系', '型号', '车辆型号']),
    f('year', '年款', 'Year', ['modelyear', '年份', '车型年款']),
    f('fuelType', '燃料类型', 'Fuel type', ['fuel', '燃料', '能源类型', '动力类型']),
    f('registrationDate', '注册日期', 'Registration date', ['上牌日期', '初登日期', '初次登记日期', '登记日期']), // prettier-ignore
    f('insuranceExpiry', '保险到期', 'Insurance expiry', ['保险到期日', '保险到期日期', '交强险到期', '保险到期时间']), // prettier-ignore
    f('nextInspectionDate', '下次年检', 'Next inspection', ['年检日期', '年检到期', '下次年检日期', '年检到期日']), // prettier-ignore
    MILEAGE,
  ],
  service_orders: [
    f('externalId', '外部编号', 'External ID', ['id', '工单id', '工单外部编号', '外部id']),
    f('number', '工单号', 'Number', ['ordernumber', 'orderno', 'no', '工单编号', '单号', '维修单号', '委托书号']), // prettier-ignore
    f('vehicleExternalId', '车辆外部编号', 'Vehicle external ID', ['vehicleid', '车辆编号', '车辆id']), // prettier-ignore
    PLATE,
    VIN,
    f('customerExternalId', '客户编号', 'Customer number', ['customerid', '客户外部编号', '客户id', '车主编号', '会员编号']), // prettier-ignore
    f('customerPhone', '联系电话', 'Customer phone', ['phone', '手机号', '客户手机号', '车主手机', '车主电话', ...PHONE_ALIASES]), // prettier-ignore
    f('customerName', '客户名称', 'Customer name', ['customername', '客户姓名', '车主', '车主姓名', '客户', '姓名']), // prettier-ignore
    f('storeCode', '门店编码', 'Store code', ['store', '门店', '门店代码', '维修门店', '服务门店', '门店名称', '维修厂']), // prettier-ignore
    f('openedAt', '开单时间', 'Opened at', ['date', 'opened', '进厂日期', '进厂时间', '开单日期', '进店日期', '进店时间', '服务日期', '维修日期', '日期', '接车日期', '接车时间']), // prettier-ignore
    f('closedAt', '结束时间', 'Closed at', ['closed', '结算日期', '结算时间', '完工时间', '完工日期', '出厂时间', '出厂日期', '结束日期']), // prettier-ignore
    MILEAGE,
    f('category', '维修类别', 'Category', ['category', '维修类型', '业务类别', '业务类型', '服务类别', '项目类别']), // prettier-ignore
    f('status', '状态', 'Status', ['工单状态']),
    f('totalFen', '金额(分)', 'Total (fen)', ['total']),
    f('amount', '金额(元)', 'Amount (yuan)', ['amountyuan', '金额', '结算金额', '总金额', '工单金额', '实收金额', '应收金额', '费用', '合计']), // prettier-ignore
    f('items', '服务项目', 'Items', ['description', '项目', '维修项目', '项目名称', '维修内容', '服务内容', '内容', '工作内容']), // prettier-ignore
  ],
};

/**
 * Columns a file must have, as groups: one column of each group is enough (a car's owner by
 * external id or by phone). A service history's store is not among them: a file without a store
 * column is asked for one store for all its rows (see `createImport`).
 */
export const REQUIRED: Record<ImportKind, string[][]> = {
  customers: [['name'], ['phone']],
  vehicles: [
    ['customerExternalId', 'customerPhone'],
    ['externalId', 'plate', 'vin'],
  ],
  service_orders: [['externalId', 'number'], ['vehicleExternalId', 'plate', 'vin'], ['openedAt']],
};

/** Header comparison key: width-folded, lower-case, without spaces, underscores, dashes, stars. */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*:.]/g, '');
}
const stripNotes = (key: string) => key.replace(/\([^)]*\)/g, '');

export function fieldLabel(kind: ImportKind, field: string, locale: 'zh-CN' | 'en'): string {
  return FIELDS[kind].find((s) => s.field === field)?.label[locale] ?? field;
}

/** The default mapping: each field → the first header that spells it (exactly, then loosely). */
export function defaultMapping(kind: ImportKind, headers: string[]): Record<string, string> {
  const keys = headers.map(headerKey);
  const out: Record<string, string> = {};
  const taken = new Set<number>();
  for (const pass of [(k: string) => k, stripNotes]) {
    for (const spec of FIELDS[kind]) {
      if (out[spec.field] !== undefined) continue;
      const aliases = new Set(spec.aliases.map((a) => pass(headerKey(a))));
      const index = keys.findIndex((k, i) => !taken.has(i) && k !== '' && aliases.has(pass(k)));
      if (index >= 0) {
        out[spec.field] = headers[index]!;
        taken.add(index);
      }
    }
  }
  return out;
}

export type Mapping = Record<string, string>;
/** Field → index of its column. */
export type ColumnIndex = Record<string, number>;

/**
 * The mapping to use: the client's choices (field → header, or null/'' to leave a field out)
 * over the default one. Throws IMPORT_MAPPING_INVALID for an unknown field or header and
 * IMPORT_COLUMN_MISSING for a required column, before any row is read.
 */
export function resolveMapping(
  kind: ImportKind,
  headers: string[],
  given: Record<string, string | null> | undefined,
): { mapping: Mapping; columns: ColumnIndex } {
  const known = new Set(FIELDS[kind].map((s) => s.field));
  const mapping: Mapping = { ...defaultMapping(kind, headers) };
  for (const [field, header] of Object.entries(given ?? {})) {
    if (!known.has(field))
      throw new AppError('IMPORT_MAPPING_INVALID', {
        field: `mapping.${field}`,
        details: { reason: 'unknown_field', fields: [...known] },
        message: {
          'zh-CN': `列对应关系有误：没有字段 ${field}`,
          en: `The column mapping names an unknown field: ${field}`,
        },
      });
    if (header === null || header === '') {
      delete mapping[field];
      continue;
    }
    if (!headers.includes(header))
      throw new AppError('IMPORT_MAPPING_INVALID', {
        field: `mapping.${field}`,
        details: { reason: 'unknown_header', header, headers },
        message: {
          'zh-CN': `列对应关系有误：文件中没有“${header}”这一列`,
          en: `The column mapping names a column the file does not have: ${header}`,
        },
      });
    mapping[field] = header;
  }
  for (const group of REQUIRED[kind]) {
    if (group.some((field) => mapping[field] !== undefined)) continue;
    const zh = group.map((g) => fieldLabel(kind, g, 'zh-CN')).join('”或“');
    const en = group.map((g) => fieldLabel(kind, g, 'en')).join('” or “');
    throw new AppError('IMPORT_COLUMN_MISSING', {
      field: group[0]!,
      details: { fields: group, headers },
      message: {
        'zh-CN': `文件缺少必需的列：“${zh}”`,
        en: `The file lacks a required column: “${en}”`,
      },
    });
  }
  const columns: ColumnIndex = {};
  for (const [field, header] of Object.entries(mapping)) columns[field] = headers.indexOf(header);
  return { mapping, columns };
}
