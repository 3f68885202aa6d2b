/**
 * The overlay store under the name it had while it held reactions only, for callers outside
 * functions/ that still build the history Lambda's dependencies with it (bench/history.ts).
 */
export { createOverlayStore as createReactionStore, type OverlayStore as ReactionStore } from './overlay-store.ts';
