import type { Browser, Page } from 'puppeteer-core';

/**
 * A new page in a window of its own. Headless Chromium stops animation frames in tabs that are
 * not in front, and reveal.js lays out its print view frame by frame: pages that work at the
 * same time (printing, drawing diagrams) each need to be the front page of their window.
 */
export function openPage(browser: Browser): Promise<Page> {
  return browser.newPage({ type: 'window' });
}
