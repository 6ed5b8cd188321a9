import type { FindBrowserOptions } from './find-browser.js';
import { launchBrowser, type ManagedBrowser } from './launch-browser.js';

/**
 * One command's browser: launched on first use (a build whose diagrams are all cached starts
 * none), shared by every deck and page of the command, and closed once, also on Ctrl-C.
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
  const onSignal = (signal: NodeJS.Signals) => {
    void session.close().finally(() => process.kill(process.pid, signal));
  };
  const session: BrowserSession = {
    get() {
      if (!launching) {
        launches += 1;
        launching = launchBrowser(options);
        // Ctrl-C must not leave a headless Chromium behind.
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      }
      return launching;
    },
    get launches() {
      return launches;
    },
    async close() {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      const pending = launching;
      if (!pending) return;
      const browser = await pending.catch(() => undefined);
      await browser?.close();
    },
  };
  return session;
}
