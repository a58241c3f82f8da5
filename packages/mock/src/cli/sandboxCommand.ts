import { parseArgs } from 'node:util';
import { describeAttempt, webhookFlags, webhookOptionsFrom } from '../sandbox/webhooks/index.js';
import { untilSignal } from './untilSignal.js';
import { serverFlags, serverOptionsFrom } from './serverFlags.js';
import { UsageError } from './usage.js';

const clockModes = ['real', 'manual'] as const;

/** `voucher-programs-mock sandbox`: the stateful sandbox on a port until SIGINT or SIGTERM. */
export async function sandboxCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: serverFlags.port,
      host: serverFlags.host,
      'log-level': serverFlags['log-level'],
      'log-format': serverFlags['log-format'],
      'max-body-bytes': serverFlags['max-body-bytes'],
      seed: { type: 'string' },
      clock: { type: 'string' },
      state: { type: 'string' },
      ...webhookFlags,
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const clock = values.clock ?? 'real';
  if (!(clockModes as readonly string[]).includes(clock)) throw new UsageError(`--clock must be real or manual, not "${clock}"`);
  if (values.state === '') throw new UsageError('--state needs a file path');
  const server = serverOptionsFrom(values);
  const webhooks = webhookOptionsFrom(values, process.env);
  // Failed attempts from `warn`, acknowledged ones from `info`, as the log level says.
  const verbosity = ['warn', 'info', 'debug', 'trace'].indexOf(server.logLevel ?? 'info');
  const { startSandbox } = await import('../sandbox/startSandbox.js');
  const sandbox = await startSandbox({
    ...(server.port !== undefined ? { port: server.port } : {}),
    ...(server.host !== undefined ? { host: server.host } : {}),
    ...(server.logLevel !== undefined ? { logLevel: server.logLevel } : {}),
    ...(server.logFormat !== undefined ? { logFormat: server.logFormat } : {}),
    ...(server.maxBodyBytes !== undefined ? { maxBodyBytes: server.maxBodyBytes } : {}),
    ...(values.seed !== undefined ? { seed: values.seed } : {}),
    clock: clock as (typeof clockModes)[number],
    ...(values.state !== undefined ? { stateFile: values.state } : {}),
    webhookUrls: webhooks.webhookUrls,
    ...(webhooks.signingKey !== undefined ? { signingKey: webhooks.signingKey } : {}),
    deliverTwice: webhooks.deliverTwice,
    shuffle: webhooks.shuffle,
    onWebhookAttempt: (delivery, attempt) => {
      if (verbosity >= (attempt.acknowledged ? 1 : 0)) process.stderr.write(`${describeAttempt(delivery, attempt)}\n`);
    },
  });
  // Before the "listening" line, which tells a script the sandbox is ready.
  for (const url of webhooks.webhookUrls) process.stdout.write(`Delivering webhooks to ${url}\n`);
  process.stdout.write(`Voucher Programs sandbox listening on ${sandbox.url} (seed ${sandbox.seed}, ${clock} clock)\n`);
  const signal = await untilSignal();
  process.stderr.write(`${signal}: stopping${values.state !== undefined ? `, writing ${values.state}` : ''}\n`);
  await sandbox.stop();
}
