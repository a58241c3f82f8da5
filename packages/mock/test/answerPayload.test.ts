/** The written answer is Prism's own serialization, byte for byte, whatever the content type says. */
import { serialize } from '@stoplight/prism-http-server/dist/serialize.js';
import { describe, expect, test } from 'vitest';
import { answerPayload } from '../src/answerPayload.js';

const contentTypes = [undefined, '', 'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/problem+json', 'application/vnd.api+json', 'application/jsonx', 'application/xml', 'text/plain', 'text/html; charset=utf-8', 'image/png', 'not a type'];
const bodies = [{ code: 'not_found', message: 'é ✓' }, [1, 'two', null], 'text', 42, 0, null, undefined, true, ''];

const prismWrites = (body: unknown, contentType: string | undefined) => {
  try {
    return { text: serialize(body, contentType) as string | undefined };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('answerPayload writes what Prism writes', () => {
  test.each(contentTypes)('content type %s, every kind of body, twice', (contentType) => {
    for (const body of bodies) {
      for (let time = 0; time < 2; time++) {
        const expected = prismWrites(body, contentType);
        let found: { text?: string | undefined; error?: string };
        try {
          const payload = answerPayload(body, contentType, false);
          found = { text: payload.text };
          if (payload.text !== undefined) expect(payload.length).toBe(Buffer.byteLength(payload.text));
        } catch (error) {
          found = { error: (error as Error).message };
        }
        expect(found, `${JSON.stringify(body)} as ${contentType}`).toEqual(expected);
      }
    }
  });
});
