// Staff writes through the API for browser-test setup (settings, the counter's part of a story):
// signs in like staffApi in server.ts and also sends the session's CSRF token, so POST/PUT work.
export interface StaffWriter {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  /** The raw response (for asserting a refusal's status and code). */
  raw(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
}

export async function staffWriter(url: string, login: string): Promise<StaffWriter> {
  const res = await fetch(`${url}/api/v1/staff/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', login, password: 'Liuke@2026' }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const raw = (method: string, p: string, body?: unknown, extra: Record<string, string> = {}) => {
    const headers: Record<string, string> = { cookie, 'x-csrf-token': csrfToken, ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(`${url}${p}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  };
  const call = async <T>(
    method: string,
    p: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> => {
    const r = await raw(method, p, body, headers);
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return {
    get: (p) => call('GET', p),
    post: (p, body, headers) => call('POST', p, body, headers),
    put: (p, body) => call('PUT', p, body),
    raw,
  };
}
