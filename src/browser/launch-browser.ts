import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
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

/** Launches one headless Chromium with a fresh profile; the caller closes it in a finally. */
export async function launchBrowser(options: FindBrowserOptions = {}): Promise<ManagedBrowser> {
  const found = findBrowser(options);
  if (!found) throw new BrowserNotFoundError();
  const { launch } = await import('puppeteer-core');
  const profile = await mkdtemp(join(tmpdir(), 'lectern-chromium-'));
  let browser: Browser;
  try {
    browser = await launch({
      executablePath: found.path,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`],
      userDataDir: profile,
    });
  } catch (cause) {
    await rm(profile, { recursive: true, force: true });
    throw cause;
  }
  let closing: Promise<void> | undefined;
  return {
    browser,
    path: found.path,
    close() {
      closing ??= browser
        .close()
        .catch(() => undefined)
        .then(() => rm(profile, { recursive: true, force: true }));
      return closing;
    },
  };
}
