import { defaultUpstreamTimeoutMs, upstreamAddress } from '../upstreamFailure.js';
import { describeViolations } from '../violations.js';
import { parseCommandLine } from './parseCommandLine.js';
import { parseWholeNumber } from './parseNumber.js';
import { serveUntilSignal } from './serve.js';
import { serverFlags, serverOptionsFrom } from './serverFlags.js';
import { UsageError } from './usage.js';

export async function proxyCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseCommandLine(args, { ...serverFlags, errors: { type: 'boolean' }, 'upstream-timeout': { type: 'string' } });
  const [upstream, extra] = positionals;
  if (upstream === undefined) throw new UsageError('proxy needs the URL of the server to check, e.g. proxy http://127.0.0.1:8080');
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  if (!URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)) {
    throw new UsageError(`"${upstream}" is not an http(s) URL`);
  }
  const upstreamTimeoutMs = parseWholeNumber('upstream-timeout', values['upstream-timeout'], defaultUpstreamTimeoutMs, 1, 3_600_000);
  // Printed without any user name, password or query the URL carries.
  const address = upstreamAddress(new URL(upstream));
  const { startProxy } = await import('../startProxy.js');
  const running = await startProxy({
    ...serverOptionsFrom(values),
    upstream,
    errors: values.errors ?? false,
    upstreamTimeoutMs,
    onViolation: (report) => {
      process.stderr.write(`VIOLATION ${report.method} ${report.path}: ${describeViolations(report.violations)}\n`);
    },
    onUpstreamFailure: (report) => {
      process.stderr.write(`UPSTREAM FAILED ${report.method} ${report.path}: ${report.reason}\n`);
    },
  });
  await serveUntilSignal(running, `Voucher Programs contract proxy for ${address}`);
  const count = running.violations.length;
  const failed = running.upstreamFailures.length;
  process.stderr.write(`${count} answer${count === 1 ? '' : 's'} broke the spec\n`);
  // The proxy stays up through upstream failures (each is answered 502 and printed as it happens), but
  // an upstream that never answered leaves nothing to check: that is a failed run, not a clean one.
  if (failed > 0) process.stderr.write(`${failed} request${failed === 1 ? '' : 's'} got no good answer from ${address} (unreachable, too slow or 5xx)\n`);
  if (count > 0 || failed > 0) process.exitCode = 1;
}
