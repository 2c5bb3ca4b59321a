import { describe, expect, it } from 'vitest';
import {
  fitWithin,
  isAcceptedFormat,
  orientedSize,
  outputFormat,
  variantKey,
  variantPath,
} from './media-rules.ts';
import { checkKey } from './store.ts';

describe('media rules', () => {
  it('fits the long edge and never enlarges', () => {
    expect(fitWithin(4000, 3000, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(fitWithin(3000, 4000, 400)).toEqual({ width: 300, height: 400 });
    expect(fitWithin(300, 200, 400)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(10000, 1, 400)).toEqual({ width: 400, height: 1 });
  });

  it('swaps width and height for quarter-turn orientations only', () => {
    expect(orientedSize(40, 30, 6)).toEqual({ width: 30, height: 40 });
    expect(orientedSize(40, 30, 8)).toEqual({ width: 30, height: 40 });
    expect(orientedSize(40, 30, 3)).toEqual({ width: 40, height: 30 });
    expect(orientedSize(40, 30, undefined)).toEqual({ width: 40, height: 30 });
  });

  it('takes only the raster formats of photos', () => {
    for (const f of ['jpeg', 'png', 'webp', 'gif', 'heif']) expect(isAcceptedFormat(f)).toBe(true);
    for (const f of ['svg', 'pdf', 'tiff', 'raw', undefined])
      expect(isAcceptedFormat(f)).toBe(false);
  });

  it('keeps transparency as WebP, the rest as JPEG', () => {
    expect(outputFormat(true).mime).toBe('image/webp');
    expect(outputFormat(false).mime).toBe('image/jpeg');
  });

  it('makes keys the store accepts and refuses keys that could leave its directory', () => {
    const t = '0190a000-0000-7000-8000-000000000001';
    expect(checkKey(variantKey(t, t, 'thumb', 'jpg'))).toBe(`${t}/${t}/thumb.jpg`);
    for (const bad of ['../x', 'a/../../b', '/etc/passwd', 'a//b', 'a/./b', '', 'a\\b', '.hidden'])
      expect(() => checkKey(bad)).toThrow();
    expect(variantPath(t, t, 'display')).toBe(`/api/v1/public/media/${t}/images/${t}/display`);
  });
});
