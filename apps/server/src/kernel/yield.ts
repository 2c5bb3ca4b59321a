// Back to the event loop. The embedded engine (PGlite) runs queries in this thread: a loop of
// database steps that never yields to a macrotask keeps incoming requests from being accepted
// until it ends (a reminder run's deliveries held the API for ~20 s on the demo).
export const yieldToEventLoop = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve));
