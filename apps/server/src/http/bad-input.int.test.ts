// Bad input to every route, generated from the OpenAPI document: each answer is a 4xx with a
// stable code in the error body — never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
} from '../testing/harness.ts';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  example?: Record<string, unknown>;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: { 'application/json': { schema: Schema } } };
}

let env: TestEnv;
let tenant: TestTenant;
let staff: Session;
let customer: Session;
let ops: { method: string; path: string; op: Operation }[];
let ids: Record<string, string>;

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  staff = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  customer = await signInCustomer(env, tenant, '13600000001');
  const c = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: staff.headers,
    payload: { name: '测试', phone: '13600000002' },
  });
  const v = await env.app.inject({
    method: 'POST',
    url: `/api/v1/staff/customers/${c.json().id}/vehicles`,
    headers: staff.headers,
    payload: { plate: '粤C12345' },
  });
  ids = {
    customerId: c.json().id,
    vehicleId: v.json().id,
    storeId: tenant.storeId,
    id: '01900000-0000-7000-8000-000000000000',
    slug: tenant.slug,
  };
  const doc = (await env.app.inject('/docs/json')).json() as {
    paths: Record<string, Record<string, Operation>>;
  };
  ops = Object.entries(doc.paths).flatMap(([path, o]) =>
    Object.entries(o).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => env.close());

const WRONG: unknown[] = [
  12345,
  'x'.repeat(5000),
  true,
  null,
  { nested: 1 },
  ['a'],
  '',
  -1,
  1e308,
  '<script>alert(1)</script>',
  "'; drop table customers; --",
];

function badBodies(schema: Schema | undefined): unknown[] {
  const bodies: unknown[] = [[], 'text', 42, {}];
  const example = schema?.example ?? {};
  for (const key of Object.keys(schema?.properties ?? {})) {
    for (const wrong of WRONG) bodies.push({ ...example, [key]: wrong });
  }
  bodies.push({ ...example, unknownField: 'x' });
  return bodies;
}

describe('bad input to every route', () => {
  it('answers 4xx with an error code, never 5xx', async () => {
    let requests = 0;
    for (const { method, path, op } of ops) {
      const session =
        path.startsWith('/api/v1/app/') && !path.includes('/auth/') ? customer : staff;
      const goodUrl = path.replace(/\{(\w+)\}/g, (_m, n: string) => ids[n] ?? ids.id!);
      const urls = [goodUrl];
      if (path.includes('{'))
        urls.push(path.replace(/\{(\w+)\}/g, 'not-a-uuid'), path.replace(/\{(\w+)\}/g, '%00%ff'));
      const queries = (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .flatMap((p) => WRONG.slice(0, 8).map((w) => `${p.name}=${encodeURIComponent(String(w))}`));
      for (const url of urls) {
        const cases: { url: string; payload?: unknown }[] = [];
        if (op.requestBody)
          for (const body of badBodies(op.requestBody.content['application/json'].schema))
            cases.push({ url, payload: body });
        else cases.push({ url });
        for (const q of queries) cases.push({ url: `${url}?${q}` });
        for (const c of cases) {
          const res = await env.app.inject({
            method: method as 'POST',
            url: c.url,
            headers: { ...session.headers, 'idempotency-key': `bad-${requests}` },
            ...(c.payload !== undefined
              ? {
                  payload: JSON.stringify(c.payload),
                  headers: {
                    ...session.headers,
                    'content-type': 'application/json',
                    'idempotency-key': `bad-${requests}`,
                  },
                }
              : {}),
          });
          requests++;
          const where = `${method} ${c.url.slice(0, 120)} ${JSON.stringify(c.payload ?? null).slice(0, 120)}`;
          expect(res.statusCode, `${where} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
          if (res.statusCode >= 400)
            expect(res.json().error?.code, `${where} → ${res.body.slice(0, 300)}`).toMatch(
              /^[A-Z_]+$/,
            );
        }
      }
    }
    expect(requests).toBeGreaterThan(300);
  }, 180_000);
});
