// E-mail over SMTP against a real SMTP server started here (smtp-server): the message as it
// arrives, and how the server's answers map onto retry or give up.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createSmtpChannel } from './smtp.ts';
import type { ChannelDeps, ChannelMessage } from './port.ts';

interface Mail {
  from: string;
  to: string[];
  raw: string;
  user: string | undefined;
}

let server: SMTPServer;
let port: number;
const mails: Mail[] = [];
const deps = { now: () => new Date() } as unknown as ChannelDeps;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'shop' && auth.password === 'right-password')
        cb(null, { user: 'shop' });
      else cb(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('nobody@'))
        return cb(Object.assign(new Error('No such user'), { responseCode: 550 }));
      if (address.address.startsWith('busy@'))
        return cb(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (to: string): ChannelMessage => ({
  tenantId: '01900000-0000-7000-8000-0000000000aa',
  intentId: '01900000-0000-7000-8000-000000000001',
  deliveryId: '01900000-0000-7000-8000-000000000002',
  customerId: null,
  channel: 'email',
  to,
  purpose: 'service',
  subject: '保养提醒：粤B12345',
  text: '张先生您好，您的爱车粤B12345 该做保养了。',
  html: '<p>张先生您好，您的爱车 <b>粤B12345</b> 该做保养了。</p><p>&lt;不是标签&gt;</p>',
});

const smtp = (over: Partial<Parameters<typeof createSmtpChannel>[0]> = {}) =>
  createSmtpChannel({
    host: '127.0.0.1',
    port,
    secure: false,
    username: 'shop',
    password: 'right-password',
    fromAddress: 'service@shop.example',
    fromName: '留客汽车',
    timeoutMs: 2000,
    ...over,
  });

/** The decoded text of the MIME part with this content type. */
function part(raw: string, type: string): string {
  const re = new RegExp(
    `Content-Type: ${type}[^\\r\\n]*\\r\\nContent-Transfer-Encoding: ([^\\r\\n]+)\\r\\n\\r\\n([\\s\\S]*?)\\r\\n--`,
    'u',
  );
  const m = re.exec(raw);
  if (!m) throw new Error(`no ${type} part in\n${raw}`);
  const [, enc, body] = m;
  if (enc!.trim() === 'base64')
    return Buffer.from(body!.replace(/\s+/gu, ''), 'base64').toString('utf8');
  if (enc!.trim() === 'quoted-printable')
    return Buffer.from(
      body!
        .replace(/=\r\n/gu, '')
        .replace(/=([0-9A-F]{2})/gu, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return body!;
}

function header(raw: string, name: string): string {
  const head = raw.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/gu, ' ');
  const m = new RegExp(`^${name}: (.*)$`, 'imu').exec(head);
  return m ? m[1]! : '';
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / ?Q?) back to text. */
function decodeWords(s: string): string {
  return s.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/giu, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/gu, ' ')
            .replace(/=([0-9A-F]{2})/giu, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

describe('SMTP adapter', () => {
  it('delivers From, To, Subject and both the text and the HTML part', async () => {
    const result = await smtp().send(message('owner@example.com'), deps);
    expect(result).toMatchObject({ outcome: 'sent' });
    const mail = mails.at(-1)!;
    expect(mail.user).toBe('shop');
    expect(mail.from).toBe('service@shop.example');
    expect(mail.to).toEqual(['owner@example.com']);
    expect(decodeWords(header(mail.raw, 'From'))).toContain('留客汽车');
    expect(header(mail.raw, 'From')).toContain('<service@shop.example>');
    expect(header(mail.raw, 'To')).toBe('owner@example.com');
    expect(decodeWords(header(mail.raw, 'Subject'))).toBe('保养提醒：粤B12345');
    expect(header(mail.raw, 'X-Liuke-Delivery')).toBe('01900000-0000-7000-8000-000000000002');
    expect(header(mail.raw, 'Content-Type')).toContain('multipart/alternative');
    expect(part(mail.raw, 'text/plain')).toBe('张先生您好，您的爱车粤B12345 该做保养了。');
    expect(part(mail.raw, 'text/html')).toBe(
      '<p>张先生您好，您的爱车 <b>粤B12345</b> 该做保养了。</p><p>&lt;不是标签&gt;</p>',
    );
  });

  it('carries attachments as their own MIME parts, bytes intact', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);
    const result = await smtp().send(
      {
        ...message('owner@example.com'),
        attachments: [
          {
            filename: 'revenue.png',
            contentType: 'image/png',
            contentBase64: png.toString('base64'),
          },
        ],
      },
      deps,
    );
    expect(result).toMatchObject({ outcome: 'sent' });
    const raw = mails.at(-1)!.raw;
    expect(header(raw, 'Content-Type')).toContain('multipart/mixed');
    const m =
      /Content-Type: image\/png; name=revenue.png\r\n[\s\S]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/u.exec(
        raw,
      );
    expect(m, raw).not.toBeNull();
    expect(Buffer.from(m![1]!.replace(/\s+/gu, ''), 'base64')).toEqual(png);
    expect(part(raw, 'text/plain')).toBe('张先生您好，您的爱车粤B12345 该做保养了。');
  });

  it('550 (no such mailbox) is permanent', async () => {
    expect(await smtp().send(message('nobody@example.com'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: '550',
    });
  });

  it('450 (try later) is temporary', async () => {
    expect(await smtp().send(message('busy@example.com'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
      providerCode: '450',
    });
  });

  it('wrong credentials (535) are permanent', async () => {
    expect(
      await smtp({ password: 'wrong' }).send(message('owner@example.com'), deps),
    ).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: '535',
    });
  });

  it('a refused connection is temporary', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await smtp({ port: freePort }).send(message('owner@example.com'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: false,
    });
  });

  it('an address that is not an e-mail address fails for good without a connection', async () => {
    const before = mails.length;
    expect(await smtp().send(message('not-an-address'), deps)).toMatchObject({
      outcome: 'failed',
      permanent: true,
      providerCode: 'ADDRESS_INVALID',
    });
    expect(mails.length).toBe(before);
  });
});
