#!/usr/bin/env node
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
  const [first, ...rest] = argv;
  const command = first !== undefined ? commands[first] : undefined;
  await (command ? command(rest) : commands.mock!(argv));
}

main(process.argv.slice(2)).then(
  // Leave through exit so a forgotten timer or socket cannot keep a stopped mock alive.
  () => process.exit(),
  (error: unknown) => {
    const usageError = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`voucher-programs-mock: ${(error as Error).message}\n${usageError ? '\nRun with --help for usage.\n' : ''}`);
    process.exit(usageError ? 2 : 1);
  },
);
