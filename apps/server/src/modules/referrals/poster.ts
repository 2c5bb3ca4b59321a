// The shareable poster: an SVG (tenant name, zh-CN copy, the referrer's masked name, the QR code
// of their link) and its PNG rendered server-side by resvg with the system's WenQuanYi Zen Hei.
import fs from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';

const FONT_FAMILY = 'WenQuanYi Zen Hei';
const FONT_FILE = '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc';
const W = 750;
const H = 1200;

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** The QR code as one path of unit squares, placed at (x, y) with the given size. */
function qrPath(text: string, x: number, y: number, size: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  let d = '';
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  return `<g transform="translate(${x} ${y}) scale(${cell})"><rect width="${n + quiet * 2}" height="${n + quiet * 2}" fill="#fff"/><path d="${d}" fill="#111"/></g>`;
}

export interface PosterInput {
  tenantName: string;
  referrerName: string;
  offer: string;
  code: string;
  link: string;
}

/**
 * Wraps text into at most `maxLines` lines of at most `max` characters (CJK text has no spaces to
 * break at); text that does not fit ends in "…" rather than being cut off mid-phrase.
 */
export function wrap(text: string, max: number, maxLines = 4): string[] {
  const chars = Array.from(text);
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += max) lines.push(chars.slice(i, i + max).join(''));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] =
    Array.from(kept[maxLines - 1]!)
      .slice(0, max - 1)
      .join('') + '…';
  return kept;
}

export function posterSvg(p: PosterInput): string {
  const qrSize = 360;
  const offer = wrap(p.offer, 18)
    .map(
      (l, i) =>
        `<text x="${W / 2}" y="${470 + i * 44}" font-size="30" fill="#5b3a00" text-anchor="middle">${esc(l)}</text>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${FONT_FAMILY}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e8412c"/><stop offset="1" stop-color="#f7892b"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/>
<text x="${W / 2}" y="120" font-size="44" fill="#fff" text-anchor="middle" font-weight="bold">${esc(p.tenantName)}</text>
<text x="${W / 2}" y="220" font-size="64" fill="#fff7d6" text-anchor="middle" font-weight="bold">好友邀您一起养车</text>
<text x="${W / 2}" y="290" font-size="32" fill="#fff" text-anchor="middle">${esc(p.referrerName)} 推荐您来体验</text>
<rect x="60" y="360" width="${W - 120}" height="${H - 420}" rx="28" fill="#fffaf0"/>
<text x="${W / 2}" y="420" font-size="34" fill="#c2410c" text-anchor="middle" font-weight="bold">新客专享</text>
${offer}
${qrPath(p.link, (W - qrSize) / 2, 640, qrSize)}
<text x="${W / 2}" y="1040" font-size="28" fill="#444" text-anchor="middle">微信或相机扫码，手机号注册即可领取</text>
<text x="${W / 2}" y="1090" font-size="30" fill="#111" text-anchor="middle">推荐码 ${esc(p.code)}</text>
</svg>`;
}

export function posterPng(svg: string): Buffer {
  const hasFont = fs.existsSync(FONT_FILE);
  const resvg = new Resvg(svg, {
    font: {
      ...(hasFont ? { fontFiles: [FONT_FILE], loadSystemFonts: false } : { loadSystemFonts: true }),
      defaultFontFamily: FONT_FAMILY,
    },
    fitTo: { mode: 'width', value: W },
  });
  return resvg.render().asPng();
}
