import { pathToFileURL } from 'node:url';
import type { Page } from 'puppeteer-core';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';

export interface CheckedDeck {
  page: Page;
  /** Whether `Reveal.isReady()` became true within the time allowed. */
  ready: boolean;
  /** Uncaught errors thrown in the page. */
  pageErrors: string[];
  /** Local (file://) requests that failed or answered 4xx/5xx, with the reason. */
  failedRequests: string[];
}

/**
 * Opens a built deck from file:// and records what a broken page shows: a reveal.js that never
 * becomes ready, an uncaught error, a local file that cannot be loaded. Unlike openDeck it does
 * not throw when the page never starts: the caller asserts on `ready` to say which deck failed.
 */
export async function openBuiltDeck(browser: ManagedBrowser, indexFile: string, readyTimeoutMs = 10_000): Promise<CheckedDeck> {
  const page = await browser.browser.newPage();
  await page.setViewport({ width: 1280, height: 720 });
  const pageErrors: string[] = [];
  const failedRequests: string[] = [];
  const local = (url: string) => url.startsWith('file:');
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('requestfailed', (request) => {
    if (local(request.url())) failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    if (local(response.url()) && response.status() >= 400) failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  await page.goto(pathToFileURL(indexFile).href, { waitUntil: 'load' });
  const ready = await page
    .waitForFunction(() => (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady() === true, { timeout: readyTimeoutMs })
    .then(() => true, () => false);
  return { page, ready, pageErrors, failedRequests };
}
