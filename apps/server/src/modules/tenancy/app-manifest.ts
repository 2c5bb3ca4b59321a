// The owner app's web manifest for one shop: installed on a phone it carries the shop's name,
// and it opens on that shop (`?t=<slug>`), so one server can serve many shops' apps.

/** Home-screen labels are cut at about 12 characters; longer names are shortened. */
const SHORT_NAME_MAX = 12;

const ICON = (size: number, purpose: 'any' | 'maskable') => ({
  src: `/app/icons/icon-${purpose === 'maskable' ? 'maskable-' : ''}${size}.png`,
  sizes: `${size}x${size}`,
  type: 'image/png',
  purpose,
});

export function shortAppName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= SHORT_NAME_MAX ? chars.join('') : chars.slice(0, SHORT_NAME_MAX).join('');
}

export function appManifest(tenant: { slug: string; name: string; locale?: string }) {
  const start = `/app/?t=${encodeURIComponent(tenant.slug)}`;
  return {
    id: start,
    name: tenant.name,
    short_name: shortAppName(tenant.name),
    description: `${tenant.name} · 会员卡、我的车辆与维修保养档案`,
    lang: tenant.locale ?? 'zh-CN',
    dir: 'ltr',
    start_url: start,
    scope: '/app/',
    display: 'standalone',
    orientation: 'portrait',
    theme_color: '#1e3a8a',
    background_color: '#f3f5f9',
    categories: ['lifestyle', 'shopping', 'utilities'],
    icons: [ICON(192, 'any'), ICON(512, 'any'), ICON(192, 'maskable'), ICON(512, 'maskable')],
  };
}
