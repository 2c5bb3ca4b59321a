// Credentials at rest: what the database holds is sealed (never the plain value), rows written
// before sealing existed are sealed by the sweep, a key rotation re-seals everything and the
// product still sends through the provider, and a tampered value fails clearly without stopping
// the worker.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { sealedColumns, sweepSealedColumns } from '../../db/sealed.ts';
import { aliyunPercentEncode } from '../../channels/sms/aliyun.ts';
import { startHttpServer, type LocalServer } from '../../channels/testing/servers.ts';
import {
  currentKeyring,
  isSealed,
  primaryOnly,
  sealedKeyId,
  useKeyring,
  withNewPrimary,
} from '../../kernel/secret-box.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { recordConsents } from '../customers/index.ts';
import { drainMessages, messageDeliveries, sendToCustomer } from '../messaging/index.ts';
import { invalidateChannelSettings, invalidateVapidCache, openChannelSecrets } from './index.ts';

const SECRET = 'at-rest-secret-9f3b';
let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let aliyun: LocalServer;
let customerId: string;
let n = 0;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  aliyun = await startHttpServer();
  aliyun.handle((r, res) => {
    // The provider accepts only requests signed with the real secret.
    const params = Object.fromEntries(new URLSearchParams(r.body.toString('utf8')));
    const canonical = Object.keys(params)
      .filter((k) => k !== 'Signature')
      .sort()
      .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
      .join('&');
    const expected = createHmac('sha1', `${SECRET}&`)
      .update(`POST&%2F&${aliyunPercentEncode(canonical)}`)
      .digest('base64');
    const ok = params.Signature === expected;
    res
      .writeHead(ok ? 200 : 400, { 'content-type': 'application/json' })
      .end(
        JSON.stringify(
          ok ? { Code: 'OK', BizId: `biz-${++n}` } : { Code: 'SignatureDoesNotMatch' },
        ),
      );
  });
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: { name: '赵六', phone: '13600000077' },
  });
  customerId = c.json().id;
  await env.inTenant(tenant.id, (ctx) =>
    recordConsents(
      ctx,
      customerId,
      [{ channel: 'sms', purpose: 'service', granted: true }],
      'staff',
    ),
  );
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/channel-settings',
    headers: owner.headers,
    payload: {
      channel: 'sms',
      provider: 'aliyun',
      config: {
        accessKeyId: 'LTAI5tRest',
        signName: '留客汽车',
        defaultTemplateCode: 'SMS_1',
        endpoint: `${aliyun.url}/`,
      },
      secrets: { accessKeySecret: SECRET },
    },
  });
  expect(res.statusCode).toBe(200);
}, 60_000);

afterAll(async () => {
  await aliyun.close();
  await env.close();
});

const storedSecrets = async () =>
  (
    await queryRows<{ secrets: Record<string, string>; text: string }>(
      env.database.adminDb,
      sql`select secrets, secrets::text as text from channel_settings where tenant_id = ${tenant.id} and channel = 'sms'`,
    )
  )[0]!;

/** Every sealed value of this tenant in every registered column, with its key id. */
async function sealedValues(): Promise<{ field: string; value: string }[]> {
  const out: { field: string; value: string }[] = [];
  for (const c of sealedColumns()) {
    const rows = await queryRows<{ v: unknown }>(
      env.database.adminDb,
      sql`select ${sql.raw(`"${c.column}"`)} as v from ${sql.raw(`"${c.table}"`)} where tenant_id = ${tenant.id}`,
    );
    for (const r of rows) {
      if (typeof r.v === 'string') out.push({ field: `${c.table}.${c.column}`, value: r.v });
      else if (r.v && typeof r.v === 'object')
        for (const [m, v] of Object.entries(r.v as Record<string, string>))
          out.push({ field: `${c.table}.${c.column}.${m}`, value: v });
    }
  }
  return out;
}

let sent = 0;
async function sendSms() {
  const ref = await env.inTenant(tenant.id, (ctx) =>
    sendToCustomer(ctx, {
      customerId,
      templateKey: 'system.text',
      data: { 'message.text': '您的爱车已完工', 'message.subject': '完工' },
      dedupeKey: `at-rest-${++sent}`,
      priority: 'transactional',
      purpose: 'service',
      channels: ['sms'],
    }),
  );
  await drainMessages({
    adminDb: env.database.adminDb,
    log: env.app.log as never,
    clock: env.clock,
    onlyTenants: [tenant.id],
  });
  const [d] = await env.inTenant(tenant.id, (ctx) =>
    ctx.tx.select().from(messageDeliveries).where(eq(messageDeliveries.intentId, ref.intentId)),
  );
  return d!;
}

describe('secrets at rest', () => {
  it('stores channel credentials and the VAPID private key sealed, never in plain text', async () => {
    const row = await storedSecrets();
    expect(row.text).not.toContain(SECRET);
    expect(isSealed(row.secrets.accessKeySecret!)).toBe(true);
    // The API still says only whether it is set.
    const got = await env.app.inject({
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
    });
    expect(got.body).not.toContain(SECRET);
    expect(got.body).not.toContain(row.secrets.accessKeySecret!);
    const [vapid] = await queryRows<{ private_key: string }>(
      env.database.adminDb,
      sql`select private_key from web_push_keys where tenant_id = ${tenant.id}`,
    );
    expect(isSealed(vapid!.private_key)).toBe(true);
    // Bound to its tenant and field: the same sealed value under another field does not open.
    expect(() =>
      openChannelSecrets(tenant.id, {
        channel: 'email',
        secrets: { accessKeySecret: row.secrets.accessKeySecret! },
      }),
    ).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
    expect(() =>
      openChannelSecrets(crypto.randomUUID(), {
        channel: 'sms',
        secrets: row.secrets,
      }),
    ).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
    expect((await sendSms()).status).toBe('sent');
  });

  it('seals rows written in plain text before sealing existed', async () => {
    await env.database.adminDb.execute(
      sql`update channel_settings set secrets = ${JSON.stringify({ accessKeySecret: SECRET })}::jsonb
           where tenant_id = ${tenant.id} and channel = 'sms'`,
    );
    await env.database.adminDb.execute(
      sql`update web_push_keys set private_key = 'plain-vapid-private' where tenant_id = ${tenant.id}`,
    );
    const report = await sweepSealedColumns(env.database.adminDb);
    expect(report.sealed).toBeGreaterThanOrEqual(2);
    const row = await storedSecrets();
    expect(row.text).not.toContain(SECRET);
    expect(openChannelSecrets(tenant.id, { channel: 'sms', secrets: row.secrets })).toEqual({
      accessKeySecret: SECRET,
    });
    for (const v of await sealedValues()) expect(isSealed(v.value), v.field).toBe(true);
    // A second sweep finds nothing to do.
    const again = await sweepSealedColumns(env.database.adminDb);
    expect(again.sealed + again.resealed).toBe(0);
  });

  it('re-seals every value under a new key; after retiring the old key the provider still gets signed requests', async () => {
    const before = await sealedValues();
    const oldRing = currentKeyring();
    const rotated = withNewPrimary(oldRing);
    useKeyring(rotated);
    try {
      const report = await sweepSealedColumns(env.database.adminDb);
      expect(report.resealed).toBeGreaterThanOrEqual(before.length);
      // (On a shared test database other test processes' rows are under keys this one lacks.)
      expect(report.unreadable.filter((u) => u.tenantId === tenant.id)).toEqual([]);
      const after = await sealedValues();
      expect(after).toHaveLength(before.length);
      for (const v of after) expect(sealedKeyId(v.value), v.field).toBe(rotated.primary);
      // The old key is gone: only what the new key sealed can open now.
      useKeyring(primaryOnly(rotated));
      invalidateChannelSettings(tenant.id);
      invalidateVapidCache();
      const row = await storedSecrets();
      expect(row.text).not.toContain(SECRET);
      expect(openChannelSecrets(tenant.id, { channel: 'sms', secrets: row.secrets })).toEqual({
        accessKeySecret: SECRET,
      });
      const d = await sendSms();
      expect(d).toMatchObject({ status: 'sent', provider: 'aliyun-sms' });
    } finally {
      useKeyring(rotated);
    }
  });

  it('a tampered value fails the message with a clear reason and the receipt with a 403, never a crash', async () => {
    const row = await storedSecrets();
    const v = row.secrets.accessKeySecret!;
    const tampered = v.slice(0, -2) + (v.endsWith('AA') ? 'AB' : 'AA');
    // updated_at moves as a save would: the process's adapter cache is keyed by it.
    await env.database.adminDb.execute(
      sql`update channel_settings set secrets = ${JSON.stringify({ accessKeySecret: tampered })}::jsonb,
             updated_at = now() + interval '1 second'
           where tenant_id = ${tenant.id} and channel = 'sms'`,
    );
    invalidateChannelSettings(tenant.id);
    const received = aliyun.received.length;
    const d = await sendSms();
    expect(d.status).toBe('failed');
    expect(d.error).toContain('SECRET_UNREADABLE');
    expect(aliyun.received.length).toBe(received);

    const settings = (
      await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: owner.headers })
    ).json();
    expect(settings.items[0].secrets).toEqual({ accessKeySecret: true });
    const receipt = new URL(settings.items[0].receiptUrl as string);
    const res = await env.app.inject({
      method: 'POST',
      url: `${receipt.pathname}${receipt.search}`,
      payload: [{ success: true, out_id: d.id, biz_id: 'x' }],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');

    // The sweep reports it and leaves it; saving the credential again repairs the channel.
    const report = await sweepSealedColumns(env.database.adminDb);
    // Under the primary key: nothing to re-seal, so not even tried.
    expect(report.unreadable.filter((u) => u.tenantId === tenant.id)).toEqual([]);
    const put = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/staff/channel-settings',
      headers: owner.headers,
      payload: {
        channel: 'sms',
        provider: 'aliyun',
        config: {
          accessKeyId: 'LTAI5tRest',
          signName: '留客汽车',
          defaultTemplateCode: 'SMS_1',
          endpoint: `${aliyun.url}/`,
        },
        secrets: { accessKeySecret: SECRET },
      },
    });
    expect(put.statusCode).toBe(200);
    expect((await sendSms()).status).toBe('sent');
  });
});
