// Test harness: a real server (Fastify inject, no port) on a real database — in-memory PGlite
// by default, PostgreSQL when TEST_DATABASE_URL is set (the application then logs in as the
// liuke_app role, which owns nothing and cannot bypass row-level security).
import { authenticator, ROUTES, wireModules } from '../modules.ts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, MEMORY, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { runMigrations } from '../db/migrate.ts';
import { withTenant } from '../db/tenant-scope.ts';
import { buildApp } from '../http/app.ts';
import { fixedClock, systemClock, type Clock } from '../kernel/clock.ts';
import type { Ctx } from '../kernel/context.ts';
import { newId } from '../kernel/ids.ts';
import { createLogger } from '../kernel/logger.ts';
import { loadKeyring, useKeyring } from '../kernel/secret-box.ts';
import { listRecordedMessages } from '../channels/index.ts';
import { createStaffUser, type StaffRole } from '../modules/identity/index.ts';
import { createStore, createTenant } from '../modules/tenancy/index.ts';
import { PRIVACY_POLICY_VERSION } from '../modules/privacy/index.ts';
import { useMediaStore } from '../modules/media/index.ts';

export const TEST_PASSWORD = 'Test-pass-2026';

/** The PostgreSQL URL the application uses in tests: the same database, as liuke_app. */
export function appUrlFor(adminUrl: string): string {
  const u = new URL(adminUrl);
  u.username = 'liuke_app';
  u.password = process.env.LIUKE_APP_DB_PASSWORD ?? '';
  return u.toString();
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  const admin = process.env.TEST_DATABASE_URL;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LIUKE_SERVE_WEB: 'false',
    LIUKE_RUN_WORKER: 'false',
    LIUKE_RATE_LIMIT_PER_MINUTE: '100000',
    LIUKE_AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    LIUKE_SIGN_UP_PER_HOUR: '100000',
    LIUKE_MEDIA_UPLOADS_PER_MINUTE: '100000',
    ...(admin
      ? { DATABASE_URL: appUrlFor(admin), DATABASE_ADMIN_URL: admin, DATABASE_POOL_SIZE: '4' }
      : { LIUKE_DATA_DIR: MEMORY }),
  };
  return loadConfig(env, overrides);
}

export interface TestTenant {
  id: string;
  slug: string;
  storeId: string;
  staff: Record<Exclude<StaffRole, 'partner'> | 'partner', { id: string; login: string }>;
}

export interface TestEnv {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: Clock;
  /** A tenant with one store and one staff member of each role. */
  createTenant(slug?: string): Promise<TestTenant>;
  /** Runs `fn` as the system inside a tenant's scope (for test setup). */
  inTenant<T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

let migrated: Promise<void> | null = null;

export async function createTestEnv(
  opts: { clock?: Clock; config?: Partial<Config> } = {},
): Promise<TestEnv> {
  const config = testConfig(opts.config);
  wireModules();
  useKeyring(loadKeyring(config.secrets));
  useMediaStore(config.media);
  const clock = opts.clock ?? systemClock;
  const database = await openDatabase(config);
  if (database.kind === 'pglite') await runMigrations(database);
  else {
    // On PostgreSQL the global setup migrated the database once for every test file.
    migrated ??= process.env.LIUKE_TEST_MIGRATED ? Promise.resolve() : runMigrations(database);
    await migrated;
  }
  const logger = createLogger(config.logLevel);
  const app = await buildApp({
    config,
    database,
    clock,
    logger,
    routes: ROUTES,
    auth: authenticator,
  });
  await app.ready();

  const inTenant = <T>(tenantId: string, fn: (ctx: Ctx) => Promise<T>) =>
    withTenant(database.db, tenantId, (tx) =>
      fn({
        tenantId,
        actor: { type: 'system', id: null },
        tx,
        clock,
        locale: 'zh-CN',
        requestId: null,
        log: logger,
      }),
    );

  return {
    app,
    database,
    config,
    clock,
    inTenant,
    async createTenant(slug = `t-${newId().slice(-12)}`) {
      const { tenantId } = await createTenant(database.db, { slug, name: `测试商户 ${slug}` });
      return inTenant(tenantId, async (ctx) => {
        const store = await createStore(ctx, { code: 'S01', name: '一号店' });
        const staff = {} as TestTenant['staff'];
        const roles: StaffRole[] = ['owner', 'manager', 'advisor', 'technician', 'partner'];
        for (const [i, role] of roles.entries()) {
          const login = `${role}-${slug}@example.com`;
          const { id } = await createStaffUser(ctx, {
            name: `${role}${i}`,
            email: login,
            phone: null,
            password: TEST_PASSWORD,
            role,
            storeIds: [store.id],
          });
          staff[role] = { id, login };
        }
        return { id: tenantId, slug, storeId: store.id, staff };
      });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  headers: Record<string, string>;
}

function cookieFrom(res: LightMyRequestResponse, name: string): string {
  const c = res.cookies.find((x) => x.name === name);
  if (!c) throw new Error(`no ${name} cookie in ${res.statusCode} ${res.body}`);
  return `${name}=${c.value}`;
}

export async function signInStaff(
  app: FastifyInstance,
  tenant: string,
  login: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/staff/auth/sign-in',
    payload: { tenant, login, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieFrom(res, 'lk_staff');
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/**
 * The development outbox as the operator on the machine sees it (secrets opened): no staff API
 * shows a sign-in code outside development mode, so tests read it here.
 */
export async function devOutbox(env: TestEnv, tenantId: string, limit = 200) {
  return env.inTenant(tenantId, (ctx) => listRecordedMessages(ctx, limit, { reveal: true }));
}

/** The newest sign-in code the development channel carried to a phone (local or +86 form). */
export async function latestSignInCode(
  env: TestEnv,
  tenantId: string,
  phone: string,
): Promise<string> {
  const digits = phone.replace(/\D/g, '').slice(-11);
  const m = (await devOutbox(env, tenantId)).find(
    (i) => i.to.endsWith(digits) && i.purpose === 'auth',
  );
  const code = /验证码是 (\d{6})/.exec(m?.body ?? '')?.[1];
  if (!code) throw new Error(`no sign-in code recorded for ${phone}`);
  return code;
}

/** Signs a car owner in through the real code flow, reading the code from the dev outbox. */
export async function signInCustomer(
  env: TestEnv,
  tenant: TestTenant,
  phone: string,
): Promise<Session> {
  const sent = await env.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/code',
    payload: { tenant: tenant.slug, phone, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
  if (sent.statusCode !== 202)
    throw new Error(`code request failed: ${sent.statusCode} ${sent.body}`);
  const code = await latestSignInCode(env, tenant.id, phone);
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/app/auth/sign-in',
    payload: { tenant: tenant.slug, phone, code, privacyPolicyVersion: PRIVACY_POLICY_VERSION },
  });
  if (res.statusCode !== 200)
    throw new Error(`customer sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = cookieFrom(res, 'lk_app');
  const csrf = res.json().csrfToken as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export { fixedClock };
