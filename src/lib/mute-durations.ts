/** What the console's mute dialog offers; all within the API's bounds (`MUTE_MIN_SECONDS`…`MUTE_MAX_SECONDS`). */
export const MUTE_DURATIONS: readonly { seconds: number; label: string }[] = [
  { seconds: 10 * 60, label: '10 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 24 * 3600, label: '24 hours' },
  { seconds: 7 * 24 * 3600, label: '7 days' },
  { seconds: 30 * 24 * 3600, label: '30 days' },
];
