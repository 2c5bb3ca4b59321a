// The only reader of process.env: every setting is parsed and checked here, once.
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public origin used in links (e-mails, QR codes); defaults to http://HOST:PORT. */
  LIUKE_PUBLIC_URL: z.string().url().optional(),
  /** Embedded engine: where PGlite keeps its files. Ignored when DATABASE_URL is set. */
  LIUKE_DATA_DIR: z.string().default('./data'),
  /** PostgreSQL for the application: should log in as a role that owns nothing (liuke_app). */
  DATABASE_URL: z.string().url().optional(),
  /** PostgreSQL for migrations and jobs (owner of the tables); defaults to DATABASE_URL. */
  DATABASE_ADMIN_URL: z.string().url().optional(),
  /** Password given to the liuke_app role when migrate creates it (PostgreSQL only). */
  LIUKE_APP_DB_PASSWORD: z.string().min(8).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Tenant the customer app opens when the URL names none. */
  LIUKE_DEFAULT_TENANT: z.string().default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Send cookies with the Secure flag (on by default in production). */
  LIUKE_COOKIE_SECURE: boolish.optional(),
  /** Serve the built console and app from apps/*\/dist. */
  LIUKE_SERVE_WEB: boolish.default(true),
  /** Run the job worker inside `serve` (the embedded default). */
  LIUKE_RUN_WORKER: boolish.default(true),
  /** Run the cron schedules (daily reminders, settlements…); browser tests turn them off. */
  LIUKE_SCHEDULES: boolish.default(true),
  /** Requests per minute per client IP across the API. */
  LIUKE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Behind a reverse proxy: trust X-Forwarded-For from it (true, a hop count, or addresses). */
  LIUKE_TRUST_PROXY: z.string().optional(),
  /** Requests per minute per client IP to sign-in and code routes. */
  LIUKE_AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Keys that seal secrets at rest: `id:base64(32 bytes)[,…]`, the first seals. Default: generated into the data directory. */
  LIUKE_SECRET_KEY: z.string().min(1).optional(),
  /** Operator credential for the admin API (/api/v1/admin); the admin API is off when unset. */
  LIUKE_OPERATOR_TOKEN: z.string().min(24).optional(),
  /** Let anyone open a new shop (tenant, first store, owner) from the sign-up page. */
  LIUKE_SIGN_UP: boolish.default(false),
  /** Sign-ups per hour per client IP. */
  LIUKE_SIGN_UP_PER_HOUR: z.coerce.number().int().min(1).default(5),
  /** Let webhooks reach loopback and private addresses (development, tests); off by default. */
  LIUKE_WEBHOOKS_ALLOW_PRIVATE: boolish.default(false),
  /** Let monitored feeds be fetched from loopback and private addresses (development, tests); off by default. */
  LIUKE_MONITOR_ALLOW_PRIVATE: boolish.default(false),
  /** Crash tests only: the named point where the process kills itself with SIGKILL (never in production). */
  LIUKE_TEST_CRASH_AT: z.string().min(1).optional(),
  /** Uploaded images on local disk: default `<LIUKE_DATA_DIR>/media`. Ignored when S3 is set. */
  LIUKE_MEDIA_DIR: z.string().min(1).optional(),
  /** The largest image file accepted, in bytes (default 10 MiB). */
  LIUKE_MEDIA_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Image uploads per minute per signed-in session. */
  LIUKE_MEDIA_UPLOADS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** S3-compatible object storage for images: set the endpoint and bucket to use it. */
  LIUKE_MEDIA_S3_ENDPOINT: z.string().url().optional(),
  LIUKE_MEDIA_S3_REGION: z.string().min(1).default('us-east-1'),
  LIUKE_MEDIA_S3_BUCKET: z.string().min(1).optional(),
  LIUKE_MEDIA_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  LIUKE_MEDIA_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address the bucket in the path (MinIO and most self-hosted servers) rather than the host. */
  LIUKE_MEDIA_S3_PATH_STYLE: boolish.default(true),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isDevelopment: boolean;
  host: string;
  port: number;
  publicUrl: string;
  database:
    | { kind: 'pglite'; dataDir: string }
    | {
        kind: 'postgres';
        url: string;
        adminUrl: string;
        appPassword: string | undefined;
        poolSize: number;
      };
  defaultTenant: string;
  logLevel: Env['LOG_LEVEL'];
  cookieSecure: boolean;
  serveWeb: boolean;
  runWorker: boolean;
  schedules: boolean;
  rateLimitPerMinute: number;
  authRateLimitPerMinute: number;
  trustProxy: boolean | number | string;
  operatorToken: string | null;
  signUp: boolean;
  signUpPerHour: number;
  repoRoot: string;
  /** Where the secret box's keys come from (kernel/secret-box.ts). */
  secrets: { envValue: string | undefined; dataDir: string | null };
  /** Webhook URLs may point at loopback and private addresses. */
  webhooksAllowPrivate: boolean;
  /** Monitored feeds may be on loopback and private addresses. */
  monitorAllowPrivate: boolean;
  media: MediaConfig;
  /** Crash tests only: where the process kills itself (kernel/crash-points.ts); null otherwise. */
  testCrashAt: string | null;
}

/** Where uploaded images are kept, and how large an upload may be. */
export interface MediaConfig {
  store:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string;
        region: string;
        bucket: string;
        accessKeyId: string;
        secretAccessKey: string;
        pathStyle: boolean;
      };
  maxBytes: number;
  uploadsPerMinute: number;
}

/** LIUKE_DATA_DIR value for a throw-away in-memory database (tests). */
export const MEMORY = 'memory://';

// drizzle-kit loads the tables (and what they import) as CommonJS, where `import.meta` is empty:
// the repository root is then the working directory it runs in.
export const REPO_ROOT = import.meta.dirname
  ? path.resolve(import.meta.dirname, '../../..')
  : process.cwd();

export function loadConfig(
  source: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const env = parsed.data;
  if (env.LIUKE_TEST_CRASH_AT && env.NODE_ENV === 'production')
    throw new Error(
      'Invalid configuration:\n  LIUKE_TEST_CRASH_AT is for crash tests, never production',
    );
  const database: Config['database'] = env.DATABASE_URL
    ? {
        kind: 'postgres',
        url: env.DATABASE_URL,
        adminUrl: env.DATABASE_ADMIN_URL ?? env.DATABASE_URL,
        appPassword: env.LIUKE_APP_DB_PASSWORD,
        poolSize: env.DATABASE_POOL_SIZE,
      }
    : {
        kind: 'pglite',
        dataDir: env.LIUKE_DATA_DIR === MEMORY ? MEMORY : path.resolve(env.LIUKE_DATA_DIR),
      };
  return {
    env: env.NODE_ENV,
    isDevelopment: env.NODE_ENV !== 'production',
    host: env.HOST,
    port: env.PORT,
    publicUrl:
      env.LIUKE_PUBLIC_URL ??
      `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`,
    database,
    defaultTenant: env.LIUKE_DEFAULT_TENANT,
    logLevel: env.LOG_LEVEL,
    cookieSecure: env.LIUKE_COOKIE_SECURE ?? env.NODE_ENV === 'production',
    serveWeb: env.LIUKE_SERVE_WEB,
    runWorker: env.LIUKE_RUN_WORKER,
    schedules: env.LIUKE_SCHEDULES,
    rateLimitPerMinute: env.LIUKE_RATE_LIMIT_PER_MINUTE,
    authRateLimitPerMinute: env.LIUKE_AUTH_RATE_LIMIT_PER_MINUTE,
    trustProxy:
      env.LIUKE_TRUST_PROXY === undefined || env.LIUKE_TRUST_PROXY === 'false'
        ? false
        : env.LIUKE_TRUST_PROXY === 'true'
          ? true
          : /^\d+$/.test(env.LIUKE_TRUST_PROXY)
            ? Number(env.LIUKE_TRUST_PROXY)
            : env.LIUKE_TRUST_PROXY,
    operatorToken: env.LIUKE_OPERATOR_TOKEN ?? null,
    signUp: env.LIUKE_SIGN_UP,
    signUpPerHour: env.LIUKE_SIGN_UP_PER_HOUR,
    repoRoot: REPO_ROOT,
    secrets: {
      envValue: env.LIUKE_SECRET_KEY,
      dataDir: env.LIUKE_DATA_DIR === MEMORY ? null : path.resolve(env.LIUKE_DATA_DIR),
    },
    webhooksAllowPrivate: env.LIUKE_WEBHOOKS_ALLOW_PRIVATE,
    monitorAllowPrivate: env.LIUKE_MONITOR_ALLOW_PRIVATE,
    media: mediaConfig(env),
    testCrashAt: env.LIUKE_TEST_CRASH_AT ?? null,
    ...overrides,
  };
}

function mediaConfig(env: Env): MediaConfig {
  const common = {
    maxBytes: env.LIUKE_MEDIA_MAX_BYTES,
    uploadsPerMinute: env.LIUKE_MEDIA_UPLOADS_PER_MINUTE,
  };
  if (env.LIUKE_MEDIA_S3_ENDPOINT) {
    const { LIUKE_MEDIA_S3_BUCKET: bucket, LIUKE_MEDIA_S3_ACCESS_KEY_ID: accessKeyId } = env;
    const secretAccessKey = env.LIUKE_MEDIA_S3_SECRET_ACCESS_KEY;
    if (!bucket || !accessKeyId || !secretAccessKey)
      throw new Error(
        'Invalid configuration:\n  LIUKE_MEDIA_S3_ENDPOINT needs LIUKE_MEDIA_S3_BUCKET, LIUKE_MEDIA_S3_ACCESS_KEY_ID and LIUKE_MEDIA_S3_SECRET_ACCESS_KEY',
      );
    return {
      ...common,
      store: {
        kind: 's3',
        endpoint: env.LIUKE_MEDIA_S3_ENDPOINT,
        region: env.LIUKE_MEDIA_S3_REGION,
        bucket,
        accessKeyId,
        secretAccessKey,
        pathStyle: env.LIUKE_MEDIA_S3_PATH_STYLE,
      },
    };
  }
  // An in-memory database (tests) keeps its images in a per-process temporary directory.
  const dir =
    env.LIUKE_MEDIA_DIR ??
    (env.LIUKE_DATA_DIR === MEMORY
      ? path.join(os.tmpdir(), `liuke-media-${process.pid}`)
      : path.join(env.LIUKE_DATA_DIR, 'media'));
  return { ...common, store: { kind: 'local', dir: path.resolve(dir) } };
}
