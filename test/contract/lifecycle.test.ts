import { startMock } from '@voucher-programs/mock';
import { describe, expect, it } from 'vitest';
import { specOperation } from './support/bundle.ts';
import { send } from './support/http-answer.ts';
import { handlesLeftOpen, openHandleBaseline } from './support/mock.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

describe('a mock per worker', () => {
  it('takes a free port from the OS, serves, and leaves no server, socket or process after stop()', async () => {
    const baseline = openHandleBaseline();
    // Two at once, as two workers would: each gets its own port.
    const mocks = await Promise.all([startMock({ port: 0, logLevel: 'silent' }), startMock({ port: 0, logLevel: 'silent' })]);
    const [first, second] = mocks;
    expect(first!.port).toBeGreaterThan(0);
    expect(second!.port).not.toBe(first!.port);
    const op = specOperation('getVoucherProgram');
    const request = validRequest(op);
    for (const mock of mocks) {
      const answer = await send({ method: 'GET', url: operationUrl(mock.url, op, request.pathParams), headers: { authorization: 'Bearer contract' } });
      expect(answer.status).toBe(200);
    }
    await Promise.all(mocks.map((mock) => mock.stop()));
    expect(await handlesLeftOpen(baseline)).toEqual({});
    for (const mock of mocks) {
      const refused = await fetch(`${mock.url}/`, { signal: AbortSignal.timeout(2_000) }).then(
        () => undefined,
        (error: Error) => (error.cause as NodeJS.ErrnoException | undefined)?.code,
      );
      expect(refused).toBe('ECONNREFUSED');
    }
  });
});
