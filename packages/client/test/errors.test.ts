import { describe, expect, it } from 'vitest';
import { ApiError, ConnectionError, InvalidResponseError, VoucherProgramsError, type ErrorCode } from '../src/index.js';
import { json, useFakeApiClient } from './fake-api.js';

const fake = useFakeApiClient();

const getProgram = () => fake.client.programs.getVoucherProgram({ path: { voucher_program_id: 'p1' } });
const caught = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('should have thrown'), (error: unknown) => error);

/** Exhaustive over the documented codes: adding a code to the spec breaks this switch at compile time. */
function advice(code: ErrorCode): string {
  switch (code) {
    case 'invalid_request':
    case 'redeem_count_exceeded':
    case 'voucher_program_inactive':
      return 'fix the request';
    case 'unauthorized':
    case 'user_not_allowed':
      return 'check access';
    case 'resource_not_found':
      return 'check the id';
    case 'code_generation_in_progress':
    case 'rate_limited':
    case 'internal_server_error':
      return 'wait';
    case 'code_already_redeemed':
      return 'done already';
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

describe('API errors', () => {
  it('carry status, the documented code, message, headers, request id and operation', async () => {
    fake.api.handle((_, response) => json(response, 404, { code: 'resource_not_found', message: 'Voucher program is not found' }, { 'X-Request-Id': 'req-42' }));
    const error = (await caught(getProgram())) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(VoucherProgramsError);
    expect(error).toMatchObject({ status: 404, code: 'resource_not_found', requestId: 'req-42', operationId: 'getVoucherProgram' });
    expect(error.body).toEqual({ code: 'resource_not_found', message: 'Voucher program is not found' });
    expect(error.headers.get('content-type')).toBe('application/json');
    expect(error.message).toBe('getVoucherProgram failed: 404 resource_not_found: Voucher program is not found (request id req-42)');
    expect(advice(error.code!)).toBe('check the id');
  });

  it('leave code undefined for a code the spec does not document, keeping the body', async () => {
    fake.api.handle((_, response) => json(response, 418, { code: 'teapot', message: 'short and stout' }));
    const error = (await caught(getProgram())) as ApiError;
    expect(error.code).toBeUndefined();
    expect(error.body).toEqual({ code: 'teapot', message: 'short and stout' });
  });

  it('turn a gateway’s HTML 502 into an ApiError with the raw text', async () => {
    const page = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    fake.api.handle((_, response) => response.writeHead(502, { 'Content-Type': 'text/html' }).end(page));
    const error = (await caught(fake.client.codes.distributeVoucherCodes({ path: { voucher_program_id: 'p1' } }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 502, code: undefined, rawBody: page, body: undefined });
    expect(error.message).toMatch(/502: non-JSON body \(text\/html\)/);
  });

  it('turn a cut-off JSON error body into an ApiError with the raw text, not a SyntaxError', async () => {
    fake.api.handle((_, response) => response.writeHead(500, { 'Content-Type': 'application/json' }).end('{"code":"internal_ser'));
    const error = (await caught(fake.client.codes.generateVoucherCodes({ path: { voucher_program_id: 'p1' }, body: { number_of_codes: 5 } }))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, rawBody: '{"code":"internal_ser' });
  });

  it('read an empty error body', async () => {
    fake.api.handle((_, response) => response.writeHead(503).end());
    const error = (await caught(fake.client.codes.distributeVoucherCodes({ path: { voucher_program_id: 'p1' } }))) as ApiError;
    expect(error).toMatchObject({ status: 503, code: undefined, body: undefined });
  });

  it('stay { error } on raw calls, HTML included', async () => {
    fake.api.handle((_, response) => response.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>bad gateway</html>'));
    const result = await fake.client.POST('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}/codes/distribute', {
      params: { path: { organization_id: 'o', voucher_program_id: 'p1' } },
    });
    expect(result.error).toBe('<html>bad gateway</html>');
    expect(result.response.status).toBe(502);
  });
});

describe('broken success answers', () => {
  it('a 200 whose body is not JSON is an InvalidResponseError with the raw text', async () => {
    fake.api.handle((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"voucher_program_id": "p1", "na'));
    const error = (await caught(getProgram())) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, rawBody: '{"voucher_program_id": "p1", "na', operationId: 'getVoucherProgram' });
  });

  it('the same on a raw call', async () => {
    fake.api.handle((_, response) => response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"voucher_'));
    const result = fake.client.GET('/v1/organizations/{organization_id}/voucher-programs/{voucher_program_id}', { params: { path: { organization_id: 'o', voucher_program_id: 'p' } } });
    await expect(result).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('a body cut off mid-stream is a ConnectionError', async () => {
    fake.api.handle((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      response.write('{"codes":[{"code_id":"c1"');
      setTimeout(() => response.destroy(), 20);
    });
    const error = await caught(fake.client.codes.getVoucherCodes({ path: { voucher_program_id: 'p1' } }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).operationId).toBe('getVoucherCodes');
  });

  it('a refused connection is a ConnectionError', async () => {
    await fake.api.close();
    const error = await caught(getProgram());
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/^getVoucherProgram failed before an answer arrived/);
  });
});
