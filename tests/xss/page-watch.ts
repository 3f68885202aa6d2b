import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Everything a context saw that would mean a vector ran or reached out. */
export interface WatchLog {
  /** `__pwned(id)` calls: the ids of vectors that executed. */
  executions: string[];
  /** `alert`/`confirm`/`prompt` dialogs (the BLNS strings call `alert`). */
  dialogs: string[];
  /** `securitypolicyviolation` events: directive, blocked URI, sample. */
  violations: string[];
  /** Requests to anything but loopback, aborted before they left. */
  offLoopbackRequests: string[];
  /** Main-frame navigations away from the app, and pages the app did not open. */
  navigations: string[];
}

export function emptyWatchLog(): WatchLog {
  return { executions: [], dialogs: [], violations: [], offLoopbackRequests: [], navigations: [] };
}

/**
 * Installed before any page script: the sentinel every generated vector calls if it ever runs,
 * and a CSP violation listener. State lives on the document, so read it (`drainSentinel`) before
 * each navigation.
 */
export const SENTINEL_SCRIPT = `
  Object.defineProperty(window, '__xss', { value: { hits: [], violations: [] } });
  Object.defineProperty(window, '__pwned', { value: (id) => { window.__xss.hits.push(String(id)); } });
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__xss.violations.push([e.effectiveDirective, e.blockedURI, e.sample].join(' '));
  }, true);
`;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopback(url: URL): boolean {
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  return ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol) && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * A fresh context (its own storage: one user) that records into `log`. `bypassCSP` turns the
 * page's CSP off, so the markup alone has to keep every vector inert: one that got into the DOM
 * would run and call the sentinel instead of being blocked quietly.
 */
export async function watchedContext(browser: Browser, baseURL: string, log: WatchLog, bypassCSP = false): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, bypassCSP, viewport: { width: 1280, height: 1800 } });
  await context.addInitScript(SENTINEL_SCRIPT);
  await context.route(
    (url) => !isLoopback(url),
    (route) => {
      log.offLoopbackRequests.push(route.request().url());
      return route.abort();
    },
  );
  let pages = 0;
  context.on('page', (page) => {
    pages += 1;
    if (pages > 1) log.navigations.push(`unexpected page: ${page.url()}`);
    page.on('dialog', (dialog) => {
      log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && !frame.url().startsWith(baseURL)) log.navigations.push(frame.url());
    });
  });
  return context;
}

/** Moves the page's sentinel hits and CSP violations into `log` (call before navigating away). */
export async function drainSentinel(page: Page, log: WatchLog): Promise<void> {
  const state = (await page.evaluate('({ hits: window.__xss.hits.splice(0), violations: window.__xss.violations.splice(0) })')) as {
    hits: string[];
    violations: string[];
  };
  log.executions.push(...state.hits);
  log.violations.push(...state.violations);
}

export interface SignInUser {
  email: string;
  password: string;
}

/** Opens `path`, signs in through the real Authenticator, and waits to be back on `path`. */
export async function openSignedIn(context: BrowserContext, user: SignInUser, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(path);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => `${url.pathname}${url.search}` === path);
  return page;
}
