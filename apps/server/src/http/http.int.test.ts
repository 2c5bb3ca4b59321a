import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../testing/harness.ts';

let env: TestEnv;
let tenant: TestTenant;
let advisor: Session;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  advisor = await signInStaff(env.app, tenant.slug, tenant.staff.advisor.login);
});
afterAll(() => env.close());

const customerBody = (phone: string) => ({ name: '王芳', phone });

describe('health and metrics', () => {
  it('answers liveness, readiness and Prometheus metrics', async () => {
    expect((await env.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await env.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
    await env.app.inject('/api/v1/public/app-config');
    const metrics = await env.app.inject('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toContain('liuke_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/v1/public/app-config"');
  });

  it('serves the OpenAPI document with every route documented', async () => {
    const doc = (await env.app.inject('/docs/json')).json();
    expect(doc.openapi).toMatch(/^3\.1/);
    const ops = Object.values(
      doc.paths as Record<string, Record<string, { summary?: string; responses: object }>>,
    ).flatMap((p) => Object.values(p));
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) expect(op.summary).toBeTruthy();
    // The committed document, which the web apps' types are made from, is the one served.
    const committed = JSON.parse(
      fs.readFileSync(
        new URL('../../../../packages/api-client/openapi.json', import.meta.url),
        'utf8',
      ),
    );
    // (The tests raise the upload rate limit, which the upload route's description states.)
    const limitless = (d: unknown) =>
      JSON.parse(JSON.stringify(d).replace(/\d+ uploads a minute/g, 'N uploads a minute'));
    expect(limitless(doc), 'run npm run api:generate').toEqual(limitless(committed));
    const docsPage = await env.app.inject('/docs/');
    expect(docsPage.statusCode).toBe(200);
  });
});

describe('errors', () => {
  it('answers an unknown route with a 404 error body', async () => {
    const res = await env.app.inject('/api/v1/staff/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'NOT_FOUND', message: '未找到' });
  });

  it('localises messages by Accept-Language, zh-CN by default', async () => {
    const zh = await env.app.inject({ method: 'GET', url: '/api/v1/staff/customers' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json().error).toMatchObject({ code: 'AUTH_REQUIRED', message: '请先登录' });
    const en = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/customers',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(en.json().error.message).toBe('Please sign in');
  });

  it('rejects malformed JSON with 400, never 500', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: { ...advisor.headers, 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_REQUEST');
  });

  it('names the field of a validation error', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: { ...advisor.headers, 'accept-language': 'en' },
      payload: { phone: '13800001111' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'name' });
    expect(res.json().error.message).toContain('name');
  });

  it('rejects an unsupported content type with 415', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: { ...advisor.headers, 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects an id that is not a uuid with 400', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/staff/customers/not-an-id',
      headers: advisor.headers,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'customerId' });
  });
});

describe('headers', () => {
  it('sets security headers and echoes a request id', async () => {
    const res = await env.app.inject({
      url: '/healthz',
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(res.headers['x-request-id']).toBe('req-12345678');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    // Stripe's Payment Element: its script and frames from js.stripe.com, its calls to its API.
    expect(csp).toContain("script-src 'self' https://js.stripe.com https://*.js.stripe.com;");
    expect(csp).toContain(
      "frame-src 'self' https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com;",
    );
    expect(csp).toContain("connect-src 'self' https://api.stripe.com;");
    expect(res.headers['strict-transport-security']).toBeDefined();
    const generated = await env.app.inject('/healthz');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Idempotency-Key', () => {
  const post = (key: string, body: object) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: { ...advisor.headers, 'idempotency-key': key },
      payload: body,
    });

  it('replays the first answer for the same key and body', async () => {
    const first = await post('idem-1', customerBody('13900002001'));
    expect(first.statusCode).toBe(201);
    const again = await post('idem-1', customerBody('13900002001'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const list = await env.app.inject({
      url: '/api/v1/staff/customers?q=13900002001',
      headers: advisor.headers,
    });
    expect(list.json().items).toHaveLength(1);
  });

  it('refuses the same key with another body (422)', async () => {
    await post('idem-2', customerBody('13900002002'));
    const other = await post('idem-2', customerBody('13900002003'));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = await env.app.inject({
      url: '/api/v1/staff/customers?q=13900002003',
      headers: advisor.headers,
    });
    expect(list.json().items).toHaveLength(0);
  });

  it('gives concurrent duplicates one effect', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => post('idem-3', customerBody('13900002004'))),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
    const list = await env.app.inject({
      url: '/api/v1/staff/customers?q=13900002004',
      headers: advisor.headers,
    });
    expect(list.json().items).toHaveLength(1);
  });

  it('does not keep a failed attempt: a corrected retry under the same key goes through', async () => {
    const bad = await post('idem-4', { name: '', phone: '13900002005' });
    expect(bad.statusCode).toBe(400);
    const conflict = await post('idem-5', customerBody('13900002001'));
    expect(conflict.statusCode).toBe(409);
    const again = await post('idem-5', customerBody('13900002001'));
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keys are per actor: another staff member may use the same key', async () => {
    const manager = await signInStaff(env.app, tenant.slug, tenant.staff.manager.login);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/staff/customers',
      headers: { ...manager.headers, 'idempotency-key': 'idem-1' },
      payload: customerBody('13900002006'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['idempotent-replayed']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the per-minute limit', async () => {
    const limited = await createTestEnv({ config: { authRateLimitPerMinute: 3 } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.app.inject({
          method: 'POST',
          url: '/api/v1/staff/auth/sign-in',
          payload: { tenant: 'nobody', login: 'x@y.z', password: 'p' },
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json().error.code).toBe('RATE_LIMITED');
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(codes).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
