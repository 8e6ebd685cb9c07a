import browser from 'webextension-polyfill';

/**
 * An extension call that resets Chrome's 30 s idle timer of the worker, for a timer every PING_EVERY_MS
 * (lib/extension/keep-warm.ts) while work is under way or a reviewer is likely to come back: 复查, 全站巡检,
 * the warm window after a page.
 */
export const pingWorker = (): void => void browser.runtime.getPlatformInfo().catch(() => undefined);
