import { writeFile } from 'node:fs/promises';
import { openPage } from '../../browser/open-page.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { escapeHtml } from '../../render/escape.js';
import { temporaryFolder } from '../../runtime/stop-tasks.js';
import { assemblePdf, type FinishedPdf, type PdfMetadata } from './pdf-document.js';

/**
 * Prints a handout or guide page: its HTML is written to a temporary folder for the moment of
 * printing, with a `<base>` at the deck's folder so media/ and assets/ resolve as they do for
 * the slides; nothing is written into the output folder, so a killed export leaves nothing
 * there. Chromium makes the bookmarks from the headings; lectern adds the metadata. `prepare`
 * lays the loaded page out for paper first (the handout's fitting). `footer: false` prints no
 * footer (a course pack's front pages, whose page numbers are the pack's).
 */
export async function printDocument(browser: Browser, deckDir: string, name: string, html: string, metadata: PdfMetadata, prepare?: (page: Page) => Promise<unknown>, options: { footer?: boolean } = {}): Promise<FinishedPdf> {
  const folder = await temporaryFolder('lectern-print');
  const file = join(folder.path, `${name}.print.html`);
  const base = `<base href="${escapeHtml(pathToFileURL(deckDir).href)}/">`;
  await writeFile(file, html.replace(/<head>/i, (head) => `${head}\n${base}`));
  const page = await openPage(browser);
  try {
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await prepare?.(page);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: true, tagged: true, displayHeaderFooter: options.footer !== false,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;font:8pt sans-serif;color:#666;padding:0 14mm;display:flex;justify-content:space-between"><span>${escapeTemplate(metadata.title)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
      timeout: 300_000 });
    return await assemblePdf([pdf], metadata);
  } finally {
    await page.close().catch(() => undefined);
    folder.remove();
  }
}

function escapeTemplate(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
