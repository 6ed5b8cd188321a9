import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { openDeck, startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';

const DECK = [
  '---', // 1
  'title: Diagrams', // 2
  'theme: course', // 3
  '---', // 4
  '', // 5
  '## Good', // 6
  '', // 7
  '```mermaid', // 8
  'flowchart LR', // 9
  '  commit[Commit] --> ci{CI checks}', // 10
  '  ci --> artifact[(Artifact)]', // 11
  '```', // 12
  '', // 13
  '---', // 14
  '', // 15
  '## Broken', // 16
  '', // 17
  '```mermaid', // 18
  'sequenceDiagram', // 19
  '  A->>B: hello', // 20
  '  B-->>: oops', // 21
  '```', // 22
  '', // 23
].join('\n');

let browser: ManagedBrowser;
let work: string;
let deck: string;

beforeAll(async () => {
  work = tempDir();
  deck = join(work, 'deck.md');
  writeFileSync(deck, DECK);
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('diagrams at build time', () => {
  const cache = () => ({ LECTERN_CACHE_DIR: join(work, 'cache') });

  it('draws a good diagram to inline SVG and reports a broken one at its deck line, still building the deck', async () => {
    const out = join(work, 'out');
    const result = await runCli(['build', deck, '--out', out], undefined, cache());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${deck}:21:8: error: Mermaid cannot read this diagram`);
    expect(result.stderr).toMatch(/21 \|\s+B-->>: oops/);
    expect(result.stderr).toContain('the arrow `-->>` needs the participant it goes to before `:`');
    expect(result.stderr).toContain("detail: Mermaid: Parse error on line 3: Expecting '+', '-', '()', 'ACTOR', got 'TXT'");
    expect(result.stdout).toContain('2 drawn in Chromium');
    const { page, errors, requests } = await openDeck(browser, join(out, 'deck', 'index.html'));
    expect(await page.$$eval('section .lectern-diagram svg', (svgs) => svgs.length)).toBe(1);
    const labels = await page.$eval('.lectern-diagram svg', (svg) => svg.textContent ?? '');
    expect(labels).toContain('CI checks');
    expect(await page.$eval('.lectern-diagram:not(:has(svg)) code', (c) => c.textContent)).toContain('B-->>: oops');
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    await page.close();
  });

  it('takes unchanged diagrams from the cache without starting a browser', async () => {
    const result = await runCli(['build', deck, '--out', join(work, 'out2')], undefined, cache());
    expect(result.stdout).toContain('2 from the cache (no browser started)');
    expect(result.stderr).toContain(`${deck}:21:8: error:`);
  });

  it('lectern check reports the broken diagram too, at the same line', async () => {
    const result = await runCli(['check', deck], undefined, cache());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${deck}:21:8: error: Mermaid cannot read this diagram`);
  });

  it('draws again when the theme changes the colours', async () => {
    writeFileSync(deck, DECK.replace('theme: course', 'theme: high-contrast'));
    const result = await runCli(['build', deck, '--out', join(work, 'out3')], undefined, cache());
    expect(result.stdout).toContain('2 drawn in Chromium');
    const html = readFileSync(join(work, 'out3', 'deck', 'index.html'), 'utf8');
    expect(html).toContain('#ffe14d');
  });

  it('without a browser: one clear message, exit 1, and the deck draws its diagrams itself', async () => {
    writeFileSync(deck, DECK.replace(/## Broken[\s\S]*$/, '## Fine\n'));
    const out = join(work, 'no-browser');
    const result = await runCli(['build', deck, '--out', out, '--browser', '/nonexistent/chrome'], undefined, { LECTERN_CACHE_DIR: join(work, 'empty-cache') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Chrome or Chromium was found');
    expect(result.stderr).toContain('hint: install Chromium');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'deck', 'assets', 'mermaid.min.js'))).toBe(true);
    const { page, errors } = await openDeck(browser, join(out, 'deck', 'index.html'));
    expect(await page.$$eval('.lectern-diagram svg', (svgs) => svgs.length)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
