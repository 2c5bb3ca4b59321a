// Typed client for the Liuke REST API, shared by the staff console and the customer app.
// The types come from the server's OpenAPI document (`npm run api:generate`).
import createFetchClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';

export type { paths } from './schema.d.ts';

/** The error body every route returns on failure (see the API conventions). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    details?: Record<string, unknown>;
    requestId?: string;
  };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

export interface ClientOptions {
  /** Origin of the API; '' for the same origin. */
  baseUrl?: string;
  /** Current UI language, sent as Accept-Language so error messages match it. */
  getLanguage?: () => string;
  /** CSRF token returned by sign-in and `/me`; sent on every state-changing request. */
  getCsrfToken?: () => string | null;
  /** Called on a 401 so the app can return to its sign-in page. */
  onUnauthorized?: () => void;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createApiClient(options: ClientOptions = {}) {
  const client = createFetchClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'include',
  });
  client.use({
    onRequest({ request }) {
      const lang = options.getLanguage?.();
      if (lang) request.headers.set('Accept-Language', lang);
      if (MUTATING.has(request.method)) {
        const csrf = options.getCsrfToken?.();
        if (csrf) request.headers.set('X-CSRF-Token', csrf);
        // One key per call: a network retry of the same call replays the first answer.
        if (!request.headers.has('Idempotency-Key')) {
          request.headers.set('Idempotency-Key', crypto.randomUUID());
        }
      }
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.();
      return response;
    },
  });
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/**
 * Unwraps an openapi-fetch result: returns `data` or throws an ApiError with the
 * server's code, field and localised message.
 */
export async function unwrap<T>(
  promise: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) {
    const body = (error as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      body ?? { code: 'NETWORK_ERROR', message: response.statusText || 'Request failed' },
    );
  }
  return data as T;
}
