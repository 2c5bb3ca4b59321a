// E-mail over SMTP (nodemailer). A 5xx reply is final (no such mailbox, rejected, bad
// credentials); a 4xx reply, a refused connection or a timeout may pass on a later try.
import nodemailer from 'nodemailer';
import type { Channel, ChannelMessage, SendResult } from './port.ts';
import { PROVIDER_TIMEOUT_MS } from './provider-http.ts';

export interface SmtpOptions {
  host: string;
  port: number;
  secure: boolean;
  username?: string;
  password?: string;
  fromAddress: string;
  fromName?: string;
  /** Tests talk to a local server with a self-signed certificate or none. */
  tls?: { rejectUnauthorized: boolean };
  ignoreTLS?: boolean;
  timeoutMs?: number;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/u;

export function classifySmtpError(err: unknown): Extract<SendResult, { outcome: 'failed' }> {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
  if (typeof e.responseCode === 'number') {
    return {
      outcome: 'failed',
      permanent: e.responseCode >= 500,
      error: `SMTP ${e.responseCode}: ${(e.response ?? e.message ?? '').slice(0, 300)}`,
      providerCode: String(e.responseCode),
    };
  }
  // No reply code: the connection failed (ECONNECTION, ETIMEDOUT, ESOCKET, EDNS…). An
  // authentication failure always carries its 5xx code and is handled above.
  return {
    outcome: 'failed',
    permanent: false,
    error: `SMTP server unreachable${e.code ? ` (${e.code})` : ''}: ${e.message ?? String(err)}`,
    providerCode: e.code ?? 'NETWORK',
  };
}

export function createSmtpChannel(options: SmtpOptions): Channel {
  const timeout = options.timeoutMs ?? PROVIDER_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.username ? { auth: { user: options.username, pass: options.password ?? '' } } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.ignoreTLS ? { ignoreTLS: true } : {}),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 3,
  });
  return {
    name: 'email',
    provider: 'smtp',
    async send(message: ChannelMessage): Promise<SendResult> {
      if (!EMAIL.test(message.to))
        return {
          outcome: 'failed',
          permanent: true,
          error: `not an e-mail address: ${message.to}`,
          providerCode: 'ADDRESS_INVALID',
        };
      try {
        const info = await transport.sendMail({
          from: options.fromName
            ? { name: options.fromName, address: options.fromAddress }
            : options.fromAddress,
          to: message.to,
          subject: message.subject ?? '',
          text: message.text,
          ...(message.html ? { html: message.html } : {}),
          ...(message.attachments?.length
            ? {
                attachments: message.attachments.map((a) => ({
                  filename: a.filename,
                  contentType: a.contentType,
                  content: Buffer.from(a.contentBase64, 'base64'),
                  ...(a.cid ? { cid: a.cid } : {}),
                })),
              }
            : {}),
          messageId: `<${message.deliveryId}@${options.fromAddress.split('@')[1] ?? 'liuke'}>`,
          headers: { 'X-Liuke-Delivery': message.deliveryId },
        });
        const rejected = (info.rejected ?? []).length;
        if (rejected && !(info.accepted ?? []).length)
          return {
            outcome: 'failed',
            permanent: true,
            error: `SMTP server rejected the recipient: ${info.response}`,
            providerCode: 'REJECTED',
          };
        return { outcome: 'sent', providerMessageId: info.messageId };
      } catch (err) {
        return classifySmtpError(err);
      }
    },
  };
}
