// Demo pictures: a landscape with a road and a car, drawn as SVG in colours picked from a seed
// and rendered to JPEG — deterministic, so seeded demo data looks the same on every run.
import sharp from 'sharp';

/** mulberry32: a small deterministic generator, enough for picking colours and shapes. */
function generator(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hsl = (h: number, s: number, l: number) =>
  `hsl(${Math.round(h) % 360},${Math.round(s)}%,${Math.round(l)}%)`;

function ridge(w: number, h: number, base: number, amp: number, rnd: () => number): string {
  const steps = 8;
  const pts = Array.from({ length: steps + 1 }, (_, i) => {
    const x = (w * i) / steps;
    const y = h * base - rnd() * h * amp;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return `M0,${h} L${pts.join(' L')} L${w},${h} Z`;
}

function car(w: number, h: number, colour: string, rnd: () => number): string {
  const cw = w * (0.18 + rnd() * 0.06);
  const ch = cw * 0.32;
  const x = w * (0.3 + rnd() * 0.3);
  const y = h * 0.84 - ch;
  const wheel = ch * 0.32;
  return [
    `<rect x="${x}" y="${y}" width="${cw}" height="${ch * 0.65}" rx="${ch * 0.2}" fill="${colour}"/>`,
    `<path d="M${x + cw * 0.2},${y} L${x + cw * 0.32},${y - ch * 0.45} L${x + cw * 0.7},${y - ch * 0.45} L${x + cw * 0.85},${y} Z" fill="${colour}"/>`,
    `<path d="M${x + cw * 0.36},${y - ch * 0.05} L${x + cw * 0.4},${y - ch * 0.36} L${x + cw * 0.66},${y - ch * 0.36} L${x + cw * 0.76},${y - ch * 0.05} Z" fill="#cfe8f7" opacity="0.85"/>`,
    `<circle cx="${x + cw * 0.22}" cy="${y + ch * 0.65}" r="${wheel}" fill="#222"/>`,
    `<circle cx="${x + cw * 0.78}" cy="${y + ch * 0.65}" r="${wheel}" fill="#222"/>`,
    `<circle cx="${x + cw * 0.22}" cy="${y + ch * 0.65}" r="${wheel * 0.45}" fill="#bbb"/>`,
    `<circle cx="${x + cw * 0.78}" cy="${y + ch * 0.65}" r="${wheel * 0.45}" fill="#bbb"/>`,
  ].join('');
}

/** The scene as SVG: sky, sun, two mountain ridges, fields, a road into the distance, a car. */
export function demoScene(seed: number, width: number, height: number): string {
  const rnd = generator(seed);
  const hue = rnd() * 360;
  const dusk = rnd() < 0.3;
  const skyTop = dusk ? hsl(hue + 250, 55, 35) : hsl(200 + rnd() * 20, 70, 55);
  const skyLow = dusk ? hsl(20 + rnd() * 20, 85, 65) : hsl(195, 70, 85);
  const land = hsl(80 + rnd() * 60, 45, 40 + rnd() * 10);
  const far = hsl(hue, 25, dusk ? 35 : 60);
  const near = hsl(hue + 30, 30, dusk ? 25 : 45);
  const carColour = hsl(rnd() * 360, 70, 45);
  const [w, h] = [width, height];
  const sunX = w * (0.15 + rnd() * 0.7);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyLow}"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#sky)"/>
<circle cx="${sunX}" cy="${h * 0.25}" r="${h * 0.07}" fill="${dusk ? '#ffcf80' : '#fff6c8'}"/>
<path d="${ridge(w, h, 0.55, 0.25, rnd)}" fill="${far}"/>
<path d="${ridge(w, h, 0.62, 0.12, rnd)}" fill="${near}"/>
<rect y="${h * 0.62}" width="${w}" height="${h * 0.38}" fill="${land}"/>
<path d="M${w * 0.47},${h * 0.62} L${w * 0.53},${h * 0.62} L${w * 0.95},${h} L${w * 0.05},${h} Z" fill="#55585e"/>
<path d="M${w * 0.5},${h * 0.64} L${w * 0.5},${h}" stroke="#f2f2f2" stroke-width="${w * 0.006}" stroke-dasharray="${h * 0.04} ${h * 0.03}"/>
${car(w, h, carColour, rnd)}
</svg>`;
}

/** A pleasant, deterministic demo picture (JPEG) for demo data; colours and layout from `seed`. */
export async function demoPicture(seed: number, width = 1200, height = 800): Promise<Buffer> {
  return sharp(Buffer.from(demoScene(seed, width, height)))
    .jpeg({ quality: 80 })
    .toBuffer();
}
