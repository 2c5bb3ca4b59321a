// Bad input to every route, generated from the OpenAPI document: each answer is a 4xx with a
// stable code in the error body and a status the document lists for that route — never a 500.
// Probes per operation, from its schemas: wrong JSON types and shapes at every field, impossible
// calendar dates and year 0000 wherever a date or an instant is taken, forged paging cursors,
// NUL characters and lone surrogates in every string (body, query and path), huge numbers,
// empty bodies and wrong content types.
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
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  minLength?: number;
  minItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: Schema | boolean;
  example?: unknown;
  default?: unknown;
}
interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
  'x-error-codes'?: string[];
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** What a probe tests; the strict kinds must be refused (4xx), never accepted. */
type Kind =
  | 'wrong-type'
  | 'shape'
  | 'number'
  | 'date'
  | 'cursor'
  | 'nul'
  | 'surrogate'
  | 'content-type'
  | 'credential';
const STRICT = new Set<Kind>(['date', 'cursor', 'nul', 'surrogate']);

interface Probe {
  kind: Kind;
  /** The field the answer should name (strict kinds). */
  field?: string;
  url: string;
  payload?: string;
  contentType?: string;
  /** Replaces the session's headers (credential probes). */
  headers?: Record<string, string>;
}

let env: TestEnv;
let tenant: TestTenant;
let staff: Session;
let customer: Session;
let apiKey: string;
let doc: Doc;
let ids: Record<string, string>;

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

beforeAll(async () => {
  env = await createTestEnv();
  tenant = await env.createTenant();
  staff = await signInStaff(env.app, tenant.slug, tenant.staff.owner.login);
  customer = await signInCustomer(env, tenant, '13600000001');
  const post = (url: string, payload: unknown) =>
    env.app.inject({ method: 'POST', url, headers: staff.headers, payload: payload as object });
  const c = await post('/api/v1/staff/customers', { name: '测试', phone: '13600000002' });
  const v = await post(`/api/v1/staff/customers/${c.json().id}/vehicles`, { plate: '粤C12345' });
  const o = await post('/api/v1/staff/service-orders', {
    customerId: c.json().id,
    vehicleId: v.json().id,
    storeId: tenant.storeId,
  });
  const k = await post('/api/v1/staff/api-keys', { name: 'sweep', role: 'manager' });
  apiKey = k.json().key as string;
  ids = {
    customerId: c.json().id,
    vehicleId: v.json().id,
    orderId: o.json().id,
    storeId: tenant.storeId,
    slug: tenant.slug,
    tenant: tenant.slug,
  };
  doc = (await env.app.inject('/docs/json')).json() as Doc;
});
afterAll(() => env.close());

// ---- reading the document's schemas ----

function resolve(schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 8) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc.components?.schemas?.[name], depth + 1);
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const first = alternatives.map((s) => resolve(s, depth + 1)).find((s) => s.type !== 'null');
    return first ?? {};
  }
  if (schema.allOf)
    return schema.allOf.reduce<Schema>((acc, s) => {
      const r = resolve(s, depth + 1);
      return {
        ...acc,
        ...r,
        properties: { ...acc.properties, ...r.properties },
        required: [...(acc.required ?? []), ...(r.required ?? [])],
      };
    }, {});
  return schema;
}

const typeOf = (s: Schema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);
const isDate = (s: Schema) =>
  s.format === 'date' || /\\d\{4\}-\\d\{2\}-\\d\{2\}/.test(s.pattern ?? '');
const isMonth = (s: Schema) => !isDate(s) && /\\d\{4\}-\(0\[1-9\]/.test(s.pattern ?? '');
const isInstant = (s: Schema) => s.format === 'date-time';

/** A plausible valid value, so that a probe on one field is not hidden by another. */
function sample(schema: Schema | undefined, name = '', depth = 0): unknown {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth < 4)
        for (const key of s.required ?? []) out[key] = sample(s.properties?.[key], key, depth + 1);
      return out;
    }
    case 'array':
      return depth < 4 && (s.minItems ?? 0) > 0 ? [sample(s.items, name, depth + 1)] : [];
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return ids[name] ?? UNKNOWN_ID;
      if (isDate(s)) return '2026-03-01';
      if (isMonth(s)) return '2026-03';
      if (isInstant(s)) return '2026-03-01T08:00:00Z';
      if (/phone/i.test(name)) return '13600000009';
      return 'x'.repeat(Math.max(s.minLength ?? 1, 2));
    default:
      return null;
  }
}

/** Every field of a body schema (nested objects and the first array item), with its schema. */
function leaves(schema: Schema | undefined, path: string[] = [], depth = 0) {
  const out: { path: string[]; schema: Schema }[] = [];
  const s = resolve(schema);
  if (depth > 4) return out;
  const t = typeOf(s);
  if (t === 'object' && s.properties) {
    for (const [key, sub] of Object.entries(s.properties)) {
      out.push({ path: [...path, key], schema: resolve(sub) });
      out.push(...leaves(sub, [...path, key], depth + 1));
    }
  } else if (t === 'array' && s.items) {
    out.push(...leaves(s.items, [...path, '0'], depth + 1));
  }
  return out;
}

function withValue(base: unknown, path: string[], value: unknown, schema: Schema): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const s = resolve(schema);
  if (/^\d+$/.test(head)) {
    const arr = Array.isArray(base) ? [...base] : [];
    const i = Number(head);
    arr[i] = withValue(arr[i] ?? sample(s.items), rest, value, s.items ?? {});
    return arr;
  }
  const obj =
    base && typeof base === 'object' && !Array.isArray(base)
      ? { ...(base as Record<string, unknown>) }
      : {};
  const sub = s.properties?.[head] ?? {};
  obj[head] = withValue(obj[head] ?? sample(sub, head), rest, value, sub);
  return obj;
}

// ---- the probes ----

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
const HUGE = [2 ** 53 + 2, -1e308, 1e21, 2 ** 31, -(2 ** 63), 0.5];
const BAD_DATES = [
  '2023-02-30',
  '2023-13-01',
  '2025-02-29',
  '0000-01-01',
  '2023-00-10',
  '2023-04-31',
];
const BAD_INSTANTS = [
  '2023-02-30T08:00:00Z',
  '2025-02-29T08:00:00+08:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+01:00',
  '2023-13-01T00:00:00Z',
];
const BAD_MONTHS = ['0000-01', '2023-13', '2023-00'];
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const FORGED_CURSORS = [
  'garbage!!',
  b64(['x', 'y']),
  b64(['2026-01-01 00:00:00+00', 'not-a-uuid']),
  b64(['not-a-time', UNKNOWN_ID]),
  b64(['0000-01-01 00:00:00+00', UNKNOWN_ID]),
  b64(['2023-02-30', UNKNOWN_ID, 'oil']),
  b64([1e308]),
  b64([1.5, 'x']),
  b64(['a\u0000b', UNKNOWN_ID, 'x']),
  b64({ a: 1 }),
  b64([]),
  b64([null, null]),
  Buffer.from('["2026-01-01', 'utf8').toString('base64url'),
];

const GARBLED_CREDENTIALS: Record<string, string>[] = [
  { authorization: 'Bearer lks_not-a-tenant_secret' },
  { authorization: `Bearer lk_${UNKNOWN_ID}_secret` },
  { authorization: `Bearer lks_${UNKNOWN_ID}_${'x'.repeat(3000)}` },
  { authorization: 'Basic YTpi' },
  { cookie: 'lk_staff=%ff%00; lk_app=lks_x' },
];

function stringProbes(s: Schema): { kind: Kind; value: string }[] {
  const out: { kind: Kind; value: string }[] = [
    { kind: 'nul', value: NUL },
    { kind: 'surrogate', value: LONE_SURROGATE },
  ];
  if (isDate(s)) out.push(...BAD_DATES.map((value) => ({ kind: 'date' as const, value })));
  if (isInstant(s)) out.push(...BAD_INSTANTS.map((value) => ({ kind: 'date' as const, value })));
  if (isMonth(s)) out.push(...BAD_MONTHS.map((value) => ({ kind: 'date' as const, value })));
  return out;
}

function bodyProbes(url: string, schema: Schema): Probe[] {
  const base = sample(schema);
  const json = (v: unknown) => JSON.stringify(v);
  const probes: Probe[] = [
    ...[[], 'text', 42, {}, null, [base]].map((v) => ({
      kind: 'shape' as const,
      url,
      payload: json(v),
    })),
    { kind: 'shape', url, payload: '' },
    { kind: 'shape', url, payload: '{"a":' },
    { kind: 'shape', url, payload: '{"__proto__":{"x":1}}' },
    { kind: 'shape', url, payload: '{"constructor":{"prototype":{"x":1}}}' },
    { kind: 'shape', url, payload: json({ ...(base as object), unknownField: 'x' }) },
    { kind: 'content-type', url, payload: 'a=1', contentType: 'text/plain' },
    { kind: 'content-type', url, payload: 'a=1', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'content-type', url, payload: '<a/>', contentType: 'application/xml' },
    { kind: 'content-type', url, payload: '--x--', contentType: 'multipart/form-data; boundary=x' },
  ];
  for (const leaf of leaves(schema)) {
    const at = (value: unknown) => json(withValue(base, leaf.path, value, schema));
    const field = leaf.path.join('.');
    if (leaf.path.length === 1)
      for (const wrong of WRONG) probes.push({ kind: 'wrong-type', url, payload: at(wrong) });
    else
      for (const wrong of [12345, null, ['a'], { nested: 1 }])
        probes.push({ kind: 'wrong-type', url, payload: at(wrong) });
    const t = typeOf(leaf.schema);
    if (t === 'string' || leaf.schema.enum)
      for (const p of stringProbes(leaf.schema))
        probes.push({ kind: p.kind, field, url, payload: at(p.value) });
    if (t === 'integer' || t === 'number')
      for (const n of HUGE) probes.push({ kind: 'number', url, payload: at(n) });
  }
  // An unexpected key carrying a NUL (keys end up in JSON columns too).
  probes.push({ kind: 'nul', url, payload: json({ ...(base as object), ['k\u0000']: 1 }) });
  return probes;
}

/** The URL with each required query parameter set to a good sample. */
function withRequiredQuery(url: string, params: Parameter[]): string {
  const pairs = params
    .filter((p) => p.required)
    .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`);
  return pairs.length ? `${url}?${pairs.join('&')}` : url;
}

function queryProbes(url: string, params: Parameter[]): Probe[] {
  const q = (pairs: Record<string, string>) =>
    `${url}?${Object.entries(pairs)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')}`;
  const base: Record<string, string> = {};
  for (const p of params)
    if (p.required) base[p.name] = encodeURIComponent(String(sample(p.schema, p.name)));
  const probes: Probe[] = [];
  for (const p of params) {
    const s = resolve(p.schema);
    for (const w of WRONG.slice(0, 9))
      probes.push({
        kind: 'wrong-type',
        url: q({ ...base, [p.name]: encodeURIComponent(String(w)) }),
      });
    probes.push({ kind: 'nul', field: p.name, url: q({ ...base, [p.name]: 'a%00b' }) });
    // Percent-encoded lone surrogate (not valid UTF-8).
    probes.push({ kind: 'shape', url: q({ ...base, [p.name]: 'a%ED%A0%80b' }) });
    for (const probe of stringProbes(s))
      if (probe.kind === 'date')
        probes.push({
          kind: 'date',
          field: p.name,
          url: q({ ...base, [p.name]: encodeURIComponent(probe.value) }),
        });
    if (p.name === 'cursor')
      for (const c of FORGED_CURSORS)
        probes.push({ kind: 'cursor', field: 'cursor', url: q({ ...base, cursor: c }) });
    if (typeOf(s) === 'integer' || typeOf(s) === 'number')
      for (const n of ['1e400', '-1e400', '9007199254740993', 'NaN', 'Infinity', '0x10'])
        probes.push({ kind: 'number', url: q({ ...base, [p.name]: n }) });
    // The parameter twice: the query parser makes it an array.
    probes.push({ kind: 'shape', url: `${q(base)}&${p.name}=1&${p.name}=2` });
  }
  return probes;
}

function probesFor(path: string, op: Operation): Probe[] {
  const good = path.replace(/\{(\w+)\}/g, (_m, n: string) => ids[n] ?? UNKNOWN_ID);
  const probes: Probe[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  for (const p of pathParams) {
    const at = (v: string) =>
      path.replace(/\{(\w+)\}/g, (_m, n: string) => (n === p.name ? v : (ids[n] ?? UNKNOWN_ID)));
    probes.push({ kind: 'nul', field: p.name, url: at('a%00b') });
    probes.push({ kind: 'shape', url: at('a%ED%A0%80b') });
    probes.push({ kind: 'shape', url: at('not-a-uuid') });
    probes.push({ kind: 'shape', url: at('%00%ff') });
  }
  // Garbled credentials: an answer of 401, never a lookup that fails.
  for (const headers of GARBLED_CREDENTIALS)
    probes.push({ kind: 'credential', url: good, headers });
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  probes.push(...queryProbes(good, query));
  const content = op.requestBody?.content ?? {};
  const json = content['application/json'];
  if (json) probes.push(...bodyProbes(good, json.schema));
  else
    for (const [type, { schema }] of Object.entries(content)) {
      // Provider callbacks take their own media types: text (XML) or a form — parsed, or kept
      // as the raw text their signature covers (then the body is one string). Their required
      // query (the tenant) is given, so that the body is what is refused.
      const form = type === 'application/x-www-form-urlencoded' && typeOf(schema) !== 'string';
      const at = withRequiredQuery(good, query);
      probes.push(
        { kind: 'content-type', url: at, payload: '{}', contentType: 'application/json' },
        { kind: 'shape', url: at, payload: '', contentType: type },
        {
          kind: 'nul',
          field: form ? 'a' : 'body',
          url: at,
          payload: form ? 'a=x%00y' : '<xml>a\u0000b</xml>',
          contentType: type,
        },
      );
    }
  return probes;
}

/** The error codes a route documents. */
const documentedCodes = (op: Operation) => new Set(op['x-error-codes'] ?? []);

describe('bad input to every route', () => {
  it('answers 4xx with a documented code and status, never 5xx', async () => {
    let requests = 0;
    const serverErrors: string[] = [];
    const problems: string[] = [];
    const operations = Object.entries(doc.paths).flatMap(([path, o]) =>
      Object.entries(o).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    for (const { method, path, op } of operations) {
      const headers: Record<string, string> = path.startsWith('/api/v1/integrations/')
        ? { authorization: `Bearer ${apiKey}` }
        : path.startsWith('/api/v1/app/') && !path.includes('/auth/')
          ? customer.headers
          : staff.headers;
      const codes = documentedCodes(op);
      for (const probe of probesFor(path, op)) {
        const res = await env.app.inject({
          method: method as 'POST',
          url: probe.url,
          headers: {
            ...(probe.headers ?? headers),
            'idempotency-key': `bad-${requests}`,
            ...(probe.payload !== undefined
              ? { 'content-type': probe.contentType ?? 'application/json' }
              : {}),
          },
          ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
        });
        requests++;
        const where = `${probe.kind}: ${method} ${probe.url.slice(0, 140)} ${(probe.payload ?? '').slice(0, 160)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        if (res.statusCode >= 500) {
          serverErrors.push(where);
          continue;
        }
        if (res.statusCode >= 400) {
          const error = (res.json() as { error?: { code?: string; field?: string } }).error;
          if (!error?.code || !/^[A-Z_]+$/.test(error.code)) problems.push(`no code: ${where}`);
          else if (!codes.has(error.code)) problems.push(`undocumented code: ${where}`);
          if (!(String(res.statusCode) in op.responses))
            problems.push(`undocumented status: ${where}`);
          if (STRICT.has(probe.kind) && probe.field) {
            const issues = (
              res.json() as { error: { details?: { issues?: { path: string }[] } } }
            ).error.details?.issues?.map((i) => i.path);
            if (
              res.statusCode !== 400 ||
              (error?.field !== probe.field && !issues?.includes(probe.field))
            )
              problems.push(`not refused on ${probe.field}: ${where}`);
          }
        } else if (STRICT.has(probe.kind)) {
          problems.push(`accepted: ${where}`);
        }
      }
    }
    // The sweep's size, for the record (CI logs).
    console.warn(
      `bad-input sweep: ${requests} requests over ${operations.length} operations, ${serverErrors.length} answered 5xx`,
    );
    // SWEEP_REPORT=<file> keeps every finding for reading (the assertions below show the first).
    if (process.env.SWEEP_REPORT)
      (await import('node:fs')).writeFileSync(
        process.env.SWEEP_REPORT,
        [...serverErrors, '----', ...problems].join('\n'),
      );
    expect(serverErrors).toEqual([]);
    expect(problems).toEqual([]);
    expect(requests).toBeGreaterThan(5000);
  }, 900_000);
});
