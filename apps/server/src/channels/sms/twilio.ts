// Twilio Programmable Messaging: POST /2010-04-01/Accounts/{AccountSid}/Messages.json with
// HTTP Basic auth (Account SID : Auth Token). Delivery receipts come back to the status
// callback, signed with X-Twilio-Signature = Base64(HMAC-SHA1(AuthToken, URL + each POST
// parameter name and value, sorted by name)).
import { createHmac } from 'node:crypto';
import type { Channel, ChannelMessage, SendResult } from '../port.ts';
import { isFailure, isTemporaryStatus, providerFetch } from '../provider-http.ts';
import { smsAddressProblem } from './phone.ts';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from?: string;
  messagingServiceSid?: string;
  /** Where Twilio posts status changes (our signed receipt webhook), if known. */
  statusCallbackUrl?: string;
  endpoint?: string;
  timeoutMs?: number;
}

export const TWILIO_ENDPOINT = 'https://api.twilio.com';

export function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
): string {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => `${k}${params[k]}`)
      .join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Twilio error codes after which another try may succeed; other 4xx answers are final. */
const TEMPORARY_CODES = new Set([20429, 20500, 20503, 30001]);

const CLEAR_MESSAGES: Record<number, string> = {
  21211: 'the number is not a valid phone number',
  21614: 'the number is not a mobile number: it cannot receive SMS',
  21408: 'SMS to this region is not enabled on the Twilio account',
  21610: 'the recipient has replied STOP (unsubscribed)',
  21612: 'Twilio cannot route a message to this number',
  20003: 'the Account SID or Auth Token is wrong',
};

export function createTwilioChannel(options: TwilioOptions): Channel {
  const base = (options.endpoint ?? TWILIO_ENDPOINT).replace(/\/+$/u, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    name: 'sms',
    provider: 'twilio',
    async send(message: ChannelMessage): Promise<SendResult> {
      const problem = smsAddressProblem(message.to);
      if (problem) return problem;
      const form = new URLSearchParams({ To: message.to, Body: message.text });
      if (options.messagingServiceSid) form.set('MessagingServiceSid', options.messagingServiceSid);
      else if (options.from) form.set('From', options.from);
      if (options.statusCallbackUrl) form.set('StatusCallback', options.statusCallbackUrl);
      const res = await providerFetch(url, {
        method: 'POST',
        headers: {
          authorization,
          'content-type': 'application/x-www-form-urlencoded',
          // Twilio de-duplicates retried requests by this key for 24 hours.
          'i-twilio-idempotency-token': message.deliveryId,
        },
        body: form.toString(),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      if (isFailure(res)) return res;
      const json = (res.json ?? {}) as { sid?: string; code?: number; message?: string };
      if (res.status >= 200 && res.status < 300 && json.sid)
        return { outcome: 'sent', providerMessageId: json.sid };
      const code = typeof json.code === 'number' ? json.code : null;
      const temporary =
        isTemporaryStatus(res.status) || (code !== null && TEMPORARY_CODES.has(code));
      return {
        outcome: 'failed',
        permanent: !temporary,
        error: `Twilio ${res.status}${code ? ` ${code}` : ''}: ${(code && CLEAR_MESSAGES[code]) || json.message || res.text.slice(0, 200)}`,
        providerCode: code ? String(code) : `HTTP_${res.status}`,
      };
    },
  };
}
