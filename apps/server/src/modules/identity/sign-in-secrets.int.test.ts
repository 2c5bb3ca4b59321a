// No staff member can take over a car owner's account: a sign-in code is never stored readable,
// never shown through a staff API (outside development mode, and then only to the owner), never
// logged; only the provider call carries it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelMessage } from '../../channels/port.ts';
import { recordInTx } from '../../channels/recorder.ts';
import { registerChannelResolver } from '../../channels/registry.ts';
import { queryRows, type Db } from '../../db/database.ts';
import { createLogger } from '../../kernel/logger.ts';
import { SECRET_MASK } from '../../kernel/secret-text.ts';
import {
  createTestEnv,
  fixedClock,
  latestSignInCode,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { drainMessages } from '../messaging/index.ts';
import { PRIVACY_POLICY_VERSION } from '../privacy/index.ts';

const clock = fixedClock(new Date('2026-03-02T02:00:00.000Z'));
const ROLES = ['owner', 'manager', 'advisor', 'technician', 'partner'] as const;

let env: TestEnv;
let t: TestTenant;
let staff: Record<(typeof ROLES)[number], Session>;
let phoneSeq = 0;
const freshPhone = () =>
  `1365${String((Math.floor(Date.now() / 1000) * 10 + ++phoneSeq) % 10_000_000).padStart(7, '0')}`;

const requestCode = (tenant: TestTenant, phone: string, e = env) =>
  e.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/code',
    payload: { tenant: tenant.slug, phone, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
const signInOwnerApp = (tenant: TestTenant, phone: string, code: string, e = env) =>
  e.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/sign-in',
    payload: { tenant: tenant.slug, phone, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });

/** Every staff GET route without path parameters, from the OpenAPI document. */
async function staffListRoutes(): Promise<string[]> {
  const doc = (await env.app.inject({ url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([p, ops]) => p.startsWith('/api/v1/staff/') && !p.includes('{') && ops.get)
    .map(([p]) => p)
    .filter((p) => !p.endsWith('/stream') && !p.includes('/realtime'));
}

/** What every role can read from every list route, plus each message's detail. */
async function everythingStaffCanRead(routes: string[]): Promise<string> {
  const out: string[] = [];
  for (const role of ROLES) {
    for (const url of routes) {
      const res = await env.app.inject({ url, headers: staff[role].headers });
      if (res.statusCode < 300) out.push(res.body);
    }
    const list = await env.app.inject({
      url: '/api/v1/staff/messages?limit=100',
      headers: staff[role].headers,
    });
    if (list.statusCode === 200)
      for (const m of list.json().items as { id: string }[]) {
        const one = await env.app.inject({
          url: `/api/v1/staff/messages/${m.id}`,
          headers: staff[role].headers,
        });
        out.push(one.body);
      }
  }
  return out.join('\n');
}

/** Every row of the tenant in every table, as text. */
async function tenantRowsAsText(db: Db, tenantId: string): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and tb.table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows<{ t: string | null }>(
      db,
      sql`select string_agg(x::text, E'\n') as t from ${sql.identifier(table_name)} x where x.tenant_id = ${tenantId}`,
    );
    parts.push(rows[0]?.t ?? '');
  }
  return parts.join('\n');
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

beforeAll(async () => {
  env = await createTestEnv({ clock });
  t = await env.createTenant();
  staff = Object.fromEntries(
    await Promise.all(
      ROLES.map(async (r) => [r, await signInStaff(env.app, t.slug, t.staff[r].login)] as const),
    ),
  ) as typeof staff;
});
afterAll(() => env.close());

describe('a sign-in code reaches its recipient only', () => {
  it('no staff role can obtain a code through any staff route, and no row holds it', async () => {
    const routes = await staffListRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const phone = freshPhone();
    const readBefore = await everythingStaffCanRead(routes);
    const rowsBefore = await tenantRowsAsText(env.database.adminDb, t.id);

    expect((await requestCode(t, phone)).statusCode).toBe(202);
    await drainMessages({
      adminDb: env.database.adminDb,
      log: createLogger('silent'),
      clock,
      onlyTenants: [t.id],
    });
    const code = await latestSignInCode(env, t.id, phone); // the operator's view

    const readAfter = await everythingStaffCanRead(routes);
    expect(readAfter).toContain(SECRET_MASK); // the message is there, masked
    expect(occurrences(readAfter, code)).toBe(occurrences(readBefore, code));
    const rowsAfter = await tenantRowsAsText(env.database.adminDb, t.id);
    expect(rowsAfter).toContain('验证码是 ⟦lks1.'); // sealed in intent data and delivery body
    expect(occurrences(rowsAfter, code)).toBe(occurrences(rowsBefore, code));

    // The code itself works for the owner of the phone.
    expect((await signInOwnerApp(t, phone, code)).statusCode).toBe(200);
  });

  it('outside development mode even the owner sees the dev outbox masked; below owner, not at all', async () => {
    const phone = freshPhone();
    expect((await requestCode(t, phone)).statusCode).toBe(202);
    for (const role of ROLES) {
      const res = await env.app.inject({
        url: '/api/v1/staff/dev/outbox',
        headers: staff[role].headers,
      });
      if (role !== 'owner') {
        expect(res.statusCode, role).toBe(403);
        continue;
      }
      const mine = (res.json().items as { to: string; body: string }[]).find((m) =>
        m.to.endsWith(phone),
      );
      expect(mine!.body).toContain(`验证码是 ${SECRET_MASK}`);
      expect(mine!.body).not.toMatch(/验证码是 \d/);
    }
  });

  it('in development mode the owner (the operator on the machine) reads codes; a manager does not', async () => {
    const dev = await createTestEnv({ clock, config: { env: 'development' } });
    try {
      const dt = await dev.createTenant();
      const phone = freshPhone();
      expect((await requestCode(dt, phone, dev)).statusCode).toBe(202);
      const owner = await signInStaff(dev.app, dt.slug, dt.staff.owner.login);
      const res = await dev.app.inject({ url: '/api/v1/staff/dev/outbox', headers: owner.headers });
      const body = (res.json().items as { to: string; body: string }[]).find((m) =>
        m.to.endsWith(phone),
      )!.body;
      const code = /验证码是 (\d{6})/.exec(body)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect((await signInOwnerApp(dt, phone, code!, dev)).statusCode).toBe(200);
      const manager = await signInStaff(dev.app, dt.slug, dt.staff.manager.login);
      expect(
        (await dev.app.inject({ url: '/api/v1/staff/dev/outbox', headers: manager.headers }))
          .statusCode,
      ).toBe(403);
    } finally {
      await dev.close();
    }
  });

  it('a real SMS provider gets the code; the delivery kept and shown to staff is masked', async () => {
    const sent: ChannelMessage[] = [];
    const provider: Channel = {
      name: 'sms',
      provider: 'test-sms',
      async send(m) {
        sent.push(m);
        return { outcome: 'sent', providerMessageId: m.deliveryId };
      },
    };
    registerChannelResolver('sms', async (tenantId) => (tenantId === t.id ? provider : null));
    try {
      const phone = freshPhone();
      expect((await requestCode(t, phone)).statusCode).toBe(202);
      await drainMessages({
        adminDb: env.database.adminDb,
        log: createLogger('silent'),
        clock,
        onlyTenants: [t.id],
      });
      const got = sent.find((m) => m.to.endsWith(phone))!;
      const code = /验证码是 (\d{6})/.exec(got.text)?.[1];
      expect(code).toMatch(/^\d{6}$/);
      expect(got.maskedText).toContain(`验证码是 ${SECRET_MASK}`);
      const [delivery] = await queryRows<{ body: string; intent_id: string }>(
        env.database.adminDb,
        sql`select body, intent_id from message_deliveries where tenant_id = ${t.id} and id = ${got.deliveryId}`,
      );
      expect(delivery!.body).not.toContain(code!);
      const detail = await env.app.inject({
        url: `/api/v1/staff/messages/${delivery!.intent_id}`,
        headers: staff.owner.headers,
      });
      expect(detail.statusCode).toBe(200);
      expect(detail.body).toContain(SECRET_MASK);
      expect(detail.body).not.toContain(code!);
      expect((await signInOwnerApp(t, phone, code!)).statusCode).toBe(200);
    } finally {
      registerChannelResolver('sms', async () => null);
    }
  });

  it('the development recorder logs a secret-bearing message masked', async () => {
    const lines: unknown[] = [];
    const log = { info: (o: unknown) => lines.push(o) } as unknown as Parameters<
      typeof recordInTx
    >[3];
    await env.inTenant(t.id, async (ctx) => {
      await recordInTx(
        ctx.tx,
        {
          tenantId: t.id,
          intentId: null as unknown as string,
          deliveryId: crypto.randomUUID(),
          customerId: null,
          channel: 'sms',
          to: '+8613650000000',
          purpose: 'auth',
          text: '验证码是 424242',
          maskedText: `验证码是 ${SECRET_MASK}`,
        },
        clock.now(),
        log,
      );
    });
    expect(JSON.stringify(lines)).not.toContain('424242');
    expect(JSON.stringify(lines)).toContain(SECRET_MASK);
  });
});
