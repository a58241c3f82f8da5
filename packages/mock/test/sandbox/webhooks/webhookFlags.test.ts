import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/usage.js';
import { webhookFlags, webhookOptionsFrom } from '../../../src/sandbox/webhooks/webhookFlags.js';

const read = (args: string[], env: NodeJS.ProcessEnv = {}) => webhookOptionsFrom(parseArgs({ args, options: webhookFlags }).values, env);

describe('sandbox webhook flags', () => {
  it('takes repeated --webhook-url and the key from UBER_WEBHOOK_SIGNING_KEY by default', () => {
    expect(read(['--webhook-url', 'http://127.0.0.1:8080/a', '--webhook-url', 'https://partner.example/b'], { UBER_WEBHOOK_SIGNING_KEY: 'k1' })).toEqual({
      webhookUrls: ['http://127.0.0.1:8080/a', 'https://partner.example/b'],
      signingKey: 'k1',
      deliverTwice: false,
      shuffle: false,
    });
  });

  it('reads the key from the variable --signing-key-env names, and the test options', () => {
    expect(read(['--webhook-url', 'http://127.0.0.1:8080/a', '--signing-key-env', 'MY_KEY', '--webhook-deliver-twice', '--webhook-shuffle'], { MY_KEY: 'k2', UBER_WEBHOOK_SIGNING_KEY: 'other' })).toEqual({
      webhookUrls: ['http://127.0.0.1:8080/a'],
      signingKey: 'k2',
      deliverTwice: true,
      shuffle: true,
    });
  });

  it('needs no key without a URL', () => {
    expect(read([])).toEqual({ webhookUrls: [], deliverTwice: false, shuffle: false });
  });

  it('names the missing variable, never a value', () => {
    const attempt = () => read(['--webhook-url', 'http://127.0.0.1:8080/a', '--signing-key-env', 'MY_KEY'], { UBER_WEBHOOK_SIGNING_KEY: 'not-this-one' });
    expect(attempt).toThrow(UsageError);
    expect(attempt).toThrow('--webhook-url needs a signing key: set it in the environment variable MY_KEY');
  });

  it('refuses a key on the command line without repeating it', () => {
    const attempt = () => read(['--webhook-url', 'http://127.0.0.1:8080/a', '--signing-key', 'whsec_secret_value']);
    expect(attempt).toThrow(/never taken from the command line/);
    expect(attempt).not.toThrow(/whsec_secret_value/);
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => read(['--webhook-url', 'mailto:ops@partner.example'], { UBER_WEBHOOK_SIGNING_KEY: 'k' })).toThrow('--webhook-url "mailto:ops@partner.example" is not an http(s) URL');
  });
});
