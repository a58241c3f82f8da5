#!/usr/bin/env node
import { createRequire } from 'node:module';
import { usage, UsageError } from './cli/usage.js';

// Loaded on demand: Prism takes a second or two to import, which send-event and --help never need.
const commands: Record<string, (args: string[]) => Promise<void>> = {
  mock: async (args) => (await import('./cli/mockCommand.js')).mockCommand(args),
  proxy: async (args) => (await import('./cli/proxyCommand.js')).proxyCommand(args),
  'send-event': async (args) => (await import('./cli/sendEventCommand.js')).sendEventCommand(args),
  sandbox: async (args) => (await import('./cli/sandboxCommand.js')).sandboxCommand(args),
};

async function main(argv: string[]): Promise<void> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(usage);
    return;
  }
  if (argv.includes('--version')) {
    const { version } = createRequire(import.meta.url)('../package.json') as { version: string };
    process.stdout.write(`${version}\n`);
    return;
  }
  const [first, ...rest] = argv;
  const command = first !== undefined ? commands[first] : undefined;
  await (command ? command(rest) : commands.mock!(argv));
}

main(process.argv.slice(2)).then(
  // Leave through exit so a forgotten timer or socket cannot keep a stopped mock alive.
  () => process.exit(),
  (error: unknown) => {
    const usageError = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // One line per failure: the first line of the message, and where to look for usage.
    const message = String((error as Error).message ?? error).split('\n')[0];
    process.stderr.write(`voucher-programs-mock: ${message}${usageError ? ' (--help lists the options)' : ''}\n`);
    process.exit(usageError ? 2 : 1);
  },
);
