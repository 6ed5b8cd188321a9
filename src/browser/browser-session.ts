import type { FindBrowserOptions } from './find-browser.js';
import { launchBrowser, type ManagedBrowser } from './launch-browser.js';

/**
 * One command's browser: launched on first use (a build whose diagrams are all cached starts
 * none), shared by every deck and page of the command, and closed once.
 */
export interface BrowserSession {
  /** The browser, launched on the first call; rejects with BrowserNotFoundError when none is found. */
  get(): Promise<ManagedBrowser>;
  /** How many browsers this session started (0 or 1): tests and the summary line read it. */
  readonly launches: number;
  close(): Promise<void>;
}

export function createBrowserSession(options: FindBrowserOptions = {}): BrowserSession {
  let launching: Promise<ManagedBrowser> | undefined;
  let launches = 0;
  const session: BrowserSession = {
    get() {
      if (!launching) {
        launches += 1;
        // Ctrl-C must not leave a headless Chromium behind: launchBrowser ends it when lectern stops.
        launching = launchBrowser(options);
      }
      return launching;
    },
    get launches() {
      return launches;
    },
    async close() {
      const pending = launching;
      if (!pending) return;
      const browser = await pending.catch(() => undefined);
      await browser?.close();
    },
  };
  return session;
}
