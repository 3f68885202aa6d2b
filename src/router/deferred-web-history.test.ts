import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeferredWebHistory } from './deferred-web-history.ts';

let destroy: (() => void) | undefined;
afterEach(() => {
  destroy?.();
  window.history.replaceState(null, '', '/');
});

function start() {
  window.history.replaceState(null, '', '/rooms');
  const history = createDeferredWebHistory();
  destroy = () => history.destroy();
  return history;
}

describe('the deferred web history', () => {
  it('reports a pushed location at once and writes it to the browser after the next paint', async () => {
    const history = start();

    history.push('/rooms/lobby');

    expect(history.location).toBe('/rooms/lobby');
    expect(window.location.pathname).toBe('/rooms');
    await vi.waitFor(() => expect(window.location.pathname).toBe('/rooms/lobby'));
  });

  it('writes pending entries in order, and before its state is read', () => {
    const history = start();
    const length = window.history.length;

    history.push('/rooms/lobby');
    history.replace('/rooms/lobby?message=1');
    history.push('/rooms/random');
    const state = history.state;

    expect(window.location.pathname).toBe('/rooms/random');
    expect(window.history.length).toBe(length + 2);
    expect(state.back).toBe('/rooms/lobby?message=1');
    expect(history.location).toBe('/rooms/random');
  });

  it('drops pending entries when the user goes back or forward before they are written', async () => {
    const history = start();
    const heard: string[] = [];
    history.listen((to) => heard.push(to));
    history.push('/rooms/lobby');

    window.history.replaceState({ ...window.history.state, position: 0 }, '', '/profile');
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(heard).toEqual(['/profile']);
    expect(history.location).toBe('/profile');
    expect(window.location.pathname).toBe('/profile');
  });
});
