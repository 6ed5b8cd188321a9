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

/** Presses S on a deck page and returns reveal.js's speaker view window. */
export async function openSpeakerView(browser: ManagedBrowser, page: Page): Promise<Page> {
  const popup = new Promise<Page>((resolve) => {
    browser.browser.once('targetcreated', async (target) => {
      const opened = await target.page();
      if (opened) resolve(opened);
    });
  });
  await page.keyboard.press('s');
  return popup;
}

/**
 * Opens a page of `lectern serve` in a window of its own (pages working side by side must each
 * be in front); waits for the deck's client when the page is a deck.
 */
export async function openServedPage(browser: ManagedBrowser, url: string, options: { deck: boolean; height?: number }): Promise<Page> {
  const page = await browser.browser.newPage({ type: 'window' });
  await page.setViewport({ width: 1280, height: options.height ?? 720 });
  await page.goto(url);
  if (options.deck) await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true');
  return page;
}
