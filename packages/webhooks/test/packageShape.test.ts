import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as webhooks from '../src/index.js';

const sourceDirectory = new URL('../src/', import.meta.url);
const sources = readdirSync(sourceDirectory).filter((name) => name.endsWith('.ts'));

describe('package shape', () => {
  it('loads nothing at run time but the platform and its own files', () => {
    for (const name of sources) {
      const text = readFileSync(new URL(name, sourceDirectory), 'utf8');
      // `import type` and `export type` are erased from the output, so they may name the spec's types.
      const runtimeSpecifiers = [...text.matchAll(/^(?:import|export)(?!\s+type\b)[^;]*?from\s+'([^']+)'/gms)].map(
        (match) => match[1],
      );
      for (const specifier of runtimeSpecifiers) {
        expect(specifier, `${name} imports ${specifier}`).toMatch(/^(node:|\.\/)/);
      }
    }
  });

  it('exports what the mock CLI and partners call', () => {
    expect(typeof webhooks.signWebhookBody).toBe('function');
    expect(typeof webhooks.sendTestEvent).toBe('function');
    expect(typeof webhooks.readAcknowledgement).toBe('function');
    expect(Object.keys(webhooks.exampleEvents)).toHaveLength(4);
    expect(typeof webhooks.createWebhookNodeHandler).toBe('function');
    expect(typeof webhooks.createWebhookFetchHandler).toBe('function');
    expect(typeof webhooks.verifyWebhook).toBe('function');
    expect(typeof webhooks.createMemoryEventStore).toBe('function');
  });

  it('keeps src/index.ts to re-exports', () => {
    const index = readFileSync(new URL('index.ts', sourceDirectory), 'utf8');
    for (const line of index.split('\n').filter((l) => /^\S/.test(l))) expect(line).toMatch(/^(export |\} from )/);
  });
});
