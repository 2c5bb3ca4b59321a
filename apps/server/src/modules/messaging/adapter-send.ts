// Step 2 of the pipeline, outside any transaction: each leased delivery goes to its adapter,
// with the delivery id as the idempotency key — in one call for adapters that take a batch,
// else a few in parallel. A sealed secret is opened here, for the adapter alone.
import type { ChannelDeps, ChannelMessage, SendResult } from '../../channels/port.ts';
import { hasSecret, maskSecrets, revealSecrets } from '../../kernel/secret-text.ts';
import type { Work } from './delivery-rows.ts';
import { channelDeps, type Adapter, type AdapterFor, type PipelineDeps } from './pipeline-deps.ts';

export type SendResults = Map<string, { result: SendResult; provider: string }>;

function message(w: Work): ChannelMessage {
  // A sealed secret (sign-in code, reset link) is opened here, for the adapter alone.
  const secret = [w.body, w.subject, w.html, w.url].some(hasSecret);
  const open = (text: string) => (secret ? revealSecrets(text, w.tenantId) : text);
  return {
    tenantId: w.tenantId,
    intentId: w.intentId,
    deliveryId: w.deliveryId,
    customerId: w.customerId,
    channel: w.channel,
    to: w.address,
    purpose: w.purpose,
    text: open(w.body),
    ...(secret ? { maskedText: maskSecrets(w.body) } : {}),
    ...(w.subject ? { subject: open(w.subject) } : {}),
    ...(w.html ? { html: open(w.html) } : {}),
    ...(w.url ? { url: open(w.url) } : {}),
    ...(w.attachments?.length && w.channel === 'email' ? { attachments: w.attachments } : {}),
  };
}

const failed = (err: unknown): SendResult => ({
  outcome: 'failed',
  permanent: false,
  error: String((err as Error)?.message ?? err).slice(0, 500),
});

/** Hands each leased delivery to its adapter. Never throws: a throw is a temporary failure. */
export async function sendAll(
  deps: PipelineDeps,
  work: Work[],
  adapterFor: AdapterFor,
): Promise<SendResults> {
  const cd = channelDeps(deps);
  const results: SendResults = new Map();
  const groups = new Map<string, Work[]>();
  for (const w of work) {
    const k = `${w.tenantId}:${w.channel}`;
    groups.set(k, [...(groups.get(k) ?? []), w]);
  }
  for (const ws of groups.values()) {
    let adapter: Adapter;
    try {
      adapter = await adapterFor(ws[0]!.tenantId, ws[0]!.channel);
    } catch (err) {
      for (const w of ws) results.set(w.deliveryId, { result: failed(err), provider: 'unknown' });
      continue;
    }
    if (adapter.sendMany) await sendBatch(adapter, ws, cd, results);
    else await sendEach(adapter, ws, cd, results, deps.sendConcurrency ?? 16);
  }
  return results;
}

async function sendBatch(adapter: Adapter, ws: Work[], cd: ChannelDeps, results: SendResults) {
  try {
    const rs = await adapter.sendMany!(ws.map(message), cd);
    ws.forEach((w, n) =>
      results.set(w.deliveryId, {
        result: rs[n] ?? failed('no result'),
        provider: adapter.provider,
      }),
    );
  } catch (err) {
    for (const w of ws)
      results.set(w.deliveryId, { result: failed(err), provider: adapter.provider });
  }
}

async function sendEach(
  adapter: Adapter,
  ws: Work[],
  cd: ChannelDeps,
  results: SendResults,
  concurrency: number,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, ws.length) }, async () => {
    while (next < ws.length) {
      const w = ws[next++]!;
      let result: SendResult;
      try {
        result = await adapter.send(message(w), cd);
      } catch (err) {
        result = failed(err);
      }
      results.set(w.deliveryId, { result, provider: adapter.provider });
    }
  });
  await Promise.all(lanes);
}
