// Renders the PWA icons (public/icons/*.png) from an SVG with headless Chromium.
// Usage (from apps/app): node scripts/make-icons.mjs [path-to-chromium]
// Needs a Chromium binary (default /usr/bin/chromium) and a CJK font for the "留" glyph.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const outDir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const executablePath = process.argv[2] ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * @param {object} o
 * @param {boolean} o.rounded  rounded-square tile with transparent corners ("any" icons)
 * @param {number} o.scale     glyph size relative to the tile (maskable icons keep to the safe zone)
 */
function svg({ rounded, scale }) {
  const r = rounded ? 112 : 0;
  const s = scale;
  // 512×512 design grid; the glyph group is scaled around the centre.
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0f172a"/>
      <stop offset="0.55" stop-color="#1e3a8a"/>
      <stop offset="1" stop-color="#3b6fe0"/>
    </linearGradient>
    <radialGradient id="shine" cx="1" cy="0" r="0.75">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.22"/>
      <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="512" height="512" rx="${r}" fill="url(#bg)"/>
  <rect width="512" height="512" rx="${r}" fill="url(#shine)"/>
  <g transform="translate(256 256) scale(${s}) translate(-256 -256)">
    <text x="256" y="300" text-anchor="middle" font-family="WenQuanYi Zen Hei, PingFang SC, Noto Sans CJK SC, sans-serif"
          font-size="250" font-weight="700" fill="#ffffff">留</text>
    <path d="M136 362 Q256 420 376 362" fill="none" stroke="#7dd3fc" stroke-width="22" stroke-linecap="round"/>
  </g>
</svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, scale: 1 },
  { file: 'icon-512.png', size: 512, rounded: true, scale: 1 },
  { file: 'icon-maskable-512.png', size: 512, rounded: false, scale: 0.78 },
  { file: 'icon-maskable-192.png', size: 192, rounded: false, scale: 0.78 },
  { file: 'apple-touch-icon.png', size: 180, rounded: false, scale: 0.92 },
  { file: 'favicon-32.png', size: 32, rounded: true, scale: 1.1 },
];

await mkdir(outDir, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size });
    const markup = svg(icon).replace(
      'width="512" height="512"',
      `width="${icon.size}" height="${icon.size}"`,
    );
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${markup}</body></html>`,
    );
    await page.evaluate(() => document.fonts.ready);
    await page.locator('svg').screenshot({ path: `${outDir}${icon.file}`, omitBackground: true });
    console.log(`wrote public/icons/${icon.file} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}
