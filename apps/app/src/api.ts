// One API client for the app, the typed calls it makes, and the session context
// (which business this app serves, the signed-in customer and the CSRF token).
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { ApiError, createApiClient, unwrap } from '@liuke/api-client';
import type { paths } from '@liuke/api-client';
import i18n from './i18n.ts';

// ---------------------------------------------------------------------------
// Types of the `Public` and `Customer app` routes, taken from the server's OpenAPI
// document (packages/api-client/src/schema.d.ts) so they cannot drift from the API.

/** The JSON body of a route's success response (`status`: 200 unless given). */
type Body<
  P extends keyof paths,
  M extends 'get' | 'post',
  S extends number = 200,
> = paths[P] extends {
  [K in M]: { responses: { [C in S]: { content: { 'application/json': infer T } } } };
}
  ? T
  : never;

export type AppConfig = Body<'/api/v1/public/app-config', 'get'>;
export type TenantInfo = Body<'/api/v1/public/tenants/{slug}', 'get'>;
export type PrivacyPolicy = Body<'/api/v1/public/tenants/{slug}/privacy-policy', 'get'>;
export type CodeSent = Body<'/api/v1/app/auth/code', 'post', 202>;
/** `{ customer, csrfToken }` returned by sign-in and by `/me`. */
export type SessionBody = Body<'/api/v1/app/me', 'get'>;
export type CustomerMe = SessionBody['customer'];
export type MyVehicle = Body<'/api/v1/app/me/vehicles', 'get'>['items'][number];
export type VehicleDetail = Body<'/api/v1/app/me/vehicles/{vehicleId}', 'get'>;
export type Vehicle = Omit<VehicleDetail, 'serviceOrders'>;
export type FuelType = Vehicle['fuelType'];
export type ServiceOrderSummary = VehicleDetail['serviceOrders'][number];
export type ServiceOrderStatus = ServiceOrderSummary['status'];

// ---------------------------------------------------------------------------
// The client. The CSRF token lives in memory only; `/me` returns it again after a reload.

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<() => void>();

export const client = createApiClient({
  getLanguage: () => (i18n.language === 'en' ? 'en' : 'zh-CN'),
  getCsrfToken: () => csrfToken,
  onUnauthorized: () => {
    for (const listener of unauthorizedListeners) listener();
  },
});

export const api = {
  appConfig: (): Promise<AppConfig> => unwrap(client.GET('/api/v1/public/app-config')),
  tenant: (slug: string): Promise<TenantInfo> =>
    unwrap(client.GET('/api/v1/public/tenants/{slug}', { params: { path: { slug } } })),
  privacyPolicy: (slug: string): Promise<PrivacyPolicy> =>
    unwrap(
      client.GET('/api/v1/public/tenants/{slug}/privacy-policy', { params: { path: { slug } } }),
    ),
  /** `privacyPolicyVersion`: the policy version the owner accepted (required by the server). */
  sendCode: (tenant: string, phone: string, privacyPolicyVersion: string): Promise<CodeSent> =>
    unwrap(client.POST('/api/v1/app/auth/code', { body: { tenant, phone, privacyPolicyVersion } })),
  /** `referralCode`: the code of the shared link a new customer signs up through. */
  signIn: (
    tenant: string,
    phone: string,
    code: string,
    privacyPolicyVersion: string,
    referralCode?: string,
  ): Promise<SessionBody> =>
    unwrap(
      client.POST('/api/v1/app/auth/sign-in', {
        body: {
          tenant,
          phone,
          code,
          privacyPolicyVersion,
          ...(referralCode ? { referralCode } : {}),
        },
      }),
    ),
  signOut: (): Promise<unknown> => unwrap(client.POST('/api/v1/app/auth/sign-out')),
  me: (): Promise<SessionBody> => unwrap(client.GET('/api/v1/app/me')),
  vehicles: (): Promise<{ items: MyVehicle[] }> => unwrap(client.GET('/api/v1/app/me/vehicles')),
  vehicle: (vehicleId: string): Promise<VehicleDetail> =>
    unwrap(client.GET('/api/v1/app/me/vehicles/{vehicleId}', { params: { path: { vehicleId } } })),
};

/** A message to show for any error: the server's localised message, or a local one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK_ERROR' || !error.message) return i18n.t('common.unknownError');
    return error.message;
  }
  if (error instanceof TypeError) return i18n.t('common.networkError');
  return i18n.t('common.unknownError');
}

// ---------------------------------------------------------------------------
// Which business this app serves: `?t=` in the URL, else the last one used, else the server default.

const TENANT_KEY = 'liuke.app.tenant';

function readStoredTenant(): string | null {
  try {
    return localStorage.getItem(TENANT_KEY);
  } catch {
    return null;
  }
}

function storeTenant(slug: string | null): void {
  try {
    if (slug) localStorage.setItem(TENANT_KEY, slug);
    else localStorage.removeItem(TENANT_KEY);
  } catch {
    // Storage unavailable: the app asks again on the next visit.
  }
}

/**
 * Points the page's manifest at the shop's own (`/api/v1/public/tenants/{slug}/manifest.webmanifest`),
 * so "add to home screen" installs the app under the shop's name and opens on that shop.
 */
export function pointManifestAt(slug: string | null): void {
  const href = slug
    ? `/api/v1/public/tenants/${encodeURIComponent(slug)}/manifest.webmanifest`
    : null;
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link && href && link.getAttribute('href') !== href) link.setAttribute('href', href);
}

/** The shop named in the URL or last used, known before anything loads (for the manifest). */
export function earlyTenantSlug(): string | null {
  return new URLSearchParams(window.location.search).get('t')?.trim() || readStoredTenant();
}

async function resolveTenantSlug(): Promise<{ slug: string | null; fromUrl: boolean }> {
  const fromUrl = new URLSearchParams(window.location.search).get('t')?.trim();
  if (fromUrl) return { slug: fromUrl, fromUrl: true };
  const stored = readStoredTenant();
  if (stored) return { slug: stored, fromUrl: false };
  const config = await api.appConfig();
  return { slug: config.defaultTenant, fromUrl: false };
}

// ---------------------------------------------------------------------------
// Session context.

export type SessionStatus =
  'loading' | 'noTenant' | 'tenantNotFound' | 'error' | 'signedOut' | 'signedIn';

export interface Session {
  status: SessionStatus;
  tenant: TenantInfo | null;
  customer: CustomerMe | null;
  /** Stores the customer and CSRF token returned by sign-in. */
  signedIn: (body: SessionBody) => void;
  signOut: () => Promise<void>;
  /** Retries loading the business and the session (after a network error). */
  reload: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in customer (only inside pages that require sign-in). */
export function useCustomer(): CustomerMe {
  const { customer } = useSession();
  if (!customer) throw new Error('useCustomer without a signed-in customer');
  return customer;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [tenant, setTenant] = useState<TenantInfo | null>(null);
  const [customer, setCustomer] = useState<CustomerMe | null>(null);
  const [attempt, setAttempt] = useState(0);
  const tenantRef = useRef<TenantInfo | null>(null);

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    void (async () => {
      try {
        const { slug, fromUrl } = await resolveTenantSlug();
        if (cancelled) return;
        if (!slug) {
          setStatus('noTenant');
          return;
        }
        let info: TenantInfo;
        try {
          info = await api.tenant(slug);
        } catch (error) {
          if (error instanceof ApiError && error.status === 404) {
            // A remembered business that no longer exists: forget it and fall back to the default.
            if (!fromUrl && readStoredTenant() === slug) {
              storeTenant(null);
              const config = await api.appConfig();
              if (config.defaultTenant && config.defaultTenant !== slug) {
                info = await api.tenant(config.defaultTenant);
              } else throw error;
            } else throw error;
          } else throw error;
        }
        if (cancelled) return;
        storeTenant(info.slug);
        tenantRef.current = info;
        setTenant(info);
        try {
          const me = await api.me();
          if (cancelled) return;
          if (me.customer.tenant.slug === info.slug) {
            csrfToken = me.csrfToken;
            setCustomer(me.customer);
            setStatus('signedIn');
          } else {
            // Signed in with another business earlier: this one needs its own sign-in.
            setStatus('signedOut');
          }
        } catch (error) {
          if (cancelled) return;
          if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
            setStatus('signedOut');
          } else throw error;
        }
      } catch (error) {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 404) setStatus('tenantNotFound');
        else setStatus('error');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  // Any 401 (an expired session) returns the app to sign-in.
  useEffect(() => {
    const listener = () => {
      csrfToken = null;
      setCustomer(null);
      setStatus((s) => (s === 'signedIn' ? 'signedOut' : s));
    };
    unauthorizedListeners.add(listener);
    return () => {
      unauthorizedListeners.delete(listener);
    };
  }, []);

  const signedIn = useCallback((body: SessionBody) => {
    csrfToken = body.csrfToken;
    setCustomer(body.customer);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // Signed out locally even if the server could not be reached.
    }
    csrfToken = null;
    setCustomer(null);
    setStatus('signedOut');
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  // Started offline (the service worker served the shell): try again once the phone is back online.
  useEffect(() => {
    if (status !== 'error') return;
    window.addEventListener('online', reload);
    return () => window.removeEventListener('online', reload);
  }, [status, reload]);

  const value = useMemo<Session>(
    () => ({ status, tenant, customer, signedIn, signOut, reload }),
    [status, tenant, customer, signedIn, signOut, reload],
  );
  return createElement(SessionContext.Provider, { value }, children);
}

// ---------------------------------------------------------------------------
// Loading data in pages.

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/** Runs `load` when `key` changes; keeps the previous data while reloading. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const seq = useRef(0);

  const run = useCallback(async () => {
    const id = ++seq.current;
    setLoading(true);
    try {
      const result = await loadRef.current();
      if (id !== seq.current) return;
      setData(result);
      setError(undefined);
    } catch (e) {
      if (id !== seq.current) return;
      setError(e);
    } finally {
      if (id === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    setData(undefined);
    void run();
    // Bumping the counter makes answers to the previous key arrive as stale and be dropped.
    const counter = seq;
    return () => {
      counter.current++;
    };
  }, [key, run]);

  return { data, error, loading, reload: run };
}

export { ApiError };
