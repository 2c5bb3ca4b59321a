// Images over HTTP on a real database: a car owner's and a staff member's uploads, the type
// sniffed from the bytes, the size limit, serving without a session with long-lived cache
// headers, another tenant's image answering 404, and the public surface other modules use.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import {
  createTestEnv,
  signInCustomer,
  signInStaff,
  type Session,
  type TestEnv,
  type TestTenant,
  testConfig,
} from '../../testing/harness.ts';
import { claimImages, demoPicture, findImages, saveImage, type StoredImage } from './index.ts';

const MAX_BYTES = 256 * 1024;

let env: TestEnv;
let t: TestTenant;
let other: TestTenant;
let owner: Session;
let technician: Session;
let carOwner: Session;
let carOwnerId: string;
let otherCarOwner: Session;

function form(
  parts: { name: string; filename?: string; type?: string; content: Buffer | string }[],
) {
  const boundary = `----liuke${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"` +
          (p.filename
            ? `; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'image/jpeg'}`
            : '') +
          '\r\n\r\n',
      ),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  url: string,
  session: Session | null,
  file: Buffer,
  opts: { filename?: string; type?: string; purpose?: string } = {},
) {
  const body = form([
    { name: 'file', filename: opts.filename ?? 'photo.jpg', type: opts.type, content: file },
    ...(opts.purpose ? [{ name: 'purpose', content: opts.purpose }] : []),
  ]);
  return env.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...(session?.headers ?? {}), ...body.headers },
  });
}
const APP = '/api/v1/app/media/images';
const STAFF = '/api/v1/staff/media/images';

beforeAll(async () => {
  // A small limit keeps the over-limit upload quick; the setting is the same path as 10 MiB.
  env = await createTestEnv({ config: { media: { ...testConfig().media, maxBytes: MAX_BYTES } } });
  t = await env.createTenant();
  other = await env.createTenant();
  owner = await signInStaff(env.app, t.slug, t.staff.owner.login);
  technician = await signInStaff(env.app, t.slug, t.staff.technician.login);
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/v1/staff/customers',
    headers: owner.headers,
    payload: { name: '陈先生', phone: '13700000001' },
  });
  carOwnerId = created.json().id as string;
  carOwner = await signInCustomer(env, t, '13700000001');
  otherCarOwner = await signInCustomer(env, other, '13700000002');
});
afterAll(() => env.close());

describe('uploading images', () => {
  it('takes a car owner’s photo, strips its GPS and answers its public addresses', async () => {
    const photo = await sharp({
      create: { width: 3000, height: 2000, channels: 3, background: '#3a7' },
    })
      .jpeg({ quality: 30 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 0/1' } })
      .toBuffer();
    const res = await upload(APP, carOwner, photo, { purpose: 'club_post' });
    expect(res.statusCode).toBe(201);
    const image = res.json() as StoredImage;
    expect(image).toMatchObject({ width: 2048, height: 1365 });
    expect(image.url).toBe(`/api/v1/public/media/${t.id}/images/${image.id}/display`);

    // Served without a session, immutable, with the right type, without metadata.
    const display = await env.app.inject({ method: 'GET', url: image.url });
    expect(display.statusCode).toBe(200);
    expect(display.headers['content-type']).toBe('image/jpeg');
    expect(display.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(display.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(display.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 1365]);
    expect(meta.exif).toBeUndefined();

    const thumb = await env.app.inject({ method: 'GET', url: image.thumbUrl });
    expect(thumb.statusCode).toBe(200);
    const thumbMeta = await sharp(thumb.rawPayload).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([400, 267]);
  });

  it('takes any staff member’s image', async () => {
    const res = await upload(STAFF, technician, await demoPicture(3, 800, 450), {
      purpose: 'event_cover',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ width: 800, height: 450 });
  });

  it('goes by the bytes: a PNG called .jpg is a PNG, a PDF or SVG called .jpg is refused', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const ok = await upload(APP, carOwner, png, { filename: 'car.jpg', type: 'image/jpeg' });
    expect(ok.statusCode).toBe(201);

    const refused = [
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00]),
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><script>alert(1)</script></svg>',
      ),
    ];
    for (const bytes of refused) {
      const res = await upload(APP, carOwner, bytes, { filename: 'photo.jpg', type: 'image/jpeg' });
      expect(res.statusCode).toBe(415);
      expect(res.json().error).toMatchObject({ code: 'MEDIA_TYPE_NOT_ALLOWED', field: 'file' });
    }
  });

  it('refuses a file over the limit with 413', async () => {
    const big = Buffer.concat([await demoPicture(1, 64, 64), randomBytes(MAX_BYTES)]);
    const res = await upload(APP, carOwner, big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'MEDIA_TOO_LARGE', field: 'file' });
  });

  it('answers a form without a file, a JSON body and a bad purpose with 4xx codes', async () => {
    const empty = form([{ name: 'purpose', content: 'club_post' }]);
    const noFile = await env.app.inject({
      method: 'POST',
      url: APP,
      payload: empty.payload,
      headers: { ...carOwner.headers, ...empty.headers },
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error).toMatchObject({ code: 'MEDIA_FILE_MISSING', field: 'file' });

    const json = await env.app.inject({
      method: 'POST',
      url: APP,
      payload: { file: 'x' },
      headers: carOwner.headers,
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const bad = await upload(APP, carOwner, await demoPicture(2, 40, 40), {
      purpose: 'Not a word!',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'purpose' });

    const cut = await env.app.inject({
      method: 'POST',
      url: APP,
      payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
      headers: { ...carOwner.headers, 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect(cut.statusCode).toBeGreaterThanOrEqual(400);
    expect(cut.statusCode).toBeLessThan(500);
  });

  it('needs a session to upload: 401 without one, 401 for a staff session on the app route', async () => {
    const picture = await demoPicture(4, 40, 40);
    const anonymous = await upload(APP, null, picture);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('AUTH_REQUIRED');
    expect((await upload(STAFF, null, picture)).statusCode).toBe(401);
    expect((await upload(APP, owner, picture)).statusCode).toBe(401);
  });
});

describe('serving images', () => {
  let image: StoredImage;
  beforeAll(async () => {
    image = (await upload(APP, carOwner, await demoPicture(5, 300, 200))).json() as StoredImage;
  });

  it('answers 404 for another tenant’s image and for an unknown id', async () => {
    const foreign = image.url.replace(t.id, other.id);
    const res = await env.app.inject({ method: 'GET', url: foreign });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    const unknown = image.url.replace(image.id, '01900000-0000-7000-8000-000000000000');
    expect((await env.app.inject({ method: 'GET', url: unknown })).statusCode).toBe(404);
    const badVariant = image.url.replace('/display', '/original');
    expect((await env.app.inject({ method: 'GET', url: badVariant })).statusCode).toBe(400);
  });
});

describe('the public surface', () => {
  it('finds, claims and saves images within the tenant and the uploader', async () => {
    const mine = (await upload(APP, carOwner, await demoPicture(6, 120, 90))).json() as StoredImage;
    const staffs = (
      await upload(STAFF, owner, await demoPicture(7, 120, 90))
    ).json() as StoredImage;
    const foreign = (
      await upload(APP, otherCarOwner, await demoPicture(8, 120, 90))
    ).json() as StoredImage;

    await env.inTenant(t.id, async (ctx) => {
      const found = await findImages(ctx, [mine.id, staffs.id, foreign.id, 'not-an-id']);
      expect([...found.keys()].sort()).toEqual([mine.id, staffs.id].sort());
      expect(found.get(mine.id)).toEqual(mine);

      const claimed = await claimImages(ctx, [staffs.id], { staffUserId: t.staff.owner.id }, 'x');
      expect(claimed).toEqual([staffs]);
      expect(await claimImages(ctx, [mine.id, mine.id], { customerId: carOwnerId }, 'x')).toEqual([
        mine,
        mine,
      ]);

      for (const [ids, field] of [
        [[mine.id, foreign.id], 'imageIds.1'],
        [[staffs.id], 'imageIds.0'],
        [['nonsense'], 'imageIds.0'],
      ] as const) {
        const err = await claimImages(ctx, ids, { customerId: carOwnerId }, 'imageIds').catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        expect(err).toMatchObject({ code: 'MEDIA_NOT_FOUND', field });
      }
    });

    const picture = await demoPicture(9, 640, 480);
    const seeded = await env.inTenant(t.id, (ctx) =>
      saveImage(ctx, picture, { system: true }, 'demo'),
    );
    expect(seeded).toMatchObject({ width: 640, height: 480 });
    const served = await env.app.inject({ method: 'GET', url: seeded.thumbUrl });
    expect(served.statusCode).toBe(200);
  });
});

describe('the upload limit per session', () => {
  it('answers 429 past the uploads a minute of one session, not of another', async () => {
    const limited = await createTestEnv({
      config: { media: { ...testConfig().media, uploadsPerMinute: 2 } },
    });
    try {
      const lt = await limited.createTenant();
      const first = await signInStaff(limited.app, lt.slug, lt.staff.owner.login);
      const second = await signInStaff(limited.app, lt.slug, lt.staff.manager.login);
      const picture = await demoPicture(10, 40, 40);
      const send = (s: Session) => {
        const body = form([{ name: 'file', filename: 'a.jpg', content: picture }]);
        return limited.app.inject({
          method: 'POST',
          url: STAFF,
          payload: body.payload,
          headers: { ...s.headers, ...body.headers },
        });
      };
      expect((await send(first)).statusCode).toBe(201);
      expect((await send(first)).statusCode).toBe(201);
      const third = await send(first);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('RATE_LIMITED');
      expect((await send(second)).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });
});
