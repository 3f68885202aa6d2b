import vue from '@vitejs/plugin-vue';
import { configDefaults, defineConfig } from 'vitest/config';

// Function tests that start an embedded DynamoDB server (dynalite, and DynamoDB Local on Java)
// through tests/support/lambda-table.ts.
const LAMBDA_TABLE_TESTS = [
  'functions/create-room/create-room.test.ts',
  'functions/create-room/room-names.test.ts',
  'functions/history/history.test.ts',
  'functions/history/changes-history.test.ts',
  'functions/history/room-list.test.ts',
  'functions/lib/timeline-query.test.ts',
  'functions/lib/overlay-keys-backfill.test.ts',
  'functions/members/members.test.ts',
  'functions/members/people-search.test.ts',
  'functions/moderation/author-lookup.test.ts',
  'functions/moderation/moderation.test.ts',
  'functions/moderation/mutes.test.ts',
  'functions/moderation/private-rooms.test.ts',
  'functions/moderation/report-queue.test.ts',
  'functions/moderation/rooms.test.ts',
  'functions/persist-messages/persist-messages.test.ts',
  'functions/persist-messages/changes.test.ts',
  'functions/persist-messages/mention-notices.test.ts',
  'tests/xss/changes-server.test.ts',
  'functions/throttle-signals/throttle-signals.test.ts',
  'functions/pre-token-generation/pre-token-generation.test.ts',
  'functions/lib/profile-store.test.ts',
  'functions/profile/profile.test.ts',
  'functions/profile/my-mentions.test.ts',
  'functions/reports/reports.test.ts',
];

// Tests of Parley on the emulator (appsync-events-local) that listen on sockets, start DynamoDB or
// the user pool, or spawn and kill processes. The emulator's own tests are the `emulator` project.
const LOCAL_SERVER_TESTS = [
  'local/auth/amplify-auth.test.ts',
  'local/cli.test.ts',
  // Synthesizes the backend (a child process), or reads the cached synth.
  'local/template/read-local-backend.test.ts',
  // The subscribe handlers with their DynamoDB data source on a real server.
  'amplify/events/handlers/room-subscribe.test.ts',
];

// The backend synthesized for the local cloud (local/synth/cached-synth.ts), shared by every start.
const LOCAL_SYNTH_SETUP = './local/synth/synth-setup.ts';

// Offline synth of the whole backend, bundling every function with esbuild.
const INFRA_TESTS = ['amplify/backend.test.ts', 'amplify/checkers.test.ts', 'amplify/operations.test.ts', 'amplify/assembly.test.ts'];

// The pure layers run each file in its own VM context in a shared worker thread (fresh globals and
// modules per file, as with the default pool), which skips a process start per file: `unit` and
// `app` take a fifth of the time. Caveat of that pool: errors thrown by Node's built-in modules are
// of the host realm, so `instanceof Error` on them is false in a test.
const PURE_LAYER_POOL = 'vmThreads';

// The pure layers refuse to listen on a socket, so a server test listed nowhere above fails loudly
// instead of slowing `npm run test:unit` down.
const PURE_LAYER_SETUP = './tests/support/pure-layer-setup.ts';

// One project per test layer (see STYLE.md "Tests"), each file in exactly one, so
// `npx vitest run <file>` runs it with its layer's settings. `npm test` runs them all;
// `npm run test:unit` runs `unit` and `app`: no servers, no Java, no browser.
export default defineConfig({
  test: {
    // Pinned AWS SDK on Node 20: its "needs Node 22 from 2027" notice is known; keep output readable.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'core/**/*.test.ts',
            'functions/**/*.test.ts',
            'amplify/**/*.test.ts',
            'local/**/*.test.ts',
            'tests/xss/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...LAMBDA_TABLE_TESTS, ...LOCAL_SERVER_TESTS, ...INFRA_TESTS],
          pool: PURE_LAYER_POOL,
          setupFiles: [PURE_LAYER_SETUP],
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'app',
          environment: 'happy-dom',
          include: ['src/**/*.test.ts'],
          pool: PURE_LAYER_POOL,
          setupFiles: [PURE_LAYER_SETUP],
        },
      },
      {
        test: {
          name: 'lambdas',
          environment: 'node',
          include: LAMBDA_TABLE_TESTS,
        },
      },
      {
        test: {
          name: 'local',
          environment: 'node',
          include: LOCAL_SERVER_TESTS,
          // The local cloud's synthesized backend, made once before any test starts it.
          globalSetup: [LOCAL_SYNTH_SETUP],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          environment: 'node',
          include: INFRA_TESTS,
          // A directory for the full synth, which the files that need it share (amplify/test-support/full-synth.ts).
          globalSetup: ['./amplify/test-support/full-synth-setup.ts'],
        },
      },
      {
        // The AppSync Events emulator package: its own tests, beside its modules. They open
        // sockets, start DynamoDB and the user pool, and run bundled code in worker threads.
        test: {
          name: 'emulator',
          pool: 'forks',
          environment: 'node',
          include: ['packages/appsync-events-local/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['tests/integration/**/*.test.ts', 'tests/reliability/*.test.ts'],
          globalSetup: [LOCAL_SYNTH_SETUP],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
