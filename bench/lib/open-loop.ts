// Open-loop load: requests leave on a fixed schedule (request i at start + i / rate), whether or
// not earlier ones have been answered, and each latency counts from the instant the request was
// due, not from when a free connection sent it — a slow server cannot slow the schedule down
// and hide its own queueing (no "coordinated omission"). Targets are taken round-robin.
import http from 'node:http';

export interface Target {
  port: number;
  agent: http.Agent;
}

export function targets(ports: readonly number[], maxSockets: number): Target[] {
  return ports.map((port) => ({
    port,
    agent: new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets }),
  }));
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RunResult {
  /** Latencies (ms) of the answers with a 2xx status, from the instant each was due. */
  latencies: number[];
  ok: number;
  /** Non-2xx answers by status, and transport errors as status 0. */
  failed: Record<number, number>;
  /** Requests sent per second, as scheduled. */
  rate: number;
  seconds: number;
  /** Requests still unanswered at the end (counted as failed with status -1). */
  unanswered: number;
}

function send(
  target: Target,
  spec: RequestSpec,
  inFlight?: Set<http.ClientRequest>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: spec.method,
        path: spec.path,
        agent: target.agent,
        headers: {
          accept: 'application/json',
          ...(spec.body !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) }
            : {}),
          ...spec.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    if (inFlight) {
      inFlight.add(req);
      req.on('close', () => inFlight.delete(req));
    }
    if (spec.body !== undefined) req.end(spec.body);
    else req.end();
  });
}

/** One request, answered: for fixtures and warm-up. */
export async function once(target: Target, spec: RequestSpec) {
  return send(target, spec);
}

/**
 * Sends `next(i)` at `rate` requests per second for `seconds`, round-robin over `to`, and waits
 * for every answer, at most `drainSeconds` after the last was due: then the requests still
 * waiting (for a connection or an answer) are aborted, so that they do not load the next run.
 */
export async function openLoop(
  to: readonly Target[],
  next: (i: number) => RequestSpec,
  rate: number,
  seconds: number,
  drainSeconds = 20,
): Promise<RunResult> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const failed: Record<number, number> = {};
  let ok = 0;
  let answered = 0;
  const start = performance.now() + 5;
  let i = 0;
  let finish: () => void = () => {};
  const allAnswered = new Promise<void>((resolve) => (finish = resolve));
  const inFlight = new Set<http.ClientRequest>();
  let closed = false;
  const fire = (n: number, due: number) => {
    void send(to[n % to.length]!, next(n), inFlight).then(({ status }) => {
      if (closed) return;
      if (status >= 200 && status < 300) {
        ok++;
        latencies.push(performance.now() - due);
      } else failed[status] = (failed[status] ?? 0) + 1;
      if (++answered === total) finish();
    });
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < total && start + i * interval <= now) {
        fire(i, start + i * interval);
        i++;
      }
      if (i >= total) return resolve();
      setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
    };
    setTimeout(tick, 5);
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    allAnswered,
    new Promise<void>((resolve) => (timer = setTimeout(resolve, drainSeconds * 1000))),
  ]);
  clearTimeout(timer);
  const unanswered = total - answered;
  closed = true;
  for (const req of inFlight) req.destroy();
  if (unanswered) failed[-1] = unanswered;
  return { latencies: [...latencies], ok, failed, rate, seconds, unanswered };
}
