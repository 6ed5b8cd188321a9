import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import { launchBrowser, type ManagedBrowser } from '../../src/browser/launch-browser.js';

export interface OpenedDeck {
  page: Page;
  /** Every URL the page requested. */
  requests: string[];
  /** console.error messages and uncaught page errors. */
  errors: string[];
}

/** Launches Chromium for a test file. No Chromium is a failure, never a skip. */
export function startBrowser(): Promise<ManagedBrowser> {
  return launchBrowser();
}

/** Opens a built deck from file:// and waits until reveal.js and lectern's client are ready. */
export async function openDeck(browser: ManagedBrowser, indexFile: string, hash = ''): Promise<OpenedDeck> {
  const page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${pathToFileURL(indexFile).href}${hash}`);
  await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true' && (window as unknown as { Reveal: { isReady(): boolean } }).Reveal.isReady());
  return { page, requests, errors };
}
