import { parseArgs } from 'node:util';
import { describeViolations } from '../violations.js';
import { serveUntilSignal } from './serve.js';
import { serverFlags, serverOptionsFrom } from './serverFlags.js';
import { UsageError } from './usage.js';

export async function proxyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...serverFlags, errors: { type: 'boolean' } } });
  const [upstream, extra] = positionals;
  if (upstream === undefined) throw new UsageError('proxy needs the URL of the server to check, e.g. proxy http://127.0.0.1:8080');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (!URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)) {
    throw new UsageError(`"${upstream}" is not an http(s) URL`);
  }
  const { startProxy } = await import('../startProxy.js');
  const running = await startProxy({
    ...serverOptionsFrom(values),
    upstream,
    errors: values.errors ?? false,
    onViolation: (report) => {
      process.stderr.write(`VIOLATION ${report.method} ${report.path}: ${describeViolations(report.violations)}\n`);
    },
  });
  await serveUntilSignal(running, `Voucher Programs contract proxy for ${upstream}`);
  const count = running.violations.length;
  process.stderr.write(`${count} answer${count === 1 ? '' : 's'} broke the spec\n`);
  if (count > 0) process.exitCode = 1;
}
