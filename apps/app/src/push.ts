// Web Push in the app: subscribe this browser with the business's VAPID key, forget it again,
// and tell the server when a notification was opened (so its SMS fallback is not sent).
import { unwrap } from '@liuke/api-client';
import { client } from './api.ts';

export const pushSupported = (): boolean =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/** base64url (the VAPID key) → bytes for PushManager.subscribe. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4))
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const raw = atob(padded);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const toBase64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** The service worker registration, if the app has one (production builds register it). */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!pushSupported()) return null;
  return (await navigator.serviceWorker.getRegistration(import.meta.env.BASE_URL)) ?? null;
}

export async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

export type EnableResult = 'on' | 'denied' | 'unsupported';

/** Asks for permission, subscribes with the business's key and saves the subscription. */
export async function enablePush(): Promise<EnableResult> {
  const reg = await registration();
  if (!reg) return 'unsupported';
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  const { publicKey } = await unwrap(client.GET('/api/v1/app/push/vapid-public-key'));
  let sub = await reg.pushManager.getSubscription();
  // A subscription made with another key (the business changed it) cannot be reused.
  const current = sub?.options.applicationServerKey;
  if (sub && current && toBase64url(new Uint8Array(current)) !== publicKey) {
    await sub.unsubscribe();
    sub = null;
  }
  sub ??= await reg.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: keyBytes(publicKey),
  });
  const json = sub.toJSON();
  await unwrap(
    client.POST('/api/v1/app/push/subscriptions', {
      body: {
        endpoint: sub.endpoint,
        expirationTime: sub.expirationTime ?? null,
        keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
      },
    }),
  );
  return 'on';
}

export async function disablePush(): Promise<void> {
  const sub = await currentSubscription();
  if (!sub) return;
  await unwrap(
    client.DELETE('/api/v1/app/push/subscriptions', { body: { endpoint: sub.endpoint } }),
  );
  await sub.unsubscribe();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A notification tap opens the app with ?lk_push=<delivery id>: report it once, then drop it. */
export async function reportOpenedPush(): Promise<void> {
  const url = new URL(window.location.href);
  const deliveryId = url.searchParams.get('lk_push');
  if (!deliveryId) return;
  url.searchParams.delete('lk_push');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  if (!UUID.test(deliveryId)) return;
  try {
    await unwrap(client.POST('/api/v1/app/push/opened', { body: { deliveryId } }));
  } catch {
    // Best effort: the fallback SMS is the worst that happens.
  }
}
