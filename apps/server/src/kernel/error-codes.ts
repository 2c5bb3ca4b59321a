// The closed set of error codes: each a stable code (clients and tests match on it), one HTTP
// status and a message in each UI language. Data only; the error type is kernel/errors.ts.

export type Messages = { 'zh-CN': string; en: string };

export interface CodeSpec {
  status: number;
  message: Messages;
}

const code = (status: number, zh: string, en: string): CodeSpec => ({
  status,
  message: { 'zh-CN': zh, en },
});

/** The closed set of error codes. Add a code here, never inline. */
export const ERROR_CODES = {
  VALIDATION_FAILED: code(400, '请求内容有误', 'The request is not valid'),
  MALFORMED_REQUEST: code(400, '请求格式错误', 'The request is malformed'),
  PHONE_INVALID: code(400, '手机号格式不正确', 'The phone number is not valid'),
  VEHICLE_VIN_INVALID: code(400, '车架号格式不正确', 'The VIN is not valid'),
  VEHICLE_VIN_CHECK_DIGIT: code(
    400,
    '车架号第 9 位校验码错误',
    'The VIN check digit (position 9) is wrong',
  ),
  VEHICLE_PLATE_INVALID: code(400, '车牌号格式不正确', 'The plate number is not valid'),
  IMPORT_FILE_MISSING: code(400, '请上传一个 CSV 文件', 'Upload a CSV file'),
  IMPORT_FILE_INVALID: code(400, '文件不是有效的 CSV', 'The file is not a valid CSV file'),
  IMPORT_ENCODING_UNSUPPORTED: code(
    400,
    '无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV',
    'The file’s encoding is not recognised; save it as a UTF-8 or GBK CSV',
  ),
  IMPORT_COLUMN_MISSING: code(400, '文件缺少必需的列', 'The file lacks a required column'),
  IMPORT_MAPPING_INVALID: code(400, '列对应关系有误', 'The column mapping is not valid'),
  IMPORT_VALUE_REQUIRED: code(400, '必填项为空', 'A required value is empty'),
  IMPORT_VALUE_INVALID: code(400, '取值无法识别', 'The value is not one of the accepted ones'),
  IMPORT_VALUE_TOO_LONG: code(400, '内容过长', 'The value is too long'),
  IMPORT_DATE_INVALID: code(
    400,
    '日期格式不正确（应为 YYYY-MM-DD）',
    'The date is not valid (use YYYY-MM-DD)',
  ),
  IMPORT_NUMBER_INVALID: code(
    400,
    '数值格式不正确或超出范围',
    'The number is not valid or out of range',
  ),
  IMPORT_VALUE_NEGATIVE: code(400, '不能为负数', 'The value cannot be negative'),
  IMPORT_DUPLICATE_ROW: code(409, '与文件中前面的行重复', 'Duplicates an earlier row of the file'),
  IMPORT_STORE_UNKNOWN: code(400, '门店不存在', 'No store has this code'),
  IMPORT_CUSTOMER_UNKNOWN: code(400, '找不到对应的客户', 'No customer matches'),
  IMPORT_VEHICLE_UNKNOWN: code(400, '找不到对应的车辆', 'No car matches'),
  IMPORT_CUSTOMER_NOT_CAR_OWNER: code(
    400,
    '客户不是这辆车的车主',
    'The customer does not own this car',
  ),
  IMPORT_STORE_REQUIRED: code(
    400,
    '文件没有门店列，请选择这些记录所属的门店',
    'The file has no store column; choose the store of its rows',
  ),
  IMPORT_NUMBER_TAKEN: code(
    409,
    '工单号已被另一张工单使用',
    'Another service order has this number',
  ),
  CURSOR_INVALID: code(400, '分页游标无效', 'The paging cursor is not valid'),
  AUTH_REQUIRED: code(401, '请先登录', 'Please sign in'),
  AUTH_INVALID_CREDENTIALS: code(401, '账号或密码错误', 'Wrong account or password'),
  API_KEY_INVALID: code(401, 'API 密钥无效', 'The API key is not valid'),
  OTP_INVALID: code(401, '验证码错误', 'The code is wrong'),
  CSRF_INVALID: code(403, '页面已过期，请刷新后重试', 'The page has expired; reload and try again'),
  FORBIDDEN: code(403, '没有权限执行此操作', 'You do not have permission to do this'),
  NOT_FOUND: code(404, '未找到', 'Not found'),
  METHOD_NOT_ALLOWED: code(405, '不支持该请求方法', 'Method not allowed'),
  CUSTOMER_PHONE_TAKEN: code(409, '该手机号已是客户', 'A customer with this phone already exists'),
  VEHICLE_PLATE_TAKEN: code(409, '该车牌已登记', 'A car with this plate is already registered'),
  VEHICLE_VIN_TAKEN: code(409, '该车架号已登记', 'A car with this VIN is already registered'),
  STAFF_LOGIN_TAKEN: code(
    409,
    '该手机号或邮箱已被员工使用',
    'This phone or e-mail is already used by a staff member',
  ),
  TENANT_SLUG_TAKEN: code(409, '企业代码已被使用', 'This tenant code is taken'),
  SERVICE_ORDER_STATUS_CONFLICT: code(
    409,
    '工单当前状态不允许此操作',
    'The service order’s status does not allow this',
  ),
  SERVICE_ORDER_NOT_OPEN: code(
    409,
    '工单已完工或已作废，不能再修改项目',
    'The service order is no longer open; its items cannot change',
  ),
  SERVICE_ORDER_EMPTY: code(
    422,
    '工单还没有项目，不能完工',
    'The service order has no items and cannot be completed',
  ),
  SERVICE_ORDER_VEHICLE_MISMATCH: code(
    422,
    '该车辆不属于此客户',
    'This car does not belong to this customer',
  ),
  TECHNICIAN_NOT_FOUND: code(
    422,
    '技师不存在或已停用',
    'No active staff member of this business has this id',
  ),
  TECHNICIAN_ROLE_INVALID: code(
    422,
    '只能指派技师、店长或老板做工',
    'Only a technician, manager or owner can be assigned the work',
  ),
  TECHNICIAN_NOT_IN_STORE: code(
    422,
    '该技师不在此工单的门店工作',
    'This technician does not work at the order’s store',
  ),
  TECHNICIAN_ASSIGNMENT_LOCKED: code(
    409,
    '工单已收款、关闭或作废，不能再改派技师或工时',
    'The order is paid, closed or cancelled; its technicians and hours cannot change',
  ),
  LABOUR_MINUTES_NOT_LABOUR: code(
    422,
    '只有工时项目可以记录工时',
    'Only labour lines record labour time',
  ),
  SERVICE_ORDER_REFERENCE_INVALID: code(
    422,
    '工单不存在或不属于该客户',
    'No service order of this customer has this id',
  ),
  PAYMENT_AMOUNT_MISMATCH: code(
    422,
    '收款金额与工单金额不一致',
    'The amount paid does not match the order total',
  ),
  INVOICE_ORDER_NOT_PAID: code(
    409,
    '工单付款后才能申请发票',
    'An invoice can be requested once the order is paid',
  ),
  INVOICE_ALREADY_ISSUED: code(
    409,
    '发票已开具，不能再修改',
    'The invoice has been issued; the request can no longer change',
  ),
  INVOICE_REQUEST_MISSING: code(404, '该工单没有发票申请', 'This order has no invoice request'),
  INVOICE_TAX_NUMBER_REQUIRED: code(
    422,
    '单位发票需要填写税号',
    'A company invoice needs the tax number',
  ),
  INVOICE_TAX_NUMBER_INVALID: code(
    422,
    '税号应为 15、18 或 20 位大写字母或数字',
    'The tax number is 15, 18 or 20 capital letters and digits',
  ),
  INVOICE_SPECIAL_COMPANY_ONLY: code(
    422,
    '专用发票只能开给单位',
    'A special VAT invoice (专票) is for companies only',
  ),
  INVOICE_SPECIAL_DETAILS_REQUIRED: code(
    422,
    '专用发票需要填写地址、电话、开户行和账号',
    'A special VAT invoice needs the address, phone, bank and account',
  ),
  CUSTOMER_MERGE_SELF: code(
    422,
    '不能把客户合并到其自身',
    'A customer cannot be merged into itself',
  ),
  VEHICLE_TRANSFER_SAME_OWNER: code(
    422,
    '该车辆已属于此客户',
    'The car already belongs to this customer',
  ),
  DUE_INTERVAL_DUPLICATE: code(
    400,
    '同一保养项目和品牌的间隔只能设置一次',
    'An interval is set twice for the same service and make',
  ),
  ODOMETER_ROLLBACK: code(
    422,
    '里程低于上次记录，请确认是否填写正确',
    'The mileage is below the last reading; check it and confirm',
  ),
  ODOMETER_DATE_IN_FUTURE: code(400, '日期不能晚于今天', 'The date cannot be after today'),
  ODOMETER_OUT_OF_ORDER: code(
    422,
    '里程与前后记录不符（里程不会倒退）',
    'The mileage does not fit the readings before and after it (an odometer never goes back)',
  ),
  IDEMPOTENCY_KEY_REUSED: code(
    422,
    '幂等键已用于另一个请求',
    'This Idempotency-Key was used with a different request',
  ),
  OTP_EXPIRED: code(410, '验证码已过期，请重新获取', 'The code has expired; request a new one'),
  PAYLOAD_TOO_LARGE: code(413, '请求内容过大', 'The request is too large'),
  UNSUPPORTED_MEDIA_TYPE: code(415, '不支持的内容类型', 'Unsupported content type'),
  AUTH_LOCKED: code(
    429,
    '登录失败次数过多，请稍后再试',
    'Too many failed sign-ins; try again later',
  ),
  OTP_RATE_LIMITED: code(
    429,
    '验证码发送太频繁，请稍后再试',
    'Codes are requested too often; try again later',
  ),
  OTP_TOO_MANY_ATTEMPTS: code(
    429,
    '验证码尝试次数过多，请重新获取',
    'Too many wrong codes; request a new one',
  ),
  RATE_LIMITED: code(429, '请求太频繁，请稍后再试', 'Too many requests; try again later'),
  APPOINTMENT_SLOT_INVALID: code(
    422,
    '该时间不是门店的可预约时段',
    'This time is not a bookable slot of the store',
  ),
  APPOINTMENT_SLOT_PAST: code(422, '该时段已过，请选择以后的时间', 'This slot is in the past'),
  APPOINTMENT_SLOT_FULL: code(
    409,
    '该时段已约满，请选择其他时间',
    'This slot is fully booked; choose another time',
  ),
  MESSAGE_TEMPLATE_NOT_FOUND: code(404, '消息模板不存在', 'No such message template'),
  MESSAGE_TEMPLATE_UNKNOWN_VARIABLE: code(
    400,
    '模板中有未知变量',
    'The template uses an unknown variable',
  ),
  MESSAGE_TEMPLATE_VARIABLE_UNAVAILABLE: code(
    400,
    '该模板不能使用此变量（发送时没有这项数据）',
    'This template cannot use that variable (it is not provided when sending)',
  ),
  MESSAGE_TEMPLATE_SMS_TOO_LONG: code(
    400,
    '短信过长，超过允许的条数',
    'The SMS is longer than the allowed segments',
  ),
  MESSAGE_TEMPLATE_SUBJECT_REQUIRED: code(
    400,
    '邮件模板需要标题',
    'An e-mail template needs a subject',
  ),
  MESSAGE_CHANNEL_NOT_IN_TEMPLATE: code(
    400,
    '该模板没有这个渠道的内容',
    'The template has no text for that channel',
  ),
  MESSAGE_DATA_MISSING: code(
    400,
    '消息缺少模板需要的数据',
    'The message lacks data its template needs',
  ),
  UNSUBSCRIBE_LINK_INVALID: code(400, '退订链接无效', 'The unsubscribe link is not valid'),
  APPOINTMENT_OVERLAP: code(
    409,
    '这辆车在该时间已有预约',
    'This car already has a booking at this time',
  ),
  CONVERSATION_ASSIGNEE_INVALID: code(
    422,
    '只能分配给在职的店长、经理或服务顾问',
    'A conversation can only be assigned to an active owner, manager or advisor',
  ),
  APPOINTMENT_STATUS_CONFLICT: code(
    409,
    '预约当前状态不允许此操作',
    'The appointment’s status does not allow this',
  ),
  APPOINTMENT_STARTED: code(
    409,
    '预约时间已到，不能再取消或改期，请联系门店',
    'The appointment has started; contact the store to change it',
  ),
  APPOINTMENT_NOT_STARTED: code(
    409,
    '预约时间未到，不能标记为未到店',
    'The appointment has not started yet; it cannot be a no-show',
  ),
  PRECONDITION_FAILED: code(
    412,
    '内容已被他人修改，请刷新后重试',
    'Someone else changed this meanwhile; reload and try again',
  ),
  COUPON_EXPIRED: code(422, '优惠券已过期', 'The coupon has expired'),
  COUPON_NOT_YET_VALID: code(422, '优惠券尚未到使用时间', 'The coupon is not valid yet'),
  COUPON_MIN_SPEND_NOT_MET: code(
    422,
    '未达到优惠券的最低消费金额',
    'The order is below the coupon’s minimum spend',
  ),
  COUPON_OUT_OF_SCOPE: code(
    422,
    '该优惠券不适用于此门店或项目',
    'The coupon does not apply to this store or these items',
  ),
  COUPON_WRONG_CUSTOMER: code(
    422,
    '该优惠券不属于此工单的客户',
    'The coupon belongs to another customer than the order’s',
  ),
  COUPON_NOT_FOR_ORDERS: code(
    422,
    '套餐券不能抵扣工单，请直接核销兑换套餐',
    'A package coupon is not a discount; redeem it to grant the package',
  ),
  COUPON_ALREADY_REDEEMED: code(409, '优惠券已被使用', 'The coupon has already been redeemed'),
  COUPON_VOIDED: code(409, '优惠券已作废', 'The coupon has been voided'),
  COUPON_NOT_REDEEMED: code(409, '优惠券未用于此工单', 'The coupon is not redeemed on this order'),
  COUPON_ORDER_HAS_COUPON: code(
    409,
    '此工单已使用一张优惠券，不可叠加',
    'This order already has a coupon; coupons do not stack',
  ),
  COUPON_BUDGET_EXHAUSTED: code(
    409,
    '该券模板的发放总量已用完',
    'The coupon template’s total budget is used up',
  ),
  COUPON_CUSTOMER_LIMIT: code(
    409,
    '该客户已达到此券的领取上限',
    'The customer already holds the most coupons of this template allowed',
  ),
  COUPON_TEMPLATE_ARCHIVED: code(
    409,
    '券模板已停用，不能再发放',
    'The coupon template is archived; it cannot be issued',
  ),
  COUPON_NOT_FOUND: code(404, '券码不存在', 'There is no coupon with this code'),
  PARTNER_NOT_LINKED: code(
    403,
    '此账号未关联合作商家，请联系商户管理员',
    'This account is not linked to a partner merchant; ask the business to link it',
  ),
  PARTNER_SUSPENDED: code(
    403,
    '合作已暂停，暂时不能核销或发券',
    'The partnership is suspended; coupons cannot be redeemed or issued for now',
  ),
  PARTNER_TEMPLATE_NOT_ISSUABLE: code(
    422,
    '只能发放本商家“到店（商户）核销”的券模板',
    'Only your own templates redeemed at the business can be issued here',
  ),
  PARTNER_FIELDS_LOCKED: code(
    409,
    '券已发放后不能更改合作商家或核销方向',
    'The partner and direction cannot change once coupons are issued',
  ),
  MEMBER_CARD_TOKEN_EXPIRED: code(
    410,
    '会员码已过期，请让客户刷新会员卡',
    'The member card code has expired; ask the customer to refresh the card',
  ),
  LEDGER_INSUFFICIENT_BALANCE: code(422, '余额不足', 'The balance is not enough'),
  LEDGER_ALREADY_REVERSED: code(409, '该笔流水已冲正', 'This transfer has already been reversed'),
  POINTS_INSUFFICIENT: code(422, '可用积分不足', 'Not enough points available'),
  POINTS_REDEMPTION_OFF: code(
    422,
    '本店未开启积分抵扣',
    'This shop does not take points as payment',
  ),
  POINTS_REDEMPTION_LIMIT: code(
    422,
    '积分抵扣超出本店规则（最低积分或抵扣上限）',
    'The points part is outside the shop’s rules (minimum points or the most an order may take)',
  ),
  STORED_VALUE_INSUFFICIENT: code(422, '储值余额不足', 'Not enough stored value'),
  STORED_VALUE_CAP_EXCEEDED: code(
    422,
    '充值后余额将超过储值卡上限',
    'The top-up would take the card above its limit',
  ),
  PACKAGE_NOT_USABLE: code(
    409,
    '计次卡已用完或已过期',
    'The service package is used up or has expired',
  ),
  CHANNEL_SECRET_REQUIRED: code(
    400,
    '该服务商需要填写密钥',
    'This provider needs its secret credential',
  ),
  WEBHOOK_URL_INVALID: code(
    400,
    'Webhook 地址须为 http(s) 网址，且不能包含用户名或密码',
    'A webhook URL must be an http(s) URL without a user name or password',
  ),
  WEBHOOK_URL_NOT_ALLOWED: code(
    422,
    'Webhook 地址不能指向本机、内网或无法解析的主机',
    'A webhook URL may not point at this machine, a private network or a host that does not resolve',
  ),
  WEBHOOK_DISABLED: code(
    409,
    '该 Webhook 已停用，请先启用',
    'This webhook is disabled; enable it first',
  ),
  SECRET_UNREADABLE: code(
    409,
    '保存的密钥无法解密（可能被篡改，或加密密钥已更换），请重新填写',
    'A stored credential cannot be opened (tampered with, or its key is gone); enter it again',
  ),
  CHANNEL_NOT_CONFIGURED: code(
    409,
    '商家尚未配置该渠道',
    'The business has not set this channel up',
  ),
  WECHAT_CODE_INVALID: code(
    400,
    '微信授权码无效或已过期',
    'The WeChat authorisation code is not valid or has expired',
  ),
  PROVIDER_UNAVAILABLE: code(
    503,
    '服务商暂时无法访问，请稍后重试',
    'The provider cannot be reached; try again later',
  ),
  WEBHOOK_SIGNATURE_INVALID: code(403, '回调签名校验失败', 'The callback signature is not valid'),
  SEGMENT_FILTER_INVALID: code(
    422,
    '分群条件有误：字段、运算符或取值不匹配',
    'The segment filter is not valid: field, operator or value do not match',
  ),
  SEGMENT_IN_USE: code(
    409,
    '该分群正被营销活动使用，不能删除',
    'A campaign uses this segment; it cannot be deleted',
  ),
  CAMPAIGN_TEMPLATE_INVALID: code(
    422,
    '消息模板不存在，或活动未提供模板需要的变量',
    'The message template does not exist, or the campaign does not provide a variable it needs',
  ),
  CAMPAIGN_SCHEDULE_INVALID: code(
    422,
    '发送时间无效（不能早于现在）',
    'The schedule is not valid (it cannot be in the past)',
  ),
  CAMPAIGN_SEGMENT_EMPTY: code(
    422,
    '分群中没有客户，活动无法发送',
    'The segment has no customers; the campaign cannot be sent',
  ),
  CAMPAIGN_STATUS_CONFLICT: code(
    409,
    '活动当前状态不允许此操作',
    'The campaign’s status does not allow this',
  ),
  REMINDER_TEMPLATE_NOT_FOUND: code(
    400,
    '提醒模板不存在或不能用于提醒',
    'The template does not exist or cannot be used for reminders',
  ),
  REMINDER_TEMPLATE_VARIABLE_MISSING: code(
    400,
    '模板使用了此提醒规则不提供的变量',
    'The template uses a variable this reminder rule does not provide',
  ),
  REMINDER_CHANNEL_NOT_IN_TEMPLATE: code(
    400,
    '模板没有该渠道的文案',
    'The template has no text for this channel',
  ),
  REMINDER_STOP_CONDITION_INVALID: code(
    400,
    '此提醒规则不支持该停止条件',
    'This reminder rule does not support that stop condition',
  ),
  REMINDER_REPEAT_INVALID: code(
    400,
    '设置了重复次数时必须填写重复间隔天数',
    'Repeats need the number of days between them',
  ),
  REFERRAL_CODE_UNKNOWN: code(404, '推荐码不存在', 'This referral code does not exist'),
  REFERRAL_PROGRAM_CLOSED: code(409, '推荐活动已关闭', 'The referral programme is closed'),
  REFERRAL_SELF: code(422, '不能使用自己的推荐码', 'You cannot use your own referral code'),
  REFERRAL_ALREADY_ATTRIBUTED: code(
    409,
    '该客户已有推荐人（以首次推荐为准）',
    'This customer was already referred (the first referral counts)',
  ),
  REFERRAL_NOT_NEW: code(
    409,
    '只有推荐期限内的新客户才能登记推荐',
    'Only a customer new within the attribution window can be referred',
  ),
  REFERRAL_REVIEW_CONFLICT: code(
    409,
    '该推荐不在待审核状态',
    'This referral is not waiting for review',
  ),
  REFERRAL_REWARD_INVALID: code(
    422,
    '奖励设置有误（券模板不存在或已归档）',
    'The reward is not valid (unknown or archived coupon template)',
  ),
  AUTH_TOTP_REQUIRED: code(
    401,
    '请输入身份验证器中的 6 位动态码',
    'Enter the 6-digit code from your authenticator app',
  ),
  AUTH_TOTP_INVALID: code(
    401,
    '动态码或恢复码错误（每个动态码只能使用一次）',
    'The code is wrong (each code works only once)',
  ),
  PASSWORD_WRONG: code(422, '当前密码不正确', 'The current password is wrong'),
  PASSWORD_LINK_INVALID: code(
    400,
    '链接无效或已使用，请向店主索取新链接',
    'The link is not valid or was used already; ask the owner for a new one',
  ),
  PASSWORD_LINK_EXPIRED: code(
    410,
    '链接已过期，请向店主索取新链接',
    'The link has expired; ask the owner for a new one',
  ),
  STAFF_SELF_CHANGE: code(
    422,
    '不能停用自己的账号或修改自己的角色',
    'You cannot deactivate your own account or change your own role',
  ),
  STAFF_LAST_OWNER: code(409, '至少要保留一位在职的店主', 'At least one active owner must remain'),
  STAFF_NOT_ACTIVE: code(409, '该员工账号已停用', 'This staff account is deactivated'),
  STAFF_NO_CONTACT: code(
    422,
    '该员工没有手机号或邮箱，无法发送链接',
    'This staff member has no phone or e-mail to send the link to',
  ),
  TOTP_ALREADY_ENABLED: code(409, '已开启两步验证', 'Two-step sign-in is already on'),
  TOTP_NOT_ENABLED: code(409, '尚未开启两步验证', 'Two-step sign-in is not on'),
  TOTP_NOT_ENROLLING: code(
    409,
    '请先生成二维码再输入动态码',
    'Start the set-up (QR code) before confirming a code',
  ),
  TOTP_CODE_INVALID: code(422, '动态码错误或已使用', 'The code is wrong or was used already'),
  OPERATOR_TOKEN_INVALID: code(401, '运营凭证无效', 'The operator credential is not valid'),
  SIGN_UP_DISABLED: code(404, '暂未开放自助注册', 'Self-service sign-up is not open'),
  CALL_NOTE_REQUIRED: code(400, '请填写通话备注', 'Add a note for this call outcome'),
  CALL_SNOOZE_DATE_INVALID: code(
    422,
    '暂缓日期须在明天到 180 天之内',
    'Snooze until a day from tomorrow to 180 days ahead',
  ),
  CALL_NOTHING_DUE: code(409, '这辆车目前没有到期项目', 'This car has nothing due now'),
  CALL_NOTHING_TO_REMIND: code(
    409,
    '这辆车没有可发送提醒的到期项目（保养、保险或年检）',
    'Nothing on this car that a reminder covers (maintenance, insurance or inspection)',
  ),
  CALL_CUSTOMER_ERASED: code(
    409,
    '该客户的个人信息已删除，无法联系',
    'This customer’s personal data was erased; they cannot be contacted',
  ),
  INTERNAL: code(500, '服务器内部错误', 'Internal server error'),
  NOT_READY: code(503, '服务尚未就绪', 'The service is not ready'),
  CUSTOMER_ERASED: code(
    403,
    '该账户的个人信息已按本人要求删除，无法登录',
    'This account’s personal data was erased on request; it cannot sign in',
  ),
  PRIVACY_CONSENT_REQUIRED: code(
    422,
    '请先阅读并同意隐私政策',
    'Please read and accept the privacy policy first',
  ),
  DATA_REQUEST_NOT_OPEN: code(
    409,
    '该个人信息请求已处理完毕',
    'This data request has already been handled',
  ),
  DATA_REQUEST_ALREADY_OPEN: code(
    409,
    '您已有一条同类请求正在处理中',
    'A request of this kind is already being handled',
  ),
  CATALOG_PART_NUMBER_TAKEN: code(
    409,
    '该配件编号已在价目表中',
    'An item with this part number is already in the price list',
  ),
  CATALOG_FIELD_NOT_FOR_KIND: code(
    400,
    '此类项目没有该字段（工时才有标准工时，配件才有编号和库存，套餐才有组成）',
    'This kind of item has no such field (standard time is for labour, number and stock for parts, components for packages)',
  ),
  CATALOG_PACKAGE_EMPTY: code(422, '套餐至少包含一个项目', 'A package holds at least one item'),
  CATALOG_PACKAGE_NESTED: code(
    422,
    '套餐不能包含自身或其他套餐',
    'A package cannot hold itself or another package',
  ),
  CATALOG_COMPONENT_UNKNOWN: code(
    422,
    '套餐中的项目不在价目表中',
    'An item of the package is not in the price list',
  ),
  CATALOG_COMPONENT_REPEATED: code(
    422,
    '套餐中同一项目只能出现一次，请改数量',
    'An item appears twice in the package; change its quantity instead',
  ),
  CATALOG_ITEM_ARCHIVED: code(
    409,
    '该项目已停用，请先启用',
    'This item is archived; restore it first',
  ),
  CATALOG_ITEM_IN_PACKAGE: code(
    409,
    '该项目仍在启用的套餐中，请先从套餐中移除',
    'This item is still in an active package; take it out of the package first',
  ),
} as const satisfies Record<string, CodeSpec>;
