// The OpenAPI document says what the routes really answer: every status a route can return is
// listed (the statuses of its error codes and its success), and non-JSON answers are documented
// in the media type they are sent in. bad-input.int.test.ts checks the same promise from the
// other side: every answer of its thousands of probes is a documented status and code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../kernel/errors.ts';
import { createTestEnv, signInStaff, type Session, type TestEnv } from '../testing/harness.ts';

interface Operation {
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, unknown> };
  'x-error-codes'?: string[];
}

let env: TestEnv;
let staff: Session;
let ops: { method: string; path: string; op: Operation }[];

beforeAll(async () => {
  env = await createTestEnv();
  const tenant = await env.createTenant();
  staff = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  const doc = (await env.app.inject('/docs/json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, o]) =>
    Object.entries(o).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => env.close());

const MEDIA: [RegExp, string][] = [
  [/\.csv$/, 'text/csv'],
  [/\/ics$/, 'text/calendar'],
  [/\.svg$/, 'image/svg+xml'],
  [/\.png$/, 'image/png'],
];

describe('the OpenAPI document', () => {
  it('lists the status of every error code each route declares, and one success', () => {
    expect(ops.length).toBeGreaterThan(200);
    const missing: string[] = [];
    for (const { method, path, op } of ops) {
      const codes = op['x-error-codes'] ?? [];
      if (!codes.includes('VALIDATION_FAILED')) missing.push(`${method} ${path}: no error codes`);
      for (const code of codes) {
        const spec = ERROR_CODES[code as ErrorCode];
        if (!spec) missing.push(`${method} ${path}: unknown code ${code}`);
        else if (!(String(spec.status) in op.responses))
          missing.push(`${method} ${path}: ${code} (${spec.status}) not in responses`);
      }
      const statuses = Object.keys(op.responses);
      const success = statuses.filter((s) => /^2\d\d$/.test(s));
      if (success.length !== 1) missing.push(`${method} ${path}: successes ${success.join(',')}`);
      // No status is documented that no code or success explains.
      for (const s of statuses)
        if (
          !success.includes(s) &&
          !codes.some((c) => String(ERROR_CODES[c as ErrorCode]?.status) === s)
        )
          missing.push(`${method} ${path}: ${s} documented but no code answers it`);
    }
    expect(missing).toEqual([]);
  });

  it('documents writes with their media, size, idempotency and CSRF answers', () => {
    for (const { method, path, op } of ops) {
      if (method === 'GET') continue;
      const codes = op['x-error-codes'] ?? [];
      expect(codes, `${method} ${path}`).toEqual(
        expect.arrayContaining([
          'MALFORMED_REQUEST',
          'PAYLOAD_TOO_LARGE',
          'UNSUPPORTED_MEDIA_TYPE',
        ]),
      );
      for (const s of ['413', '415']) expect(op.responses, `${method} ${path}`).toHaveProperty(s);
      // Session routes (not the public sign-in ones) check the CSRF header on writes.
      const session = path.startsWith('/api/v1/staff/') || path.startsWith('/api/v1/app/');
      if (session && codes.includes('AUTH_REQUIRED'))
        expect(codes, `${method} ${path}`).toContain('CSRF_INVALID');
    }
  });

  it('documents downloads in the media type they are sent in, not as JSON', () => {
    let downloads = 0;
    for (const { method, path, op } of ops) {
      const media = MEDIA.find(([re]) => re.test(path))?.[1];
      const success = Object.entries(op.responses).find(([s]) => /^2\d\d$/.test(s))![1];
      const types = Object.keys(success.content ?? {});
      if (media) {
        downloads++;
        expect(types, `${method} ${path}`).toEqual([media]);
      } else if (success.content) {
        expect(types.length, `${method} ${path}`).toBe(1);
      }
    }
    expect(downloads).toBeGreaterThanOrEqual(10);
  });

  it('matches what the CSV routes send', async () => {
    const documented = (path: string) =>
      Object.keys(ops.find((o) => o.path === path)!.op.responses['200']!.content!)[0];
    for (const url of [
      '/api/v1/staff/exports/customers.csv',
      '/api/v1/staff/referrals/share.csv?from=2026-01&to=2026-03',
    ]) {
      const res = await env.app.inject({ method: 'GET', url, headers: staff.headers });
      expect(res.statusCode, res.body).toBe(200);
      const sent = String(res.headers['content-type']).split(';')[0];
      expect(sent).toBe(documented(url.split('?')[0]!));
      expect(res.body.startsWith('\ufeff')).toBe(true);
    }
  });
});
