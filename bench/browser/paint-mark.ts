/**
 * The console line the benchmarked pages print when their first message is painted, followed by
 * the time (ms since navigation start). The bench waits for that line rather than polling the
 * page, so nothing of Playwright's runs in a page while it loads.
 */
export const PAINT_MARK = 'parley-bench:painted ';
