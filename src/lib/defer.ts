/**
 * Runs `callback` in a task after the next frame is rendered: for work that must not delay what
 * the user is about to see. Without animation frames (a DOM without rendering), right away.
 */
export function afterNextPaint(callback: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') return callback();
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/**
 * Runs `callback` once the browser is idle (the frames in flight rendered), within `timeoutMs`
 * at the latest: for work nobody waits for. Without idle callbacks, after the next paint.
 */
export function whenIdle(callback: () => void, timeoutMs = 500): void {
  if (typeof requestIdleCallback === 'undefined') return afterNextPaint(callback);
  requestIdleCallback(() => callback(), { timeout: timeoutMs });
}
