import { describe, expect, it } from 'vitest';
import { createWebhookNodeHandler } from '../src/nodeHandler.js';
import { exampleEvents } from '../src/exampleEvents.js';
import { readAcknowledgement } from '../src/acknowledgement.js';
import { sendTestEvent } from '../src/sendTestEvent.js';
import { listen, type LoopbackServer } from './loopback.js';

const signingKey = 'whsec_acknowledgement_tests';
const event = exampleEvents.voucher_program_activated;

/** Sends the example event to an endpoint that answers as given, over real loopback HTTP. */
async function answerTo(status: number, body?: string, headers: Record<string, string> = {}) {
  const server: LoopbackServer = await listen((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(status, headers).end(body));
  });
  try {
    return await readAcknowledgement(await sendTestEvent({ url: server.url, event, signingKey, signal: AbortSignal.timeout(5_000) }));
  } finally {
    await server.close();
  }
}

describe('readAcknowledgement: Uber asks for an empty 200', () => {
  it('an empty 200 acknowledges', async () => {
    expect(await answerTo(200)).toEqual({ status: 200, acknowledged: true });
  });

  it('an empty 204 (another success without a body) acknowledges', async () => {
    expect(await answerTo(204)).toEqual({ status: 204, acknowledged: true });
  });

  it('a 2xx with a body does not, and says how big the body was', async () => {
    expect(await answerTo(200, '{"ok":true}', { 'content-type': 'application/json' })).toEqual({
      status: 200,
      acknowledged: false,
      reason: 'answered 200 with a 11-byte body; only an empty 2xx acknowledges (Uber asks for 200 with no body)',
    });
    expect(await answerTo(202, 'queued')).toMatchObject({ status: 202, acknowledged: false, reason: expect.stringContaining('6-byte body') });
  });

  it('any other status does not, body or not', async () => {
    expect(await answerTo(500)).toEqual({ status: 500, acknowledged: false, reason: 'answered 500' });
    expect(await answerTo(401, '{"code":"signature_mismatch"}')).toEqual({ status: 401, acknowledged: false, reason: 'answered 401' });
  });

  it("the package's own receiver acknowledges by the rule", async () => {
    const server = await listen(createWebhookNodeHandler({ signingKeys: signingKey, onEvent: () => {} }));
    try {
      const answer = await readAcknowledgement(await sendTestEvent({ url: server.url, event, signingKey }));
      expect(answer).toEqual({ status: 200, acknowledged: true });
    } finally {
      await server.close();
    }
  });
});
