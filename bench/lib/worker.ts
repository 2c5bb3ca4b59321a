// Worker thread of the generator: produces batches (generation and COPY rendering, the CPU
// part) while the main thread streams earlier batches into PostgreSQL. At most `ahead`
// batches wait for the main thread, so memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { batches, type RunSpec } from './batches.ts';

const port = parentPort;
if (!port) throw new Error('bench/lib/worker.ts runs as a worker thread');
const { spec, ahead } = workerData as { spec: RunSpec; ahead: number };

let credits = ahead;
let wake: (() => void) | null = null;
port.on('message', (message) => {
  if (message !== 'more') return;
  credits++;
  wake?.();
  wake = null;
});

for (const batch of batches(spec)) {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(
    batch,
    batch.tables.flatMap((t) => t.data.map((d) => d.buffer as ArrayBuffer)),
  );
}
port.postMessage('done');
port.close();
