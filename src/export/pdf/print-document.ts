import { rm } from 'node:fs/promises';
import { openPage } from '../../browser/open-page.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { writeFileAtomic } from '../atomic-write.js';
import { assemblePdf, type FinishedPdf, type PdfMetadata } from './pdf-document.js';

/**
 * Prints a handout or guide page: its HTML is written beside the deck for the moment of
 * printing (so media/ and assets/ resolve as they do for the slides), then removed.
 * Chromium makes the bookmarks from the headings; lectern adds the metadata.
 */
export async function printDocument(browser: Browser, deckDir: string, name: string, html: string, metadata: PdfMetadata): Promise<FinishedPdf> {
  const file = join(deckDir, `.${name}.print.html`);
  await writeFileAtomic(file, html);
  const page = await openPage(browser);
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;font:8pt sans-serif;color:#666;padding:0 14mm;display:flex;justify-content:space-between"><span>${escapeTemplate(metadata.title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      timeout: 300_000 });
    return await assemblePdf([pdf], metadata);
  } finally {
    await page.close().catch(() => undefined);
    await rm(file, { force: true });
  }
}

function escapeTemplate(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
