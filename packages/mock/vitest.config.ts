import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'mock',
    include: ['test/**/*.test.ts'],
    // Each file shares one real mock; the files themselves may run side by side.
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
