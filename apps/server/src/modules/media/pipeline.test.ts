import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { demoPicture } from './demo.ts';
import { processImage } from './pipeline.ts';

/** A picture whose left half is red and right half blue, `w`×`h` as stored. */
async function halves(w: number, h: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w / 2}" height="${h}" fill="#f00"/><rect x="${w / 2}" width="${w / 2}" height="${h}" fill="#00f"/></svg>`;
  return sharp(Buffer.from(svg));
}

/** The EXIF GPS IFD pointer tag (0x8825), in either byte order. */
const hasGpsTag = (exif: Buffer) =>
  exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88]));

async function refusal(bytes: Buffer): Promise<AppError> {
  const err = await processImage(bytes).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('the image pipeline', () => {
  it('strips EXIF and GPS from a phone photo and turns it upright', async () => {
    // Stored landscape 400×300 with orientation 6: the camera was held upright (portrait).
    const photo = await (
      await halves(400, 300)
    )
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 15' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 32/1 0/1', GPSLongitudeRef: 'E' },
      })
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(hasGpsTag(before.exif!)).toBe(true);

    const out = await processImage(photo);
    expect(out.sourceFormat).toBe('jpeg');
    expect(out.mime).toBe('image/jpeg');
    for (const v of [out.variants.display, out.variants.thumb]) {
      const meta = await sharp(v.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(v.bytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    }
    // Upright: portrait, and the left half (red) is now on top.
    const { display } = out.variants;
    expect([display.width, display.height]).toEqual([300, 400]);
    const { data } = await sharp(display.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3),
    ];
    const [topR, , topB] = pixel(150, 50);
    const [bottomR, , bottomB] = pixel(150, 350);
    expect(topR).toBeGreaterThan(200);
    expect(topB).toBeLessThan(60);
    expect(bottomB).toBeGreaterThan(200);
    expect(bottomR).toBeLessThan(60);
  });

  it('makes a display variant of at most 2048 and a thumb of at most 400 on the long edge', async () => {
    const big = await (await halves(3000, 1500)).png().toBuffer();
    const out = await processImage(big);
    expect(out.variants.display).toMatchObject({ width: 2048, height: 1024 });
    expect(out.variants.thumb).toMatchObject({ width: 400, height: 200 });
    const thumbMeta = await sharp(out.variants.thumb.bytes).metadata();
    expect([thumbMeta.width, thumbMeta.height]).toEqual([400, 200]);
    // A small picture is not enlarged.
    const small = await processImage(await (await halves(120, 80)).jpeg().toBuffer());
    expect(small.variants.display).toMatchObject({ width: 120, height: 80 });
    expect(small.variants.thumb).toMatchObject({ width: 120, height: 80 });
  });

  it('goes by the bytes: PNG, WebP and GIF are accepted whatever they are called', async () => {
    const png = await processImage(await (await halves(60, 40)).png().toBuffer());
    expect(png.sourceFormat).toBe('png');
    const webp = await processImage(await (await halves(60, 40)).webp().toBuffer());
    expect(webp.sourceFormat).toBe('webp');
    const gif = await processImage(await (await halves(60, 40)).gif().toBuffer());
    expect(gif.sourceFormat).toBe('gif');
    // An opaque GIF (its alpha channel all opaque) becomes JPEG.
    expect(gif.mime).toBe('image/jpeg');
  });

  it('keeps transparency as WebP', async () => {
    const clear = await sharp({
      create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const out = await processImage(clear);
    expect(out.mime).toBe('image/webp');
    expect((await sharp(out.variants.display.bytes).metadata()).hasAlpha).toBe(true);
  });

  it('turns an animated GIF into a still', async () => {
    // Two 2×2 frames, drawn byte by byte (GIF89a, looping).
    const frame = Buffer.from([
      ...[0x21, 0xf9, 0x04, 0x04, 0x0a, 0x00, 0x00, 0x00],
      ...[0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0],
      ...[0x02, 0x02, 0x44, 0x01, 0x00],
    ]);
    const animated = Buffer.concat([
      Buffer.from('GIF89a'),
      Buffer.from([2, 0, 2, 0, 0x80, 0, 0, 0xff, 0, 0, 0, 0, 0xff]),
      Buffer.from([0x21, 0xff, 0x0b]),
      Buffer.from('NETSCAPE2.0'),
      Buffer.from([3, 1, 0, 0, 0]),
      frame,
      frame,
      Buffer.from(';'),
    ]);
    expect((await sharp(animated).metadata()).pages).toBe(2);
    const out = await processImage(animated);
    expect(out.sourceFormat).toBe('gif');
    const meta = await sharp(out.variants.display.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.pages).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([2, 2]);
  });

  it('refuses what is not a photo: PDF, ZIP, HTML, script, SVG, empty', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const samples = [
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'),
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
      Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
      svg,
      Buffer.alloc(0),
    ];
    for (const bytes of samples) {
      const err = await refusal(bytes);
      expect(err.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
      expect(err.field).toBe('file');
    }
  });

  it('refuses a JPEG cut short', async () => {
    const photo = await (await halves(200, 100)).jpeg().toBuffer();
    const err = await refusal(photo.subarray(0, Math.floor(photo.length / 3)));
    expect(err.code).toBe('MEDIA_TYPE_NOT_ALLOWED');
  });

  it('refuses a decompression bomb from its header, before decoding it', async () => {
    // A small PNG whose header claims 50000×50000 pixels (the CRC made right for the claim).
    const png = await (await halves(16, 16)).png().toBuffer();
    const bomb = Buffer.from(png);
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    bomb.writeUInt32BE(crc32(bomb.subarray(12, 29)), 29);
    const err = await refusal(bomb);
    expect(err.code).toBe('MEDIA_TOO_MANY_PIXELS');
    expect(err.field).toBe('file');
  });

  it('draws deterministic demo pictures that go through the pipeline', async () => {
    const a = await demoPicture(7, 600, 400);
    expect(Buffer.compare(a, await demoPicture(7, 600, 400))).toBe(0);
    expect(Buffer.compare(a, await demoPicture(8, 600, 400))).not.toBe(0);
    const out = await processImage(a);
    expect(out.variants.display).toMatchObject({ width: 600, height: 400 });
  });
});
