import { describe, expect, it } from 'vitest';
import { AbortError, ApiError, TimeoutError, VoucherProgramsError } from '../src/index.js';
import { json, useFakeApiClient } from './fake-api.js';

const fake = useFakeApiClient();

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('paginate', () => {
  it('walks search by limit and offset until a short page', async () => {
    const programs = Array.from({ length: 25 }, (_, i) => ({ voucher_program_id: `p${i}` }));
    fake.api.handle((request, response) => {
      const { limit, offset } = JSON.parse(request.body) as { limit: number; offset: number };
      json(response, 200, { results: programs.slice(offset, offset + limit) });
    });
    const found = await collect(fake.client.paginate('searchVoucherPrograms', { body: { limit: 10, offset: 0, program_status: 'ACTIVE' } }));
    expect(found.map((p) => p.voucher_program_id)).toEqual(programs.map((p) => p.voucher_program_id));
    expect(fake.api.requests.map((r) => JSON.parse(r.body))).toEqual([
      { limit: 10, offset: 0, program_status: 'ACTIVE' },
      { limit: 10, offset: 10, program_status: 'ACTIVE' },
      { limit: 10, offset: 20, program_status: 'ACTIVE' },
    ]);
  });

  it('asks once more after an exactly full last page, and stops on the empty one', async () => {
    fake.api.handle((request, response) => json(response, 200, { results: JSON.parse(request.body).offset === 0 ? [{}, {}] : [] }));
    expect(await collect(fake.client.paginate('searchVoucherPrograms', { body: { limit: 2, offset: 0 } }))).toHaveLength(2);
    expect(fake.api.requests).toHaveLength(2);
  });

  it('fetches lazily: breaking out after the first item sends one request', async () => {
    fake.api.handle((_, response) => json(response, 200, { results: [{ voucher_program_id: 'a' }, { voucher_program_id: 'b' }] }));
    for await (const program of fake.client.paginate('searchVoucherPrograms', { body: { limit: 2, offset: 0 } })) {
      expect(program.voucher_program_id).toBe('a');
      break;
    }
    expect(fake.api.requests).toHaveLength(1);
  });

  it('walks guests by page_token and next_token', async () => {
    const pages: Record<string, { guests: { email: string }[]; next_token?: string | null }> = {
      '': { guests: [{ email: 'a@example.com' }, { email: 'b@example.com' }], next_token: 'two' },
      two: { guests: [{ email: 'c@example.com' }], next_token: 'three' },
      three: { guests: [{ email: 'd@example.com' }], next_token: null },
    };
    fake.api.handle((request, response) => json(response, 200, pages[new URL(request.url, fake.api.url).searchParams.get('page_token') ?? '']));
    const guests = await collect(fake.client.paginate('getGuests', { path: { voucher_program_id: 'p1' }, query: { limit: 2 } }));
    expect(guests.map((g) => g.email)).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
    expect(fake.api.requests.map((r) => r.url)).toEqual([
      '/v1/organizations/o/voucher-programs/p1/guests?limit=2',
      '/v1/organizations/o/voucher-programs/p1/guests?limit=2&page_token=two',
      '/v1/organizations/o/voucher-programs/p1/guests?limit=2&page_token=three',
    ]);
  });

  it('walks templates the same way', async () => {
    fake.api.handle((request, response) =>
      json(response, 200, request.url.includes('page_token') ? { templates: [{ uuid: 't2' }] } : { templates: [{ uuid: 't1' }], next_token: 'n' }),
    );
    expect((await collect(fake.client.paginate('listVoucherProgramTemplates'))).map((t) => t.uuid)).toEqual(['t1', 't2']);
  });

  it('throws instead of looping when the server repeats a cursor', async () => {
    fake.api.handle((_, response) => json(response, 200, { guests: [{}], next_token: 'same' }));
    await expect(collect(fake.client.paginate('getGuests', { path: { voucher_program_id: 'p1' } }))).rejects.toThrow(/same next_token twice/);
    expect(fake.api.requests).toHaveLength(2);
  });

  it('refuses offset paging without a positive limit, before sending anything', async () => {
    await expect(collect(fake.client.paginate('searchVoucherPrograms', { body: { limit: 0, offset: 0 } }))).rejects.toBeInstanceOf(VoucherProgramsError);
    expect(fake.api.requests).toHaveLength(0);
  });

  it('passes an API error of any page through', async () => {
    fake.api.handle((_, response) => json(response, 403, { code: 'user_not_allowed', message: 'no access' }));
    await expect(collect(fake.client.paginate('getGuests', { path: { voucher_program_id: 'p1' } }))).rejects.toMatchObject({ code: 'user_not_allowed' });
  });
});

describe('waitForCodes', () => {
  const inProgress = { code: 'code_generation_in_progress', message: 'Codes are still being generated' };

  it('asks again while codes are being generated, reporting progress, then returns the codes', async () => {
    let asked = 0;
    fake.api.handle((_, response) => (++asked <= 2 ? json(response, 409, inProgress) : json(response, 200, { total_number_of_codes: 1, codes: [{ code_text: 'K7Q2ZP' }] })));
    const progress: { attempt: number; nextDelayMs: number }[] = [];
    const answer = await fake.client.waitForCodes('getVoucherCodes', { path: { voucher_program_id: 'p1' } }, {
      intervalMs: 10,
      onProgress: ({ attempt, nextDelayMs }) => progress.push({ attempt, nextDelayMs }),
    });
    expect(answer.codes?.[0]?.code_text).toBe('K7Q2ZP');
    expect(progress).toEqual([
      { attempt: 1, nextDelayMs: 10 },
      { attempt: 2, nextDelayMs: 15 },
    ]);
  });

  it('repeats add-guests only after a 409 (the API did nothing)', async () => {
    let asked = 0;
    fake.api.handle((_, response) => (++asked === 1 ? json(response, 409, inProgress) : json(response, 200, { guests: [{ email: 'a@example.com' }] })));
    await fake.client.waitForCodes('addGuests', { path: { voucher_program_id: 'p1' }, body: { guests: [{ email: 'a@example.com' }], send_notifications: true } }, { intervalMs: 5 });
    expect(fake.api.requests).toHaveLength(2);
  });

  it('throws a TimeoutError at its deadline, with the last 409 as cause', async () => {
    fake.api.handle((_, response) => json(response, 409, inProgress));
    const error = await fake.client.waitForCodes('getVoucherCodes', { path: { voucher_program_id: 'p1' } }, { intervalMs: 20, deadlineMs: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).cause).toBeInstanceOf(ApiError);
    expect(fake.api.requests.length).toBeGreaterThanOrEqual(3);
    expect(fake.api.requests.length).toBeLessThanOrEqual(5);
  });

  it('passes any other error through at once', async () => {
    fake.api.handle((_, response) => json(response, 404, { code: 'resource_not_found', message: 'gone' }));
    await expect(fake.client.waitForCodes('getVoucherCodes', { path: { voucher_program_id: 'p1' } })).rejects.toMatchObject({ code: 'resource_not_found' });
    expect(fake.api.requests).toHaveLength(1);
  });

  it('stops waiting at once when the caller aborts', async () => {
    fake.api.handle((_, response) => json(response, 409, inProgress));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    await expect(fake.client.waitForCodes('getVoucherCodes', { path: { voucher_program_id: 'p1' } }, { intervalMs: 10_000, signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
