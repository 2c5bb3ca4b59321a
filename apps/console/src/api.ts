// One API client for the whole console, plus the signed-in staff member (and the CSRF token
// that comes with the session) shared through React context.
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import { createApiClient, unwrap, ApiError } from '@liuke/api-client';
import { currentLanguage } from './i18n.ts';
import type { AppConfig, StaffMe, Store } from './types.ts';

export { unwrap, ApiError };

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

export const api = createApiClient({
  getLanguage: currentLanguage,
  getCsrfToken: () => csrfToken,
  onUnauthorized: () => unauthorizedHandler?.(),
});

const LAST_TENANT_KEY = 'liuke.console.tenant';
const storeKey = (staff: StaffMe) => `liuke.console.store.${staff.tenant.slug}.${staff.id}`;

function readStorage(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // ignore: the choice just is not remembered
  }
}

export function lastUsedTenant(): string | null {
  return readStorage(LAST_TENANT_KEY);
}

// ---- public app config (fetched once) ----

let appConfigPromise: Promise<AppConfig | null> | null = null;

function loadAppConfig(): Promise<AppConfig | null> {
  appConfigPromise ??= unwrap(api.GET('/api/v1/public/app-config')).then(
    (config) => config,
    () => {
      appConfigPromise = null; // try again next time
      return null;
    },
  );
  return appConfigPromise;
}

/** The public app config, or null while loading / when the server cannot be reached. */
export function useAppConfig(): AppConfig | null {
  const [config, setConfig] = useState<AppConfig | null>(null);
  useEffect(() => {
    let live = true;
    void loadAppConfig().then((c) => {
      if (live) setConfig(c);
    });
    return () => {
      live = false;
    };
  }, []);
  return config;
}

// ---- session ----

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut';

export interface SignInInput {
  tenant: string;
  login: string;
  password: string;
  /** Two-step sign-in: the authenticator code, or a recovery code instead. */
  totpCode?: string;
  recoveryCode?: string;
}

interface SessionValue {
  status: SessionStatus;
  staff: StaffMe | null;
  csrfToken: string | null;
  /** True when a signed-in session ended by a 401 (expired or revoked). */
  expired: boolean;
  signIn(input: SignInInput): Promise<StaffMe>;
  signOut(): Promise<void>;
  /** Takes a session already opened (e.g. by the sign-up) as the signed-in one. */
  acceptSession(staff: StaffMe, csrfToken: string): void;
  /** The store the staff member works in now (chosen in the header), if they have any. */
  store: Store | null;
  setStoreId(id: string): void;
}

const SessionContext = createContext<SessionValue | null>(null);

interface SessionState {
  status: SessionStatus;
  staff: StaffMe | null;
  csrfToken: string | null;
  expired: boolean;
}

function pickStore(staff: StaffMe | null): string | null {
  if (!staff || staff.stores.length === 0) return null;
  const saved = readStorage(storeKey(staff));
  return staff.stores.some((s) => s.id === saved) ? saved : (staff.stores[0]?.id ?? null);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({
    status: 'loading',
    staff: null,
    csrfToken: null,
    expired: false,
  });
  const [storeId, setStoreIdState] = useState<string | null>(null);

  const accept = useCallback((staff: StaffMe, token: string) => {
    csrfToken = token;
    setState({ status: 'signedIn', staff, csrfToken: token, expired: false });
    setStoreIdState(pickStore(staff));
  }, []);

  const drop = useCallback((expired: boolean) => {
    csrfToken = null;
    setState({ status: 'signedOut', staff: null, csrfToken: null, expired });
    setStoreIdState(null);
  }, []);

  useEffect(() => {
    unauthorizedHandler = () => {
      csrfToken = null;
      setState((prev) =>
        prev.status === 'signedOut'
          ? prev
          : {
              status: 'signedOut',
              staff: null,
              csrfToken: null,
              expired: prev.status === 'signedIn',
            },
      );
      setStoreIdState(null);
    };
    let live = true;
    unwrap(api.GET('/api/v1/staff/me')).then(
      (me) => {
        if (live) accept(me.staff, me.csrfToken);
      },
      () => {
        if (live) drop(false);
      },
    );
    return () => {
      live = false;
      unauthorizedHandler = null;
    };
  }, [accept, drop]);

  const signIn = useCallback(
    async (input: SignInInput) => {
      const result = await unwrap(api.POST('/api/v1/staff/auth/sign-in', { body: input }));
      writeStorage(LAST_TENANT_KEY, input.tenant);
      accept(result.staff, result.csrfToken);
      return result.staff;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/v1/staff/auth/sign-out'));
    } catch (err) {
      // A session that has already ended is as good as signed out.
      if (!(err instanceof ApiError && err.status === 401)) throw err;
    } finally {
      drop(false);
    }
  }, [drop]);

  const { staff } = state;
  const setStoreId = useCallback(
    (id: string) => {
      if (!staff || !staff.stores.some((s) => s.id === id)) return;
      writeStorage(storeKey(staff), id);
      setStoreIdState(id);
    },
    [staff],
  );

  const value = useMemo<SessionValue>(
    () => ({
      ...state,
      signIn,
      signOut,
      acceptSession: accept,
      store: state.staff?.stores.find((s) => s.id === storeId) ?? null,
      setStoreId,
    }),
    [state, signIn, signOut, accept, storeId, setStoreId],
  );

  return createElement(SessionContext.Provider, { value }, children);
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in staff member; only for pages behind the sign-in guard. */
export function useStaff(): StaffMe {
  const { staff } = useSession();
  if (!staff) throw new Error('useStaff needs a signed-in staff member');
  return staff;
}

/** Who may see customers: everyone but partner merchants (they have their own portal). */
export function canReadCustomers(staff: StaffMe): boolean {
  return staff.role !== 'partner';
}

/** Who may create and edit customers and vehicles (technicians only read). */
export function canEditCustomers(staff: StaffMe): boolean {
  return staff.role === 'owner' || staff.role === 'manager' || staff.role === 'advisor';
}

/** The owner only: in development mode the outbox shows customers' sign-in codes. */
export function canSeeDevOutbox(staff: StaffMe): boolean {
  return staff.role === 'owner';
}
