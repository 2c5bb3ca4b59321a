// Error codes of online payments: providers, paying, notifications and refunds. Part of the
// closed set in error-codes.ts (spread into ERROR_CODES there).
import { code } from './error-code-spec.ts';

export const PAYMENTS_ERROR_CODES = {
  PAYMENT_PROVIDER_OFF: code(
    422,
    '本店未开通该支付方式',
    'This business has not turned this payment provider on',
  ),
  PAYMENT_SETTING_REQUIRED: code(
    422,
    '开通前请填写该项支付设置',
    'Fill in this payment setting before turning the provider on',
  ),
  PAYMENT_CHANNEL_UNSUPPORTED: code(
    422,
    '该支付方式不支持这种付款场景',
    'This provider does not offer this way of paying',
  ),
  PAYMENT_WECHAT_NOT_BOUND: code(
    422,
    '请先关注本店公众号并绑定微信，再用微信支付',
    'Link your WeChat to this business’s official account before paying with WeChat in WeChat',
  ),
  PAYMENT_NOT_PAYABLE: code(409, '该项目当前不能在线支付', 'This cannot be paid online now'),
  PAYMENT_ALREADY_PAID: code(409, '该单已付款', 'This has already been paid'),
  PAYMENT_PROVIDER_UNAVAILABLE: code(
    503,
    '支付服务暂时不可用，请稍后再试',
    'The payment provider is not answering; try again shortly',
  ),
  PAYMENT_PROVIDER_REFUSED: code(
    422,
    '支付服务拒绝了此请求',
    'The payment provider refused this request',
  ),
  PAYMENT_NOTIFICATION_INVALID: code(
    401,
    '支付通知验证失败',
    'The payment notification does not verify',
  ),
  PAYMENT_NOT_REFUNDABLE: code(
    409,
    '该笔支付当前不能退款',
    'This payment cannot be refunded in its current state',
  ),
  PAYMENT_REFUND_EXCEEDS_PAID: code(
    422,
    '退款金额超过可退金额',
    'The refund is more than what is left to refund',
  ),
  PAYMENT_REFUND_LIMIT: code(
    422,
    '超出支付服务的退款限制（次数或期限）',
    'Beyond the provider’s refund limits (number of refunds or time since payment)',
  ),
  PAYMENT_REFUND_NUMBER_REUSED: code(
    409,
    '该退款单号已用于另一笔退款',
    'This refund number was used for another refund',
  ),
  PAYMENT_DEV_ONLY: code(
    409,
    '只有开发测试支付可以这样完成',
    'Only development payments are completed this way',
  ),
} as const;
