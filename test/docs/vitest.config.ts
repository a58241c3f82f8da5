import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    include: ['**/*.test.ts'],
    exclude: ['.samples/**', 'node_modules/**'],
    // A Redocly build, a TypeScript program over the client and a real Chromium: seconds each on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
