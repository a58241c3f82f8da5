import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveRef, type SpecOperation } from '../../scripts/docs/spec-walk.ts';
import { routeOf } from './support/bad-requests.ts';
import { bundle, specOperations } from './support/bundle.ts';
import { organizationToken, riderToken } from './support/contract-client.ts';
import { answerProblems, send } from './support/http-answer.ts';
import { useMock } from './support/mock.ts';
import { operationUrl, validRequest } from './support/valid-request.ts';

const voucherMock = useMock();
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Every Markdown file a partner or contributor reads: the READMEs and the spec's prose. */
function documents(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (['node_modules', '.git', 'dist', 'generated'].includes(entry.name)) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md') && !entry.name.startsWith('CHANGELOG')) found.push(path);
    }
  };
  walk(repoRoot);
  return found;
}

interface PreferLine {
  where: string;
  prefer: string;
  /** The operations the line speaks of: a path in it, a `client.<tag>.<operationId>` call, else every one the Prefer fits. */
  operations: SpecOperation[];
}

const preferPattern = /Prefer:\s*'?([a-z]+=[^'`"\n]*?)'?\s*(?:[`'"\n]|$)/gi;

function preferLines(): PreferLine[] {
  return documents().flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        // A placeholder such as `code=…` or `example=<other>` is a pattern, not a line to run.
        [...line.matchAll(preferPattern)].filter((match) => !/[…<]/.test(match[1]!)).map((match): PreferLine => {
          const prefer = match[1]!.trim();
          const path = /\/v1[^\s'"`]*/.exec(line)?.[0];
          const call = /client\.\w+\.(\w+)\(/.exec(line)?.[1];
          const named = path ? [routeOf('GET', path)] : call ? [specOperations.find((op) => op.operationId === call)] : undefined;
          return { where: `${relative(repoRoot, file)}:${index + 1}`, prefer, operations: (named ?? specOperations.filter((op) => fits(op, prefer))).filter((op): op is SpecOperation => op !== undefined) };
        }),
      ),
  );
}

function settingsOf(prefer: string): Record<string, string> {
  return Object.fromEntries(prefer.split(',').map((part) => part.trim().split('=') as [string, string]));
}

/** Whether the operation declares what the Prefer asks for. */
function fits(op: SpecOperation, prefer: string): boolean {
  const { code, example } = settingsOf(prefer);
  const status = code ?? Object.keys(op.operation.responses).find((candidate) => candidate.startsWith('2'))!;
  if (!(status in op.operation.responses)) return false;
  if (example === undefined) return true;
  const response = resolveRef(bundle, op.operation.responses[status]);
  return Object.keys(response.content?.['application/json']?.examples ?? {}).includes(example);
}

const lines = preferLines();

describe('every Prefer line in the docs does what it says against the mock', () => {
  it('the docs have Prefer lines to run', () => {
    expect(lines.length).toBeGreaterThanOrEqual(4);
  });

  it.each(lines.map((line) => [line.where, line.prefer, line] as const))('%s: Prefer: %s', async (_where, prefer, line) => {
    expect(line.operations.length, 'no operation this Prefer fits').toBeGreaterThan(0);
    const { code, example } = settingsOf(prefer);
    for (const op of line.operations) {
      const request = validRequest(op);
      const answer = await send({
        method: op.method.toUpperCase(),
        url: operationUrl(voucherMock.url, op, request.pathParams, request.query),
        headers: {
          prefer,
          authorization: `Bearer ${request.usesRiderToken ? riderToken : organizationToken}`,
          ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      });
      const where = `${op.operationId}: ${answer.status} ${answer.text.slice(0, 200)}`;
      expect(answerProblems(op, answer), where).toEqual([]);
      if (code !== undefined) expect(answer.status, where).toBe(Number(code));
      else expect(answer.status, where).toBeLessThan(300);
      if (example !== undefined) expect((answer.json as { code?: string }).code, where).toBe(example);
    }
  });
});
