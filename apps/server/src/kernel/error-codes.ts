// The closed set of error codes: each a stable code (clients and tests match on it), one HTTP
// status and a message in each UI language. Data only; the error type is kernel/errors.ts.

export type Messages = { 'zh-CN': string; en: string };

export interface CodeSpec {
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
  SERVICE_ORDER_REFERENCE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '工单不存在或不属于该客户',
      en: 'No service order of this customer has this id',
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
  DUE_INTERVAL_DUPLICATE: {
    status: 400,
    message: {
      'zh-CN': '同一保养项目和品牌的间隔只能设置一次',
      en: 'An interval is set twice for the same service and make',
    },
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
  MESSAGE_TEMPLATE_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '消息模板不存在', en: 'No such message template' },
  },
  MESSAGE_TEMPLATE_UNKNOWN_VARIABLE: {
    status: 400,
    message: { 'zh-CN': '模板中有未知变量', en: 'The template uses an unknown variable' },
  },
  MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE: {
    status: 400,
    message: {
      'zh-CN': '该模板不能使用此变量（发送时没有这项数据）',
      en: 'This template cannot use that variable (it is not provided when sending)',
    },
  },
  MESSAGE_TEMPLATE_SMS_TOO_LONG: {
    status: 400,
    message: {
      'zh-CN': '短信过长，超过允许的条数',
      en: 'The SMS is longer than the allowed segments',
    },
  },
  MESSAGE_TEMPLATE_SUBJECT_REQUIRED: {
    status: 400,
    message: { 'zh-CN': '邮件模板需要标题', en: 'An e-mail template needs a subject' },
  },
  MESSAGE_CHANNEL_NOT_IN_TEMPLATE: {
    status: 400,
    message: {
      'zh-CN': '该模板没有这个渠道的内容',
      en: 'The template has no text for that channel',
    },
  },
  MESSAGE_DATA_MISSING: {
    status: 400,
    message: { 'zh-CN': '消息缺少模板需要的数据', en: 'The message lacks data its template needs' },
  },
  UNSUBSCRIBE_LINK_INVALID: {
    status: 400,
    message: { 'zh-CN': '退订链接无效', en: 'The unsubscribe link is not valid' },
  },
  APPOINTMENT_OVERLAP: {
    status: 409,
    message: {
      'zh-CN': '这辆车在该时间已有预约',
      en: 'This car already has a booking at this time',
    },
  },
  CONVERSATION_ASSIGNEE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '只能分配给在职的店长、经理或服务顾问',
      en: 'A conversation can only be assigned to an active owner, manager or advisor',
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
  COUPON_EXPIRED: {
    status: 422,
    message: { 'zh-CN': '优惠券已过期', en: 'The coupon has expired' },
  },
  COUPON_NOT_YET_VALID: {
    status: 422,
    message: { 'zh-CN': '优惠券尚未到使用时间', en: 'The coupon is not valid yet' },
  },
  COUPON_MIN_SPEND_NOT_MET: {
    status: 422,
    message: {
      'zh-CN': '未达到优惠券的最低消费金额',
      en: 'The order is below the coupon’s minimum spend',
    },
  },
  COUPON_OUT_OF_SCOPE: {
    status: 422,
    message: {
      'zh-CN': '该优惠券不适用于此门店或项目',
      en: 'The coupon does not apply to this store or these items',
    },
  },
  COUPON_WRONG_CUSTOMER: {
    status: 422,
    message: {
      'zh-CN': '该优惠券不属于此工单的客户',
      en: 'The coupon belongs to another customer than the order’s',
    },
  },
  COUPON_NOT_FOR_ORDERS: {
    status: 422,
    message: {
      'zh-CN': '套餐券不能抵扣工单，请直接核销兑换套餐',
      en: 'A package coupon is not a discount; redeem it to grant the package',
    },
  },
  COUPON_ALREADY_REDEEMED: {
    status: 409,
    message: { 'zh-CN': '优惠券已被使用', en: 'The coupon has already been redeemed' },
  },
  COUPON_VOIDED: {
    status: 409,
    message: { 'zh-CN': '优惠券已作废', en: 'The coupon has been voided' },
  },
  COUPON_NOT_REDEEMED: {
    status: 409,
    message: {
      'zh-CN': '优惠券未用于此工单',
      en: 'The coupon is not redeemed on this order',
    },
  },
  COUPON_ORDER_HAS_COUPON: {
    status: 409,
    message: {
      'zh-CN': '此工单已使用一张优惠券，不可叠加',
      en: 'This order already has a coupon; coupons do not stack',
    },
  },
  COUPON_BUDGET_EXHAUSTED: {
    status: 409,
    message: {
      'zh-CN': '该券模板的发放总量已用完',
      en: 'The coupon template’s total budget is used up',
    },
  },
  COUPON_CUSTOMER_LIMIT: {
    status: 409,
    message: {
      'zh-CN': '该客户已达到此券的领取上限',
      en: 'The customer already holds the most coupons of this template allowed',
    },
  },
  COUPON_TEMPLATE_ARCHIVED: {
    status: 409,
    message: {
      'zh-CN': '券模板已停用，不能再发放',
      en: 'The coupon template is archived; it cannot be issued',
    },
  },
  COUPON_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '券码不存在', en: 'There is no coupon with this code' },
  },
  PARTNER_NOT_LINKED: {
    status: 403,
    message: {
      'zh-CN': '此账号未关联合作商家，请联系商户管理员',
      en: 'This account is not linked to a partner merchant; ask the business to link it',
    },
  },
  PARTNER_SUSPENDED: {
    status: 403,
    message: {
      'zh-CN': '合作已暂停，暂时不能核销或发券',
      en: 'The partnership is suspended; coupons cannot be redeemed or issued for now',
    },
  },
  PARTNER_TEMPLATE_NOT_ISSUABLE: {
    status: 422,
    message: {
      'zh-CN': '只能发放本商家“到店（商户）核销”的券模板',
      en: 'Only your own templates redeemed at the business can be issued here',
    },
  },
  PARTNER_FIELDS_LOCKED: {
    status: 409,
    message: {
      'zh-CN': '券已发放后不能更改合作商家或核销方向',
      en: 'The partner and direction cannot change once coupons are issued',
    },
  },
  MEMBER_CARD_TOKEN_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '会员码已过期，请让客户刷新会员卡',
      en: 'The member card code has expired; ask the customer to refresh the card',
    },
  },
  LEDGER_INSUFFICIENT_BALANCE: {
    status: 422,
    message: { 'zh-CN': '余额不足', en: 'The balance is not enough' },
  },
  LEDGER_ALREADY_REVERSED: {
    status: 409,
    message: { 'zh-CN': '该笔流水已冲正', en: 'This transfer has already been reversed' },
  },
  POINTS_INSUFFICIENT: {
    status: 422,
    message: { 'zh-CN': '可用积分不足', en: 'Not enough points available' },
  },
  STORED_VALUE_INSUFFICIENT: {
    status: 422,
    message: { 'zh-CN': '储值余额不足', en: 'Not enough stored value' },
  },
  STORED_VALUE_CAP_EXCEEDED: {
    status: 422,
    message: {
      'zh-CN': '充值后余额将超过储值卡上限',
      en: 'The top-up would take the card above its limit',
    },
  },
  PACKAGE_NOT_USABLE: {
    status: 409,
    message: {
      'zh-CN': '计次卡已用完或已过期',
      en: 'The service package is used up or has expired',
    },
  },
  CHANNEL_SECRET_REQUIRED: {
    status: 400,
    message: {
      'zh-CN': '该服务商需要填写密钥',
      en: 'This provider needs its secret credential',
    },
  },
  WEBHOOK_URL_INVALID: {
    status: 400,
    message: {
      'zh-CN': 'Webhook 地址须为 http(s) 网址，且不能包含用户名或密码',
      en: 'A webhook URL must be an http(s) URL without a user name or password',
    },
  },
  WEBHOOK_URL_NOT_ALLOWED: {
    status: 422,
    message: {
      'zh-CN': 'Webhook 地址不能指向本机、内网或无法解析的主机',
      en: 'A webhook URL may not point at this machine, a private network or a host that does not resolve',
    },
  },
  WEBHOOK_DISABLED: {
    status: 409,
    message: {
      'zh-CN': '该 Webhook 已停用，请先启用',
      en: 'This webhook is disabled; enable it first',
    },
  },
  SECRET_UNREADABLE: {
    status: 409,
    message: {
      'zh-CN': '保存的密钥无法解密（可能被篡改，或加密密钥已更换），请重新填写',
      en: 'A stored credential cannot be opened (tampered with, or its key is gone); enter it again',
    },
  },
  CHANNEL_NOT_CONFIGURED: {
    status: 409,
    message: {
      'zh-CN': '商家尚未配置该渠道',
      en: 'The business has not set this channel up',
    },
  },
  WECHAT_CODE_INVALID: {
    status: 400,
    message: {
      'zh-CN': '微信授权码无效或已过期',
      en: 'The WeChat authorisation code is not valid or has expired',
    },
  },
  PROVIDER_UNAVAILABLE: {
    status: 503,
    message: {
      'zh-CN': '服务商暂时无法访问，请稍后重试',
      en: 'The provider cannot be reached; try again later',
    },
  },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 403,
    message: {
      'zh-CN': '回调签名校验失败',
      en: 'The callback signature is not valid',
    },
  },
  SEGMENT_FILTER_INVALID: {
    status: 422,
    message: {
      'zh-CN': '分群条件有误：字段、运算符或取值不匹配',
      en: 'The segment filter is not valid: field, operator or value do not match',
    },
  },
  SEGMENT_IN_USE: {
    status: 409,
    message: {
      'zh-CN': '该分群正被营销活动使用，不能删除',
      en: 'A campaign uses this segment; it cannot be deleted',
    },
  },
  CAMPAIGN_TEMPLATE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '消息模板不存在，或活动未提供模板需要的变量',
      en: 'The message template does not exist, or the campaign does not provide a variable it needs',
    },
  },
  CAMPAIGN_SCHEDULE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '发送时间无效（不能早于现在）',
      en: 'The schedule is not valid (it cannot be in the past)',
    },
  },
  CAMPAIGN_SEGMENT_EMPTY: {
    status: 422,
    message: {
      'zh-CN': '分群中没有客户，活动无法发送',
      en: 'The segment has no customers; the campaign cannot be sent',
    },
  },
  CAMPAIGN_STATUS_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '活动当前状态不允许此操作',
      en: 'The campaign’s status does not allow this',
    },
  },
  REMINDER_TEMPLATE_NOT_FOUND: {
    status: 400,
    message: {
      'zh-CN': '提醒模板不存在或不能用于提醒',
      en: 'The template does not exist or cannot be used for reminders',
    },
  },
  REMINDER_TEMPLATE_VARIABLE_MISSING: {
    status: 400,
    message: {
      'zh-CN': '模板使用了此提醒规则不提供的变量',
      en: 'The template uses a variable this reminder rule does not provide',
    },
  },
  REMINDER_CHANNEL_NOT_IN_TEMPLATE: {
    status: 400,
    message: {
      'zh-CN': '模板没有该渠道的文案',
      en: 'The template has no text for this channel',
    },
  },
  REMINDER_STOP_CONDITION_INVALID: {
    status: 400,
    message: {
      'zh-CN': '此提醒规则不支持该停止条件',
      en: 'This reminder rule does not support that stop condition',
    },
  },
  REMINDER_REPEAT_INVALID: {
    status: 400,
    message: {
      'zh-CN': '设置了重复次数时必须填写重复间隔天数',
      en: 'Repeats need the number of days between them',
    },
  },
  REFERRAL_CODE_UNKNOWN: {
    status: 404,
    message: { 'zh-CN': '推荐码不存在', en: 'This referral code does not exist' },
  },
  REFERRAL_PROGRAM_CLOSED: {
    status: 409,
    message: { 'zh-CN': '推荐活动已关闭', en: 'The referral programme is closed' },
  },
  REFERRAL_SELF: {
    status: 422,
    message: { 'zh-CN': '不能使用自己的推荐码', en: 'You cannot use your own referral code' },
  },
  REFERRAL_ALREADY_ATTRIBUTED: {
    status: 409,
    message: {
      'zh-CN': '该客户已有推荐人（以首次推荐为准）',
      en: 'This customer was already referred (the first referral counts)',
    },
  },
  REFERRAL_NOT_NEW: {
    status: 409,
    message: {
      'zh-CN': '只有推荐期限内的新客户才能登记推荐',
      en: 'Only a customer new within the attribution window can be referred',
    },
  },
  REFERRAL_REVIEW_CONFLICT: {
    status: 409,
    message: {
      'zh-CN': '该推荐不在待审核状态',
      en: 'This referral is not waiting for review',
    },
  },
  REFERRAL_REWARD_INVALID: {
    status: 422,
    message: {
      'zh-CN': '奖励设置有误（券模板不存在或已归档）',
      en: 'The reward is not valid (unknown or archived coupon template)',
    },
  },
  AUTH_TOTP_REQUIRED: {
    status: 401,
    message: {
      'zh-CN': '请输入身份验证器中的 6 位动态码',
      en: 'Enter the 6-digit code from your authenticator app',
    },
  },
  AUTH_TOTP_INVALID: {
    status: 401,
    message: {
      'zh-CN': '动态码或恢复码错误（每个动态码只能使用一次）',
      en: 'The code is wrong (each code works only once)',
    },
  },
  PASSWORD_WRONG: {
    status: 422,
    message: { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  },
  PASSWORD_LINK_INVALID: {
    status: 400,
    message: {
      'zh-CN': '链接无效或已使用，请向店主索取新链接',
      en: 'The link is not valid or was used already; ask the owner for a new one',
    },
  },
  PASSWORD_LINK_EXPIRED: {
    status: 410,
    message: {
      'zh-CN': '链接已过期，请向店主索取新链接',
      en: 'The link has expired; ask the owner for a new one',
    },
  },
  STAFF_SELF_CHANGE: {
    status: 422,
    message: {
      'zh-CN': '不能停用自己的账号或修改自己的角色',
      en: 'You cannot deactivate your own account or change your own role',
    },
  },
  STAFF_LAST_OWNER: {
    status: 409,
    message: {
      'zh-CN': '至少要保留一位在职的店主',
      en: 'At least one active owner must remain',
    },
  },
  STAFF_NOT_ACTIVE: {
    status: 409,
    message: { 'zh-CN': '该员工账号已停用', en: 'This staff account is deactivated' },
  },
  STAFF_NO_CONTACT: {
    status: 422,
    message: {
      'zh-CN': '该员工没有手机号或邮箱，无法发送链接',
      en: 'This staff member has no phone or e-mail to send the link to',
    },
  },
  TOTP_ALREADY_ENABLED: {
    status: 409,
    message: { 'zh-CN': '已开启两步验证', en: 'Two-step sign-in is already on' },
  },
  TOTP_NOT_ENABLED: {
    status: 409,
    message: { 'zh-CN': '尚未开启两步验证', en: 'Two-step sign-in is not on' },
  },
  TOTP_NOT_ENROLLING: {
    status: 409,
    message: {
      'zh-CN': '请先生成二维码再输入动态码',
      en: 'Start the set-up (QR code) before confirming a code',
    },
  },
  TOTP_CODE_INVALID: {
    status: 422,
    message: {
      'zh-CN': '动态码错误或已使用',
      en: 'The code is wrong or was used already',
    },
  },
  OPERATOR_TOKEN_INVALID: {
    status: 401,
    message: { 'zh-CN': '运营凭证无效', en: 'The operator credential is not valid' },
  },
  SIGN_UP_DISABLED: {
    status: 404,
    message: { 'zh-CN': '暂未开放自助注册', en: 'Self-service sign-up is not open' },
  },
  INTERNAL: { status: 500, message: { 'zh-CN': '服务器内部错误', en: 'Internal server error' } },
  NOT_READY: { status: 503, message: { 'zh-CN': '服务尚未就绪', en: 'The service is not ready' } },
  CUSTOMER_ERASED: {
    status: 403,
    message: {
      'zh-CN': '该账户的个人信息已按本人要求删除，无法登录',
      en: 'This account’s personal data was erased on request; it cannot sign in',
    },
  },
  DATA_REQUEST_NOT_OPEN: {
    status: 409,
    message: {
      'zh-CN': '该个人信息请求已处理完毕',
      en: 'This data request has already been handled',
    },
  },
  DATA_REQUEST_ALREADY_OPEN: {
    status: 409,
    message: {
      'zh-CN': '您已有一条同类请求正在处理中',
      en: 'A request of this kind is already being handled',
    },
  },
} as const satisfies Record<string, CodeSpec>;
