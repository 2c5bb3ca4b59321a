// Test helper: reads a Server-Sent Events stream from a real HTTP connection.
export interface SseEvent {
  type: string;
  data: Record<string, unknown>;
}

export interface SseClient {
  status: number;
  contentType: string | null;
  /** Resolves with the next event of `type` (earlier ones of other types are kept). */
  next(type: string, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once a comment line (`: ping`) arrived. */
  nextComment(timeoutMs?: number): Promise<string>;
  close(): void;
}

export async function openEventStream(url: string, cookie: string): Promise<SseClient> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let failure: unknown = null;
  const waker: { wake: (() => void) | null } = { wake: null };

  if (res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let type = 'message';
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('event: ')) type = line.slice(7);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (data) events.push({ type, data: JSON.parse(data) as Record<string, unknown> });
          }
          waker.wake?.();
        }
      } catch (err) {
        failure = err;
      }
      failure ??= new Error('stream ended');
      waker.wake?.();
    })();
  }

  async function waitFor<T>(take: () => T | undefined, what: string, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = take();
      if (found !== undefined) return found;
      if (failure && !(failure instanceof Error && failure.name === 'AbortError'))
        throw new Error(`${what}: ${String(failure)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        waker.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }

  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    next: (type, timeoutMs = 15_000) =>
      waitFor(
        () => {
          const i = events.findIndex((e) => e.type === type);
          return i >= 0 ? events.splice(i, 1)[0] : undefined;
        },
        `event ${type}`,
        timeoutMs,
      ),
    nextComment: (timeoutMs = 15_000) => waitFor(() => comments.shift(), 'comment', timeoutMs),
    close: () => controller.abort(),
  };
}
