import type { ParseArgsConfig } from 'node:util';
import { defaultSigningKeyVariable } from '../../cli/sendEventCommand.js';
import { UsageError } from '../../cli/usage.js';

/** The sandbox command's webhook options, for `parseArgs`. */
export const webhookFlags = {
  'webhook-url': { type: 'string', multiple: true },
  'signing-key-env': { type: 'string' },
  // Declared only to answer it with the right advice: a key on the command line ends up in shell history and `ps`.
  'signing-key': { type: 'string' },
  'webhook-deliver-twice': { type: 'boolean' },
  'webhook-shuffle': { type: 'boolean' },
} satisfies ParseArgsConfig['options'];

export interface WebhookFlagValues {
  'webhook-url'?: string[] | undefined;
  'signing-key-env'?: string | undefined;
  'signing-key'?: string | undefined;
  'webhook-deliver-twice'?: boolean | undefined;
  'webhook-shuffle'?: boolean | undefined;
}

export interface WebhookCliOptions {
  webhookUrls: string[];
  /** Present only when there is a URL to deliver to. */
  signingKey?: string;
  deliverTwice: boolean;
  shuffle: boolean;
}

/** Reads the webhook flags; the key comes from the environment variable they name, never from argv. */
export function webhookOptionsFrom(values: WebhookFlagValues, env: NodeJS.ProcessEnv): WebhookCliOptions {
  if (values['signing-key'] !== undefined) {
    throw new UsageError(`the signing key is never taken from the command line: put it in an environment variable (default ${defaultSigningKeyVariable}) and name it with --signing-key-env`);
  }
  const webhookUrls = values['webhook-url'] ?? [];
  for (const url of webhookUrls) {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new UsageError(`--webhook-url "${url}" is not an http(s) URL`);
  }
  const options: WebhookCliOptions = { webhookUrls, deliverTwice: values['webhook-deliver-twice'] ?? false, shuffle: values['webhook-shuffle'] ?? false };
  if (webhookUrls.length === 0) return options;
  const keyVariable = values['signing-key-env'] ?? defaultSigningKeyVariable;
  const signingKey = env[keyVariable];
  if (!signingKey) throw new UsageError(`--webhook-url needs a signing key: set it in the environment variable ${keyVariable}`);
  return { ...options, signingKey };
}
