import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'contract',
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    // Each file starts its own mock on a free port; Prism's start-up and 500+ requests need seconds on 2 busy cores.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
