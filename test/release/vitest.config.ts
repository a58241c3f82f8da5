import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'release',
    include: ['**/*.test.ts'],
    // Each Redocly diff is ~1.5 s on 2 cores; the consumer test sets its own, longer timeouts.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
