import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';

/**
 * A new page in a window of its own. Headless Chromium stops animation frames in tabs that are
 * not in front, and reveal.js lays out its print view frame by frame: pages that work at the
 * same time (printing, drawing diagrams) each need to be the front page of their window.
 */
export function openPage(browser: Browser): Promise<Page> {
  return browser.newPage({ type: 'window' });
}

/**
 * A window with a built deck's print view (`?print-pdf`, plus `query`), laid out and ready to print:
 * what the slides PDF is printed from, and what the accessibility check reads every slide in.
 */
export async function openPrintView(browser: Browser, indexHtml: string, options: { query?: string; timeoutMs?: number } = {}): Promise<Page> {
  const timeout = options.timeoutMs ?? 300_000;
  const page = await openPage(browser);
  try {
    await page.goto(`${pathToFileURL(indexHtml).href}?print-pdf${options.query ?? ''}`, { waitUntil: 'load', timeout });
    await page.waitForFunction(() => document.documentElement.dataset.lecternPdfReady === 'true', { timeout });
    return page;
  } catch (cause) {
    await page.close().catch(() => undefined);
    throw cause;
  }
}
