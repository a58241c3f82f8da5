#!/usr/bin/env node
import { mockCommand } from './cli/mockCommand.js';
import { proxyCommand } from './cli/proxyCommand.js';
import { sendEventCommand } from './cli/sendEventCommand.js';
import { usage, UsageError } from './cli/usage.js';

const commands: Record<string, (args: string[]) => Promise<void>> = {
  mock: mockCommand,
  proxy: proxyCommand,
  'send-event': sendEventCommand,
};

async function main(argv: string[]): Promise<void> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(usage);
    return;
  }
  const [first, ...rest] = argv;
  const command = first !== undefined && commands[first];
  await (command ? command(rest) : mockCommand(argv));
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
