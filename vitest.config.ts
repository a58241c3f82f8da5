import { defineConfig } from 'vitest/config';

// One runner for the whole workspace: every package and every cross-package suite
// brings its own vitest.config.ts, so adding a suite never edits this file.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'test/*/vitest.config.ts'],
  },
});
