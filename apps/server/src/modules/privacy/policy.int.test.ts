// The privacy policy at sign-in: shown per shop, and no code or sign-in without accepting its
// current version; the acceptance is recorded (version, time) once per customer and version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestEnv,
  latestSignInCode,
  type TestEnv,
  type TestTenant,
} from '../../testing/harness.ts';
import { PRIVACY_POLICY_VERSION, privacyPolicyConsents } from './index.ts';

let env: TestEnv;
let t: TestTenant;

beforeAll(async () => {
  env = await createTestEnv();
  t = await env.createTenant();
});
afterAll(() => env.close());

const post = (url: string, payload: object) =>
  env.app.inject({ method: 'POST', url: `/api/v1/app/auth/${url}`, payload });

describe('privacy policy and consent at sign-in', () => {
  it('serves the shop’s policy with its version, in the asked language', async () => {
    const zh = await env.app.inject(`/api/v1/public/tenants/${t.slug}/privacy-policy`);
    expect(zh.statusCode, zh.body).toBe(200);
    expect(zh.json()).toMatchObject({
      tenantName: `测试商户 ${t.slug}`,
      version: PRIVACY_POLICY_VERSION,
    });
    expect(zh.json().paragraphs[0]).toContain(`测试商户 ${t.slug}`);
    const en = await env.app.inject({
      url: `/api/v1/public/tenants/${t.slug}/privacy-policy`,
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().paragraphs.join(' ')).toContain('personal information');
    const none = await env.app.inject('/api/v1/public/tenants/no-such-shop/privacy-policy');
    expect(none.statusCode).toBe(404);
  });

  it('sends no code without the current policy accepted (stable code, the field named)', async () => {
    const phone = '13700000001';
    for (const body of [
      { tenant: t.slug, phone },
      { tenant: t.slug, phone, privacyPolicyVersion: '2020-01' },
    ]) {
      const res = await post('code', body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'PRIVACY_CONSENT_REQUIRED',
        field: 'privacyPolicyVersion',
        details: { currentVersion: PRIVACY_POLICY_VERSION },
      });
    }
    await expect(latestSignInCode(env, t.id, phone)).rejects.toThrow();
  });

  it('refuses a sign-in without consent, even with a right code; records it once accepted', async () => {
    const phone = '13700000002';
    const v = PRIVACY_POLICY_VERSION;
    expect(
      (await post('code', { tenant: t.slug, phone, privacyPolicyVersion: v })).statusCode,
    ).toBe(202);
    const code = await latestSignInCode(env, t.id, phone);
    const refused = await post('sign-in', { tenant: t.slug, phone, code });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    // The code was not used up by the refused attempt.
    const ok = await post('sign-in', { tenant: t.slug, phone, code, privacyPolicyVersion: v });
    expect(ok.statusCode, ok.body).toBe(200);
    const customerId = ok.json().customer.id as string;
    const rows = await env.inTenant(t.id, (ctx) => ctx.tx.select().from(privacyPolicyConsents));
    expect(rows.map((r) => [r.customerId, r.policyVersion])).toEqual([[customerId, v]]);
    expect(rows[0]!.acceptedAt).toBeInstanceOf(Date);
  });
});
