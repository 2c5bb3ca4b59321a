// The one error type of the server. A code is stable (clients and tests match on it), maps to
// one HTTP status, and has a message in each UI language; the log line is kept separate.

type Messages = { 'zh-CN': string; en: string };

interface CodeSpec {
  status: number;
  message: Messages;
}

/** The closed set of error codes. Add a code here, never inline. */
export const ERROR_CODES = {
  VALIDATION_FAILED: {
    status: 400,
    message: { 'zh-CN': '请求内容有误', en: 'The request is not valid' },
  },
  MALFORMED_REQUEST: {
    status: 400,
    message: { 'zh-CN': '请求格式错误', en: 'The request is malformed' },
  },
  PHONE_INVALID: {
    status: 400,
    message: { 'zh-CN': '手机号格式不正确', en: 'The phone number is not valid' },
  },
  VEHICLE_VIN_INVALID: {
    status: 400,
    message: { 'zh-CN': '车架号格式不正确', en: 'The VIN is not valid' },
  },
  VEHICLE_VIN_CHECK_DIGIT: {
    status: 400,
    message: {
      'zh-CN': '车架号第 9 位校验码错误',
      en: 'The VIN check digit (position 9) is wrong',
    },
  },
  VEHICLE_PLATE_INVALID: {
    status: 400,
    message: { 'zh-CN': '车牌号格式不正确', en: 'The plate number is not valid' },
  },
  IMPORT_FILE_MISSING: {
    status: 400,
    message: { 'zh-CN': '请上传一个 CSV 文件', en: 'Upload a CSV file' },
  },
  IMPORT_FILE_INVALID: {
    status: 400,
    message: { 'zh-CN': '文件不是有效的 CSV', en: 'The file is not a valid CSV file' },
  },
  IMPORT_ENCODING_UNSUPPORTED: {
    status: 400,
    message: {
      'zh-CN': '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV',
      en: 'The file’s encoding is not recognised; save it as a UTF-8 or GBK CSV',
    },
  },
  IMPORT_COLUMN_MISSING: {
    status: 400,
    message: { 'zh-CN': '文件缺少必需的列', en: 'The file lacks a required column' },
  },
  IMPORT_MAPPING_INVALID: {
    status: 400,
    message: { 'zh-CN': '列对应关系有误', en: 'The column mapping is not valid' },
  },
  IMPORT_VALUE_REQUIRED: {
    status: 400,
    message: { 'zh-CN': '必填项为空', en: 'A required value is empty' },
  },
  IMPORT_VALUE_INVALID: {
    status: 400,
    message: { 'zh-CN': '取值无法识别', en: 'The value is not one of the accepted ones' },
  },
  IMPORT_VALUE_TOO_LONG: {
    status: 400,
    message: { 'zh-CN': '内容过长', en: 'The value is too long' },
  },
  IMPORT_DATE_INVALID: {
    status: 400,
    message: {
      'zh-CN': '日期格式不正确（应为 YYYY-MM-DD）',
      en: 'The date is not valid (use YYYY-MM-DD)',
    },
  },
  IMPORT_NUMBER_INVALID: {
    status: 400,
    message: { 'zh-CN': '数值格式不正确或超出范围', en: 'The number is not valid or out of range' },
  },
  IMPORT_VALUE_NEGATIVE: {
    status: 400,
    message: { 'zh-CN': '不能为负数', en: 'The value cannot be negative' },
  },
  IMPORT_DUPLICATE_ROW: {
    status: 409,
    message: { 'zh-CN': '与文件中前面的行重复', en: 'Duplicates an earlier row of the file' },
  },
  IMPORT_STORE_UNKNOWN: {
    status: 400,
    message: { 'zh-CN': '门店不存在', en: 'No store has this code' },
  },
  IMPORT_CUSTOMER_UNKNOWN: {
    status: 400,
    message: { 'zh-CN': '找不到对应的客户', en: 'No customer matches' },
  },
  IMPORT_VEHICLE_UNKNOWN: {
    status: 400,
    message: { 'zh-CN': '找不到对应的车辆', en: 'No car matches' },
  },
  IMPORT_NUMBER_TAKEN: {
    status: 409,
    message: {
      'zh-CN': '工单号已被另一张工单使用',
      en: 'Another service order has this number',
    },
  },
  CURSOR_INVALID: {
    status: 400,
    message: { 'zh-CN': '分页游标无效', en: 'The paging cursor is not valid' },
  },
  AUTH_REQUIRED: { status: 401, message: { 'zh-CN': '请先登录', en: 'Please sign in' } },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    message: { 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  },
  API_KEY_INVALID: {
    status: 401,
    message: { 'zh-CN': 'API 密钥无效', en: 'The API key is not valid' },
  },
  OTP_INVALID: { status: 401, message: { 'zh-CN': '验证码错误', en: 'The code is wrong' } },
  CSRF_INVALID: {
    status: 403,
    message: {
      'zh-CN': '页面已过期，请刷新后重试',
      en: 'The page has expired; reload and try again',
    },
  },
  FORBIDDEN: {
    status: 403,
    message: { 'zh-CN': '没有权限执行此操作', en: 'You do not have permission to do this' },
  },
  NOT_FOUND: { status: 404, message: { 'zh-CN': '未找到', en: 'Not found' } },
  METHOD_NOT_ALLOWED: {
    status: 405,
    message: { 'zh-CN': '不支持该请求方法', en: 'Method not allowed' },
  },
  CUSTOMER_PHONE_TAKEN: {
    status: 409,
    message: { 'zh-CN': '该手机号已是客户', en: 'A customer with this phone already exists' },
  },
  VEHICLE_PLATE_TAKEN: {
    status: 409,
    message: { 'zh-CN': '该车牌已登记', en: 'A car with this plate is already registered' },
  },
  VEHICLE_VIN_TAKEN: {
    status: 409,
    message: { 'zh-CN': '该车架号已登记', en: 'A car with this VIN is already registered' },
  },
  STAFF_LOGIN_TAKEN: {
    status: 409,
    message: {
      'zh-CN': '该手机号或邮箱已被员工使用',
      en: 'This phone or e-mail is already used by a staff member',
    },
  },
  TENANT_SLUG_TAKEN: {
    status: 409,
    message: { 'zh-CN': '企业代码已被使用', en: 'This tenant code is taken' },
  },
  SERVICE_ORDER_STATUS_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '工单当前状态不允许此操作',
      en: 'The service order’s status does not allow this',
    },
  },
  SERVICE_ORDER_NOT_OPEN: {
    status: 409,
    message: {
      'zh-CN': '工单已完工或已作废，不能再修改项目',
      en: 'The service order is no longer open; its items cannot change',
    },
  },
  SERVICE_ORDER_EMPTY: {
    status: 422,
    message: {
      'zh-CN': '工单还没有项目，不能完工',
      en: 'The service order has no items and cannot be completed',
    },
  },
  SERVICE_ORDER_VEHICLE_MISMATCH: {
    status: 422,
    message: {
      'zh-CN': '该车辆不属于此客户',
      en: 'This car does not belong to this customer',
    },
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    message: {
      'zh-CN': '收款金额与工单金额不一致',
      en: 'The amount paid does not match the order total',
    },
  },
  CUSTOMER_MERGE_SELF: {
    status: 422,
    message: { 'zh-CN': '不能把客户合并到其自身', en: 'A customer cannot be merged into itself' },
  },
  VEHICLE_TRANSFER_SAME_OWNER: {
    status: 422,
    message: { 'zh-CN': '该车辆已属于此客户', en: 'The car already belongs to this customer' },
  },
  ODOMETER_ROLLBACK: {
    status: 422,
    message: {
      'zh-CN': '里程低于上次记录，请确认是否填写正确',
      en: 'The mileage is below the last reading; check it and confirm',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: {
      'zh-CN': '幂等键已用于另一个请求',
      en: 'This Idempotency-Key was used with a different request',
    },
  },
  OTP_EXPIRED: {
    status: 410,
    message: { 'zh-CN': '验证码已过期，请重新获取', en: 'The code has expired; request a new one' },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    message: { 'zh-CN': '请求内容过大', en: 'The request is too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    message: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  },
  AUTH_LOCKED: {
    status: 429,
    message: {
      'zh-CN': '登录失败次数过多，请稍后再试',
      en: 'Too many failed sign-ins; try again later',
    },
  },
  OTP_RATE_LIMITED: {
    status: 429,
    message: {
      'zh-CN': '验证码发送太频繁，请稍后再试',
      en: 'Codes are requested too often; try again later',
    },
  },
  OTP_TOO_MANY_ATTEMPTS: {
    status: 429,
    message: {
      'zh-CN': '验证码尝试次数过多，请重新获取',
      en: 'Too many wrong codes; request a new one',
    },
  },
  RATE_LIMITED: {
    status: 429,
    message: { 'zh-CN': '请求太频繁，请稍后再试', en: 'Too many requests; try again later' },
  },
  APPOINTMENT_SLOT_INVALID: {
    status: 422,
    message: {
      'zh-CN': '该时间不是门店的可预约时段',
      en: 'This time is not a bookable slot of the store',
    },
  },
  APPOINTMENT_SLOT_PAST: {
    status: 422,
    message: { 'zh-CN': '该时段已过，请选择以后的时间', en: 'This slot is in the past' },
  },
  APPOINTMENT_SLOT_FULL: {
    status: 409,
    message: {
      'zh-CN': '该时段已约满，请选择其他时间',
      en: 'This slot is fully booked; choose another time',
    },
  },
  APPOINTMENT_OVERLAP: {
    status: 409,
    message: {
      'zh-CN': '这辆车在该时间已有预约',
      en: 'This car already has a booking at this time',
    },
  },
  APPOINTMENT_STATUS_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '预约当前状态不允许此操作',
      en: 'The appointment’s status does not allow this',
    },
  },
  APPOINTMENT_STARTED: {
    status: 409,
    message: {
      'zh-CN': '预约时间已到，不能再取消或改期，请联系门店',
      en: 'The appointment has started; contact the store to change it',
    },
  },
  APPOINTMENT_NOT_STARTED: {
    status: 409,
    message: {
      'zh-CN': '预约时间未到，不能标记为未到店',
      en: 'The appointment has not started yet; it cannot be a no-show',
    },
  },
  PRECONDITION_FAILED: {
    status: 412,
    message: {
      'zh-CN': '内容已被他人修改，请刷新后重试',
      en: 'Someone else changed this meanwhile; reload and try again',
    },
  },
  INTERNAL: { status: 500, message: { 'zh-CN': '服务器内部错误', en: 'Internal server error' } },
  NOT_READY: { status: 503, message: { 'zh-CN': '服务尚未就绪', en: 'The service is not ready' } },
} as const satisfies Record<string, CodeSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;
export type Locale = 'zh-CN' | 'en';

export interface AppErrorOptions {
  field?: string;
  details?: Record<string, unknown>;
  /** Overrides the code's default message (already localised per locale). */
  message?: Messages;
  /** Extra headers for the response (e.g. Retry-After). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly messages: Messages;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const spec: CodeSpec = ERROR_CODES[code];
    super(options.message?.en ?? spec.message.en, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.field = options.field;
    this.details = options.details;
    this.headers = options.headers;
    this.messages = options.message ?? spec.message;
  }

  messageFor(locale: Locale): string {
    return this.messages[locale];
  }
}

/** Picks zh-CN or en from an Accept-Language header; zh-CN is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export const notFound = (details?: Record<string, unknown>) =>
  new AppError('NOT_FOUND', details ? { details } : {});
