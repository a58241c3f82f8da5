// Prints how much verifying costs, as ratios against baselines measured in the same run:
// in process (verify + parse vs JSON.parse alone) and over loopback HTTP (adapter vs bare server).
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createWebhookNodeHandler, exampleEvents, signWebhookBody, verifyWebhook } from '../../packages/webhooks/src/index.ts';

const signingKey = 'whsec_bench';
const rawBody = JSON.stringify(exampleEvents.voucher_program_code_redeemed);
const signature = signWebhookBody(rawBody, signingKey);

function opsPerSecond(iterations: number, run: (i: number) => void): number {
  for (let i = 0; i < Math.min(iterations, 1000); i++) run(i);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run(i);
  return iterations / ((performance.now() - start) / 1000);
}

async function requestsPerSecond(listener: RequestListener, requests: number, concurrency: number): Promise<number> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  let sent = 0;
  const init = { method: 'POST', body: rawBody, headers: { 'x-uber-signature': signature, 'x-environment': 'sandbox' } };
  const worker = async () => {
    while (sent < requests) {
      sent++;
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker)); // warm-up
  sent = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const rate = requests / ((performance.now() - start) / 1000);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return rate;
}

const iterations = 50_000;
const parseOnly = opsPerSecond(iterations, () => JSON.parse(rawBody));
const verifyAndParse = opsPerSecond(iterations, () =>
  verifyWebhook({ rawBody, signature, environment: 'sandbox', signingKeys: signingKey }),
);
const verifyTwoKeys = opsPerSecond(iterations, () =>
  verifyWebhook({ rawBody, signature, environment: 'sandbox', signingKeys: ['old-key', signingKey] }),
);

const bare: RequestListener = (request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200).end());
};
// store: false so every request does the full work rather than being answered as a duplicate.
const adapter = createWebhookNodeHandler({ signingKeys: signingKey, store: false, onEvent: () => undefined });
const requests = 3000;
const bareRate = await requestsPerSecond(bare, requests, 8);
const adapterRate = await requestsPerSecond(adapter as RequestListener, requests, 8);

function report(name: string, value: number, unit: string, baseline: string): void {
  console.log(JSON.stringify({ name, value: Number(value.toFixed(unit === 'ratio' ? 3 : 0)), unit, baseline }));
}
const inProcess = `JSON.parse of the same ${rawBody.length}-byte body, ${iterations} iterations, same run`;
report('webhook verify + parse, one key', verifyAndParse, 'ops/s', 'absolute');
report('webhook verify + parse, one key / JSON.parse alone', verifyAndParse / parseOnly, 'ratio', inProcess);
report('webhook verify + parse, two keys / JSON.parse alone', verifyTwoKeys / parseOnly, 'ratio', inProcess);
report('webhook node handler', adapterRate, 'req/s', 'absolute');
report('webhook node handler / bare node:http server', adapterRate / bareRate, 'ratio', `bare server reading the body, ${requests} requests, 8 at a time over loopback, same run`);
