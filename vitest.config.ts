import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// One project per test layer (see STYLE.md "Tests"); `npm test` runs them all.
export default defineConfig({
  test: {
    // Pinned AWS SDK on Node 20: its "needs Node 22 from 2027" notice is known; keep output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['core/**/*.test.ts', 'functions/**/*.test.ts', 'amplify/**/*.test.ts', 'tests/xss/*.test.ts'],
        },
      },
      {
        test: {
          name: 'local',
          environment: 'node',
          include: ['local/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'app',
          environment: 'happy-dom',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts', 'tests/reliability/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
