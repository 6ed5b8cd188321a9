import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

// Every diagram is an image with a text alternative: in the deck's HTML (drawn at build time or
// in the page), and as a tagged Figure with that alternative in the slides, handout and guide PDFs.

const DECK = 'tests/fixtures/diagram-alternatives/alternatives.md';
const FLOWCHART = {
  // The title ends as a sentence, so the name (title, then description) reads as two.
  title: 'Flowchart, 5 steps.',
  description: 'Push → Lint & format; Lint & format → Tests (if green); Tests → Fix it (fail); Fix it → Push; Tests → Ship (pass).',
};
const SEQUENCE = { title: 'Review request.', description: 'The author asks a reviewer for a review and gets comments back.' };
/** Chromium fills a Figure's Alt with the image's accessible name: here the title, then the desc. */
const alt = ({ title, description }: { title: string; description: string }) => `${title} ${description}`;

let out: string;
let browser: ManagedBrowser;
const built = (file: string) => join(out, 'alternatives', file);

/** poppler's reading of the structure tree: element types and the text under them. */
const structureText = (file: string) => execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The Alt of every Figure in a PDF's structure tree, in tree order (poppler does not print Alt). */
async function figureAlts(file: string): Promise<string[]> {
  const document = await PDFDocument.load(readFileSync(file));
  const alts: string[] = [];
  const walk = (node: unknown) => {
    if (!(node instanceof PDFDict)) return;
    const alt = node.lookup(PDFName.of('Alt'));
    if (node.lookup(PDFName.of('S')) === PDFName.of('Figure') && (alt instanceof PDFString || alt instanceof PDFHexString)) alts.push(alt.decodeText());
    const kids = node.lookup(PDFName.of('K'));
    if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i += 1) walk(kids.lookup(i));
    else walk(kids);
  };
  walk(document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict));
  return alts;
}

interface SvgAlternative {
  role: string | null;
  labelledBy: string[];
  firstChild: string | undefined;
  title: string | undefined;
  description: string | undefined;
}

/** What a screen reader gets of each diagram of the open page. */
const readSvgs = (page: Page) =>
  page.$$eval('.lectern-diagram svg', (svgs) => svgs.map((svg): SvgAlternative => {
    const labelledBy = (svg.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean);
    const named = (tag: string) => labelledBy.map((id) => document.getElementById(id)).find((element) => element?.tagName === tag && svg.contains(element));
    return { role: svg.getAttribute('role'), labelledBy, firstChild: svg.firstElementChild?.tagName, title: named('title')?.textContent ?? undefined, description: named('desc')?.textContent ?? undefined };
  }));

const expected = (alternative: { title: string; description: string }) => expect.objectContaining({ role: 'img', firstChild: 'title', ...alternative });

beforeAll(async () => {
  out = tempDir();
  browser = await startBrowser();
  const exported = await runCli(['export', DECK, '--out', out], undefined, { LECTERN_CACHE_DIR: join(out, 'cache') });
  expect(exported.stderr).toBe('');
  expect(exported.code).toBe(0);
});

afterAll(async () => {
  await browser?.close();
});

describe('diagram text alternatives', () => {
  it('gives each SVG of the built deck role="img", a first <title> and a <desc> naming it, with ids unique on the page', async () => {
    const html = readFileSync(built('index.html'), 'utf8');
    expect(html).not.toContain('graphics-document');
    const { page, errors } = await openDeck(browser, built('index.html'));
    const svgs = await readSvgs(page);
    expect(svgs).toEqual([expected(FLOWCHART), expected(SEQUENCE)]);
    for (const svg of svgs) expect(svg.labelledBy).toHaveLength(2);
    const ids = await page.$$eval('[id]', (elements) => elements.map((element) => element.id));
    expect(ids.length).toBe(new Set(ids).size);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the same alternatives when the page draws its diagrams itself (no browser at build time)', async () => {
    const target = join(out, 'in-page');
    const result = await runCli(['build', DECK, '--out', target, '--browser', '/nonexistent/chrome'], undefined, { LECTERN_CACHE_DIR: join(out, 'empty-cache') });
    expect(result.stderr).toContain('no Chrome or Chromium was found');
    const { page, errors } = await openDeck(browser, join(target, 'alternatives', 'index.html'));
    await page.waitForFunction(() => document.querySelectorAll('.lectern-diagram[data-rendered="true"] svg').length === 2);
    expect(await readSvgs(page)).toEqual([expected(FLOWCHART), expected(SEQUENCE)]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['slides', 'handout', 'guide'])('tags each diagram of the %s PDF as a Figure whose Alt is its alternative', async (kind) => {
    const pdf = built(`alternatives.${kind}.pdf`);
    const structure = structureText(pdf);
    // Two diagrams, each a Figure (Chromium nests the SVG's Figure in the <figure>'s).
    expect(structure.match(/^\s*Figure\b/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(await figureAlts(pdf)).toEqual([alt(FLOWCHART), alt(SEQUENCE)]);
  });
});
