/**
 * The overlay store under the name it had while it held reactions only: the history Lambda's
 * dependencies still call it `reactions`, and the benchmark and tests that build them import it
 * from here.
 */
export { createOverlayStore as createReactionStore, type OverlayStore as ReactionStore } from './overlay-store.ts';
