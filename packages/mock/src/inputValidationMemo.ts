import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import type { AnswerCacheOptions } from './answerCache.js';

type Check = AnswerCacheOptions['validateInput'];

// A bound on what one operation keeps: a test run sends the same few requests over and over.
const requestsPerOperation = 64;
// Requests larger than this are not worth keying on; they are checked every time.
const maxKeyLength = 4096;

// Per request object: Prism hands the same one to its security check and its input check.
const keys = new WeakMap<IHttpRequest, string>();

/** Everything Prism's input and security checks read: method, path, query, headers and body. */
function requestKey(element: IHttpRequest): string {
  let key = keys.get(element);
  if (key === undefined) {
    key = `${element.method} ${element.url.path}\n${JSON.stringify(element.url.query ?? {})}\n${JSON.stringify(element.headers ?? {})}\n${JSON.stringify(element.body)}`;
    keys.set(element, key);
  }
  return key;
}

/**
 * Prism's input check (or its security check), remembered per operation for requests it found
 * nothing wrong with: the check depends on the request alone, so the same request passes again.
 * A request with any finding is checked every time.
 */
export function memoizeInputValidation(validate: Check): Check {
  const passed = new WeakMap<IHttpOperation, Set<string>>();
  return (options) => {
    const { resource, element } = options;
    const key = requestKey(element);
    if (key.length > maxKeyLength) return validate(options);
    let keys = passed.get(resource);
    if (keys?.has(key)) return { _tag: 'Right', right: element };
    const result = validate(options);
    if (result._tag === 'Right') {
      if (!keys) passed.set(resource, (keys = new Set()));
      if (keys.size >= requestsPerOperation) keys.delete(keys.values().next().value!);
      keys.add(key);
    }
    return result;
  };
}
