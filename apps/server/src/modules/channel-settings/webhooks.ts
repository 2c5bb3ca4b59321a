// Delivery receipts from the providers. Each callback proves where it comes from before it
// changes anything: Twilio signs with X-Twilio-Signature, WeChat with the token signature;
// Aliyun's HTTP push carries no signature, so its URL carries a per-tenant secret key instead.
// The statuses go to the messaging pipeline through recordDeliveryStatus.
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import { safeEqual } from '../../kernel/crypto.ts';
import { isUuid } from '../../kernel/ids.ts';
import { recordDeliveryStatus } from '../messaging/index.ts';
import { twilioSignature } from '../../channels/sms/twilio.ts';
import { wechatSignature } from '../../channels/wechat.ts';
import { channelSettings, wechatBindings } from './channel-settings.tables.ts';
import { openChannelSecrets } from './channel-settings.service.ts';

const denied = () => new AppError('WEBHOOK_SIGNATURE_INVALID');

async function settingOf(ctx: Ctx, channel: 'sms' | 'wechat', provider: string) {
  const [row] = await ctx.tx
    .select()
    .from(channelSettings)
    .where(eq(channelSettings.channel, channel));
  if (!row || row.provider !== provider) throw denied();
  try {
    return { ...row, secrets: openChannelSecrets(ctx.tenantId, row) };
  } catch (err) {
    // A credential that does not open cannot check a signature: refuse, and say why in the log.
    ctx.log.error({ err, channel, provider }, 'stored channel credential does not open');
    throw denied();
  }
}

/** Aliyun reports times in China Standard Time without a zone: "2017-01-01 00:00:00". */
function chinaTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/u.test(value))
    return undefined;
  const d = new Date(`${value.replace(' ', 'T')}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface AliyunReport {
  success: boolean;
  err_code?: string;
  err_msg?: string;
  biz_id?: string;
  out_id?: string;
  report_time?: string;
}

export async function handleAliyunReceipts(ctx: Ctx, key: string, reports: AliyunReport[]) {
  const row = await settingOf(ctx, 'sms', 'aliyun');
  if (!safeEqual(key, row.webhookKey)) throw denied();
  let matched = 0;
  for (const r of reports) {
    const at = chinaTime(r.report_time);
    const res = await recordDeliveryStatus(ctx, {
      // OutId carried our delivery id when we sent; the BizId is Aliyun's own.
      ...(r.out_id && isUuid(r.out_id)
        ? { deliveryId: r.out_id }
        : { providerMessageId: r.biz_id }),
      status: r.success ? 'delivered' : 'failed',
      ...(r.success ? {} : { error: `${r.err_code ?? ''} ${r.err_msg ?? ''}`.trim() }),
      ...(r.err_code ? { providerCode: r.err_code } : {}),
      ...(at ? { at } : {}),
    });
    if (res.found) matched++;
  }
  return matched;
}

const TWILIO_STATUS: Record<string, 'delivered' | 'failed' | 'opened'> = {
  delivered: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  read: 'opened',
};

export async function handleTwilioReceipt(
  ctx: Ctx,
  url: string,
  signature: string | undefined,
  params: Record<string, string>,
) {
  const row = await settingOf(ctx, 'sms', 'twilio');
  const token = row.secrets.authToken ?? '';
  if (!signature || !token || !safeEqual(signature, twilioSignature(token, url, params)))
    throw denied();
  if (params.AccountSid && params.AccountSid !== row.config.accountSid) throw denied();
  const status = TWILIO_STATUS[params.MessageStatus ?? params.SmsStatus ?? ''];
  if (!status || !params.MessageSid) return false;
  const res = await recordDeliveryStatus(ctx, {
    providerMessageId: params.MessageSid,
    status,
    ...(status === 'failed'
      ? {
          error:
            `Twilio ${params.ErrorCode ?? ''} ${params.ErrorMessage ?? params.MessageStatus}`.trim(),
          ...(params.ErrorCode ? { providerCode: params.ErrorCode } : {}),
        }
      : {}),
  });
  return res.found;
}

export async function checkWechatSignature(
  ctx: Ctx,
  q: { signature: string; timestamp: string; nonce: string },
) {
  const row = await settingOf(ctx, 'wechat', 'wechat');
  const token = row.secrets.token ?? '';
  if (!token || !safeEqual(q.signature, wechatSignature(token, q.timestamp, q.nonce)))
    throw denied();
}

/** The text of one element of WeChat's flat XML (<Name><![CDATA[value]]></Name> or <Name>1</Name>). */
export function xmlField(xml: string, name: string): string | null {
  const m = new RegExp(
    `<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`,
    'u',
  ).exec(xml);
  if (!m) return null;
  return (m[1] ?? m[2] ?? '').trim();
}

export async function handleWechatEvent(ctx: Ctx, xml: string) {
  if (xmlField(xml, 'MsgType') !== 'event') return;
  const event = xmlField(xml, 'Event');
  const openid = xmlField(xml, 'FromUserName');
  if (event === 'TEMPLATESENDJOBFINISH') {
    const msgId = xmlField(xml, 'MsgID') ?? xmlField(xml, 'MsgId');
    const status = xmlField(xml, 'Status') ?? '';
    if (!msgId) return;
    await recordDeliveryStatus(ctx, {
      providerMessageId: msgId,
      status: status === 'success' ? 'delivered' : 'failed',
      ...(status === 'success' ? {} : { error: `WeChat ${status}`, providerCode: status }),
    });
  } else if ((event === 'unsubscribe' || event === 'subscribe') && openid) {
    await ctx.tx
      .update(wechatBindings)
      .set({ subscribed: event === 'subscribe' })
      .where(and(eq(wechatBindings.tenantId, ctx.tenantId), eq(wechatBindings.openid, openid)));
  }
}
