import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'judges',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    setupFiles: ['./support/loopbackOnly.ts'],
    // Generating a client, bundling it and starting Prism take seconds on 2 busy cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
