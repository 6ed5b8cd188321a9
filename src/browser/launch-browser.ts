import type { Browser } from 'puppeteer-core';
import { temporaryFolder, whenStopping } from '../runtime/stop-tasks.js';
import { BROWSER_INSTALL_HINT, type FindBrowserOptions, findBrowser } from './find-browser.js';

/** Flags for a quiet, offline, headless Chromium (no sandbox: CI and containers run as root). */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--mute-audio',
  // Pages working side by side must not be slowed down for being in the background.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  // Headless Chromium still builds a browser window's omnibox popup, a WebUI page in a renderer
  // of its own: on a 2-core machine it took as much CPU as the page being printed (~2.5 s for a
  // 200-slide deck). Nothing here ever opens it.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
];

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
  readonly hint = BROWSER_INSTALL_HINT;
  constructor() {
    super('no Chrome or Chromium was found');
  }
}

export interface ManagedBrowser {
  browser: Browser;
  path: string;
  /** Closes the browser and removes its profile; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Launches one headless Chromium with a fresh profile; the caller closes it in a finally.
 * Chromium talks to lectern over a pipe, not a port: when lectern dies, even by SIGKILL, the
 * pipe closes and Chromium exits with it. On Ctrl-C lectern ends it and removes its profile
 * itself (puppeteer's own signal handlers would exit before the profile is gone); a profile
 * left by a killed lectern is removed at the next launch.
 */
export async function launchBrowser(options: FindBrowserOptions = {}): Promise<ManagedBrowser> {
  const found = findBrowser(options);
  if (!found) throw new BrowserNotFoundError();
  const { launch } = await import('puppeteer-core');
  const profile = await temporaryFolder('lectern-chromium', { removeWhenStopping: false });
  const launching = launch({
    executablePath: found.path,
    headless: true,
    pipe: true,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile.path}`],
    userDataDir: profile.path,
    // Chromium's own temporary files (shared memory, downloads) go inside its profile, and go with it.
    env: { ...process.env, TMPDIR: profile.path },
  });
  // Stopped while Chromium starts or works: end it first, then remove the profile it writes into.
  const withdraw = whenStopping(async () => {
    const browser = await launching.catch(() => undefined);
    if (browser) await endBrowser(browser);
    profile.remove();
  });
  let browser: Browser;
  try {
    browser = await launching;
  } catch (cause) {
    withdraw();
    profile.remove();
    throw cause;
  }
  let closing: Promise<void> | undefined;
  return {
    browser,
    path: found.path,
    close() {
      closing ??= endBrowser(browser).then(() => {
        withdraw();
        profile.remove();
      });
      return closing;
    },
  };
}

/** How long Chromium may take to close before it is killed. */
const CLOSE_LIMIT_MS = 3_000;

/** Closes Chromium (it removes its own temporary files), killing it if it does not close in time. */
async function endBrowser(browser: Browser): Promise<void> {
  const child = browser.process();
  const gone = !child || child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timeout = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), CLOSE_LIMIT_MS).unref());
  if ((await Promise.race([browser.close().catch(() => undefined), timeout])) === 'late') child?.kill('SIGKILL');
  await Promise.race([gone, new Promise<void>((resolve) => setTimeout(resolve, CLOSE_LIMIT_MS).unref())]);
}
