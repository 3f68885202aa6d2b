import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// One project per test layer (see STYLE.md "Tests"); `npm test` runs them all.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['core/**/*.test.ts', 'functions/**/*.test.ts', 'amplify/**/*.test.ts'],
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
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
