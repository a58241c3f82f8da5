// Prints what the sandbox's webhook outbox and fault layer cost, as ratios against baselines
// measured in the same run: delivery over loopback against bare sendTestEvent calls, the
// outbox's bookkeeping against signing alone, and the per-call fault check.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { exampleEvents, sendTestEvent, signWebhookBody } from '../../packages/webhooks/src/index.ts';
import { createFaultPlan, createRateLimitWindow } from '../../packages/mock/src/sandbox/faults/index.ts';
import { createWebhookOutbox, type SchedulingClock } from '../../packages/mock/src/sandbox/webhooks/index.ts';

const signingKey = 'whsec_bench';
const start = Date.UTC(2027, 0, 1);
const clock: SchedulingClock = { now: () => start, schedule: () => () => undefined };
const events = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, index) => ({ ...exampleEvents.voucher_program_code_redeemed, event_id: `${prefix}-${index}` }));

function report(name: string, value: number, unit: string, baseline: string): void {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(unit === 'ratio' ? 3 : 0)), unit, baseline }));
}

// 1. Over loopback: the outbox against the same events sent one after another with sendTestEvent.
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200).end());
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
const deliveries = 2_000;

async function timeBareSends(prefix: string): Promise<number> {
  const begin = performance.now();
  for (const event of events(deliveries, prefix)) {
    const response = await sendTestEvent({ url, event, signingKey, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
  }
  return deliveries / ((performance.now() - begin) / 1000);
}

async function timeOutbox(prefix: string): Promise<number> {
  const outbox = createWebhookOutbox({ urls: [url], signingKey, clock, random: Math.random });
  const begin = performance.now();
  for (const event of events(deliveries, prefix)) outbox.enqueue(event);
  await outbox.whenIdle();
  const rate = deliveries / ((performance.now() - begin) / 1000);
  if (outbox.deliveries().some((delivery) => delivery.state !== 'delivered')) throw new Error('a delivery was not acknowledged');
  await outbox.close();
  return rate;
}

await timeBareSends('warm-bare');
await timeOutbox('warm-outbox');
const bareRate = await timeBareSends('bare');
const outboxRate = await timeOutbox('outbox');
server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));
report('sandbox webhook outbox deliveries over loopback', outboxRate, 'deliveries/s', 'absolute');
report(
  'sandbox webhook outbox / sendTestEvent one after another',
  outboxRate / bareRate,
  'ratio',
  `${deliveries} events to one bare node:http receiver over loopback, same run`,
);

// 2. Bookkeeping: 10,000 events refused at once by an in-process fetch, against signing them alone.
const backlog = 10_000;
const refuse = (async () => new Response(null, { status: 503 })) as unknown as typeof fetch;
const signOnly = (() => {
  const begin = performance.now();
  for (const event of events(backlog, 'sign')) signWebhookBody(JSON.stringify(event), signingKey);
  return backlog / ((performance.now() - begin) / 1000);
})();
const outbox = createWebhookOutbox({ urls: [url], signingKey, clock, random: Math.random, fetch: refuse });
const begin = performance.now();
for (const event of events(backlog, 'backlog')) outbox.enqueue(event);
await outbox.whenIdle();
const backlogRate = backlog / ((performance.now() - begin) / 1000);
await outbox.close();
report('sandbox webhook outbox, 10,000 refused events enqueued and attempted', backlogRate, 'events/s', 'absolute');
report('sandbox webhook outbox bookkeeping / signing alone', backlogRate / signOnly, 'ratio', `JSON.stringify + HMAC of the same ${backlog} events, same run`);

// 3. The per-call cost of the fault check and the rate-limit headers.
const plan = createFaultPlan({ random: Math.random });
plan.add({ fault: 'internal_server_error', operation_id: 'getVoucherCodes', rate: 0.01 });
const window = createRateLimitWindow({ now: () => start });
const calls = 200_000;
const callBegin = performance.now();
for (let call = 0; call < calls; call += 1) {
  plan.next('getVoucherProgram');
  window.take('app');
}
report('sandbox fault check + X-Rate-Limit-* headers per call', ((performance.now() - callBegin) * 1e6) / calls, 'ns', 'absolute');
