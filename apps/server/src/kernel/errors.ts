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
