import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env.close());

describe('the owner app installs under the shop’s name', () => {
  it('serves a web manifest per shop, named after it and opening on it', async () => {
    const shop = await env.createTenant();
    const res = await env.app.inject(`/api/v1/public/tenants/${shop.slug}/manifest.webmanifest`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/manifest+json');
    const manifest = res.json();
    expect(manifest.name).toBe(`测试商户 ${shop.slug}`);
    expect(Array.from(manifest.short_name as string).length).toBeLessThanOrEqual(12);
    expect(manifest.name.startsWith(manifest.short_name)).toBe(true);
    expect(manifest.start_url).toBe(`/app/?t=${shop.slug}`);
    expect(manifest.scope).toBe('/app/');
    expect(manifest.icons.map((i: { src: string }) => i.src)).toContain('/app/icons/icon-512.png');
  });

  it('answers 404 for a shop that does not exist', async () => {
    const res = await env.app.inject('/api/v1/public/tenants/no-such-shop/manifest.webmanifest');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
