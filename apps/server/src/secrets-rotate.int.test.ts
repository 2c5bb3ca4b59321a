// `liuke secrets rotate`: with the data directory's key file (new key written, everything
// re-sealed, old key retired later) and with LIUKE_SECRET_KEY (the new value printed, re-sealed
// by the next start). The database part is the same sweep every start runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import { queryRows } from './db/database.ts';
import { sealedColumns, sweepSealedColumns } from './db/sealed.ts';
import {
  currentKeyring,
  keyFilePath,
  loadKeyring,
  openField,
  parseKeyring,
  readKeyFile,
  sealedKeyId,
  useKeyring,
} from './kernel/secret-box.ts';
import { rotateSecrets } from './secrets-rotate.ts';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from './testing/harness.ts';
import { openChannelSecrets } from './modules/channel-settings/index.ts';

let env: TestEnv;
let tenant: TestTenant;
let owner: Session;
let dir: string;
let fileConfig: Config;
let webhookId: string;
let webhookSecret: string;
const SMS_SECRET = 'rotate-me-secret';

beforeAll(async () => {
  env = await createTestEnv({ config: { webhooksAllowPrivate: true } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lk-keys-'));
  fileConfig = { ...env.config, secrets: { envValue: undefined, dataDir: dir } };
  // From here on this process seals with the data directory's key file.
  useKeyring(loadKeyring(fileConfig.secrets));
  tenant = await env.createTenant();
  owner = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const put = await env.app.inject({
    method: 'PUT',
    url: '/api/v1/staff/channel-settings',
    headers: owner.headers,
    payload: {
      channel: 'sms',
      provider: 'aliyun',
      config: { accessKeyId: 'LTAI5tRotate', signName: '留客汽车' },
      secrets: { accessKeySecret: SMS_SECRET },
    },
  });
  expect(put.statusCode).toBe(200);
  // Reading the settings makes the tenant's VAPID pair (its private key is sealed too).
  await env.app.inject({ url: '/api/v1/staff/channel-settings', headers: owner.headers });
  const hook = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/webhooks',
    headers: owner.headers,
    payload: { url: 'http://127.0.0.1:9/x', eventTypes: ['customer.created'] },
  });
  expect(hook.statusCode).toBe(201);
  webhookId = hook.json().id;
  webhookSecret = hook.json().secret;
}, 60_000);

afterAll(async () => {
  await env.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Key ids of this tenant's sealed values, per field. */
async function keyIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const c of sealedColumns()) {
    const rows = await queryRows<{ v: unknown }>(
      env.database.adminDb,
      sql`select ${sql.raw(`"${c.column}"`)} as v from ${sql.raw(`"${c.table}"`)} where tenant_id = ${tenant.id}`,
    );
    for (const r of rows)
      if (r.v !== null)
        for (const v of typeof r.v === 'string' ? [r.v] : Object.values(r.v as object))
          ids.push(sealedKeyId(v as string) ?? 'PLAIN');
  }
  return ids;
}

async function stillOpens() {
  const [row] = await queryRows<{ secrets: Record<string, string> }>(
    env.database.adminDb,
    sql`select secrets from channel_settings where tenant_id = ${tenant.id} and channel = 'sms'`,
  );
  expect(openChannelSecrets(tenant.id, { channel: 'sms', secrets: row!.secrets })).toEqual({
    accessKeySecret: SMS_SECRET,
  });
  const [hook] = await queryRows<{ secret: string }>(
    env.database.adminDb,
    sql`select secret from webhook_subscriptions where tenant_id = ${tenant.id} and id = ${webhookId}`,
  );
  expect(openField(tenant.id, `webhook_subscriptions.secret.${webhookId}`, hook!.secret)).toBe(
    webhookSecret,
  );
}

const sweepWith = async (config: Config) => {
  useKeyring(loadKeyring(config.secrets));
  return sweepSealedColumns(env.database.adminDb);
};

describe('liuke secrets rotate', () => {
  it('with the key file: adds a primary key, re-seals everything, and later retires the old key', async () => {
    const file = keyFilePath(dir);
    const before = readKeyFile(file);
    const ids = await keyIds();
    expect(ids.length).toBeGreaterThanOrEqual(3); // SMS token, VAPID key, webhook secret
    expect(new Set(ids)).toEqual(new Set([before.primary]));

    let text = '';
    await rotateSecrets({
      config: fileConfig,
      retireOld: false,
      sweep: sweepWith,
      out: (t) => (text += t),
    });
    const after = readKeyFile(file);
    expect(after.primary).not.toBe(before.primary);
    expect([...after.keys.keys()].sort()).toEqual([after.primary, before.primary].sort());
    expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(new Set(await keyIds())).toEqual(new Set([after.primary]));
    expect(text).toContain(`${ids.length} re-sealed`);
    await stillOpens();

    // A process still holding the old keyring reads the file again for the new key id.
    useKeyring(before);
    await stillOpens();
    expect(currentKeyring().primary).toBe(after.primary);

    text = '';
    await rotateSecrets({
      config: fileConfig,
      retireOld: true,
      sweep: sweepWith,
      out: (t) => (text += t),
    });
    const retired = readKeyFile(file);
    expect([...retired.keys.keys()]).toEqual([after.primary]);
    expect(text).toContain(`Retired key(s) ${before.primary}`);
    useKeyring(retired);
    await stillOpens();
  });

  it('with LIUKE_SECRET_KEY: prints the value to set; the next start re-seals; retiring prints the single key', async () => {
    const current = currentKeyring();
    const envValue = [...current.keys].map(([id, k]) => `${id}:${k.toString('base64')}`).join(',');
    const envConfig: Config = { ...env.config, secrets: { envValue, dataDir: null } };
    let swept = 0;
    let text = '';
    await rotateSecrets({
      config: envConfig,
      retireOld: false,
      sweep: async (c) => {
        swept++;
        return sweepWith(c);
      },
      out: (t) => (text += t),
    });
    // Nothing is sealed under a key the running processes do not have yet.
    expect(swept).toBe(0);
    const value = /LIUKE_SECRET_KEY=(\S+)/u.exec(text)![1]!;
    const next = parseKeyring(value);
    expect(next.primary).not.toBe(current.primary);
    expect(next.keys.get(current.primary)?.equals(current.keys.get(current.primary)!)).toBe(true);
    expect(new Set(await keyIds())).toEqual(new Set([current.primary]));

    // The first start with the new value re-seals everything under it.
    const report = await sweepWith({ ...envConfig, secrets: { envValue: value, dataDir: null } });
    expect(report.resealed).toBeGreaterThanOrEqual(3);
    expect(new Set(await keyIds())).toEqual(new Set([next.primary]));
    await stillOpens();

    text = '';
    await rotateSecrets({
      config: { ...envConfig, secrets: { envValue: value, dataDir: null } },
      retireOld: true,
      sweep: sweepWith,
      out: (t) => (text += t),
    });
    const single = parseKeyring(/LIUKE_SECRET_KEY=(\S+)/u.exec(text)![1]!);
    expect([...single.keys.keys()]).toEqual([next.primary]);
    useKeyring(single);
    await stillOpens();
  });
});
