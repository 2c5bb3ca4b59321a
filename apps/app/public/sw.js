/* Liuke customer app service worker (scope /app/).
 * - install: precache the app shell (index.html, the hashed JS/CSS it references, manifest, icons)
 * - navigations: network first, falling back to the cached shell when offline
 * - static files under the scope: cache first (Vite file names are content-hashed)
 * - /api/ is never cached or intercepted: the API always goes to the network.
 */
const VERSION = 'v1';
const SHELL_CACHE = `liuke-app-shell-${VERSION}`;
const ASSET_CACHE = `liuke-app-assets-${VERSION}`;
const SCOPE = new URL(self.registration.scope).pathname; // "/app/"
const SHELL_URL = SCOPE; // the server answers /app/ with index.html
const STATIC_FILES = [
  `${SCOPE}manifest.webmanifest`,
  `${SCOPE}icons/icon-192.png`,
  `${SCOPE}icons/icon-512.png`,
  `${SCOPE}icons/favicon-32.png`,
  `${SCOPE}icons/apple-touch-icon.png`,
];

/** The JS and CSS files the shell HTML loads (hashed names change with each build). */
function shellAssets(html) {
  const urls = new Set();
  const pattern = /(?:src|href)="([^"]+\.(?:js|css|png|webmanifest|svg|woff2?))"/g;
  for (const match of html.matchAll(pattern)) {
    const url = new URL(match[1], self.location.origin + SCOPE);
    if (url.origin === self.location.origin && url.pathname.startsWith(SCOPE))
      urls.add(url.pathname);
  }
  return [...urls];
}

async function cacheShell(response) {
  const html = await response.clone().text();
  const shell = await caches.open(SHELL_CACHE);
  await shell.put(SHELL_URL, response.clone());
  const assets = await caches.open(ASSET_CACHE);
  await Promise.all(
    shellAssets(html).map(async (url) => {
      if (await assets.match(url)) return;
      try {
        const res = await fetch(url, { credentials: 'same-origin' });
        if (res.ok) await assets.put(url, res);
      } catch {
        // Fetched again on first use.
      }
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const response = await fetch(SHELL_URL, { cache: 'reload', credentials: 'same-origin' });
      if (!response.ok) throw new Error(`shell ${response.status}`);
      await cacheShell(response);
      const assets = await caches.open(ASSET_CACHE);
      await Promise.all(
        STATIC_FILES.map((url) =>
          assets.add(new Request(url, { cache: 'reload' })).catch(() => undefined),
        ),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL_CACHE, ASSET_CACHE]);
      for (const key of await caches.keys()) {
        if (key.startsWith('liuke-app-') && !keep.has(key)) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

async function handleNavigation(request) {
  try {
    const response = await fetch(request);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok && type.includes('text/html')) {
      // Keep the newest shell (and the assets it references) for offline starts.
      cacheShell(response.clone()).catch(() => undefined);
    }
    return response;
  } catch (error) {
    const cached = await caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
    if (cached) return cached;
    throw error;
  }
}

async function handleAsset(request) {
  const cached = await caches.match(request, { cacheName: ASSET_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches
      .open(ASSET_CACHE)
      .then((cache) => cache.put(request, copy))
      .catch(() => undefined);
  }
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/')) return; // never cache the API
  if (request.mode === 'navigate') {
    if (url.pathname.startsWith(SCOPE) || url.pathname === SCOPE.slice(0, -1)) {
      event.respondWith(handleNavigation(request));
    }
    return;
  }
  if (!url.pathname.startsWith(SCOPE) || url.pathname === `${SCOPE}sw.js`) return;
  event.respondWith(handleAsset(request));
});

/* Web Push: the server sends { title, body, url, tag, deliveryId } encrypted for this browser.
 * A tap opens (or focuses) the app at the message's link with ?lk_push=<delivery id>, which the
 * app reports as "opened" so the SMS fallback is not sent. */
self.addEventListener('push', (event) => {
  let data;
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(
    self.registration.showNotification(data.title || '留客', {
      body: data.body || '',
      tag: data.tag || undefined,
      icon: `${SCOPE}icons/icon-192.png`,
      badge: `${SCOPE}icons/favicon-32.png`,
      data: { url: data.url || null, deliveryId: data.deliveryId || null },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const { url, deliveryId } = event.notification.data || {};
  let target = new URL(SCOPE, self.location.origin);
  try {
    const wanted = new URL(url || SCOPE, self.location.origin + SCOPE);
    // Only the app itself is opened from a notification.
    if (wanted.origin === self.location.origin && wanted.pathname.startsWith(SCOPE))
      target = wanted;
  } catch {
    // keep the app's home
  }
  if (deliveryId) target.searchParams.set('lk_push', deliveryId);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const w of windows) {
        if (new URL(w.url).pathname.startsWith(SCOPE) && 'focus' in w) {
          const focused = await w.focus();
          if ('navigate' in focused) await focused.navigate(target.href).catch(() => undefined);
          return;
        }
      }
      await self.clients.openWindow(target.href);
    })(),
  );
});
