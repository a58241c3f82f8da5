import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'spec',
    include: ['**/*.test.ts'],
    // The house-rule suite runs Spectral over two dozen documents: ~20 s on 2 busy cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
