import { defineConfig } from 'vitest/config';

// Browser tests run when Chromium is wanted: in CI (CI=true) or with LIUKE_E2E=1. There a
// missing browser fails the run; locally without either, npm test says it left them out.
const e2e = process.env.CI === 'true' || process.env.LIUKE_E2E === '1';
if (!e2e) {
  process.stdout.write(
    'Browser tests (tests/e2e) are not run: set LIUKE_E2E=1 to run them (CI does).\n',
  );
}

export default defineConfig({
  test: {
    // One file at a time (the default on two cores): on PostgreSQL the integration files share
    // one database, and several run the scheduled jobs (loyalty, reminders, campaigns…) over every
    // tenant at a test clock, which must not reach into another file's tenants mid-test.
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'apps/server/src/**/*.test.ts',
            'packages/**/src/**/*.test.ts',
            'bench/**/*.test.ts',
            // The console's and the app's pure helpers (no DOM): kit/format.ts, the WeChat bridge…
            'apps/console/src/**/*.test.ts',
            'apps/app/src/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/server/src/**/*.int.test.ts'],
          globalSetup: ['apps/server/src/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file brings its own database (PGlite) or tenants (PostgreSQL).
          pool: 'forks',
        },
      },
      ...(e2e
        ? [
            {
              test: {
                name: 'e2e',
                include: ['tests/e2e/**/*.e2e.test.ts'],
                testTimeout: 120_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
