import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { slugOf } from '../../src/export/compile-deck.js';
import { startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { openBuiltDeck } from '../helpers/open-built-deck.js';

/** Every deck file under `dir`, except the folder of decks that are broken on purpose. */
function deckFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join(ROOT, 'tests', 'fixtures', 'broken') ? [] : deckFiles(path);
    return entry.isFile() && entry.name.endsWith('.md') ? [relative(ROOT, path)] : [];
  });
}

const DECKS = [...deckFiles(join(ROOT, 'tests', 'fixtures')), ...deckFiles(join(ROOT, 'decks'))].sort();

let browser: ManagedBrowser;
let work: string;

beforeAll(async () => {
  work = tempDir('lectern-every-deck-');
  browser = await startBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('every deck that builds starts in Chromium', () => {
  it('finds the fixture decks and the course modules', () => {
    expect(DECKS).toContain('tests/fixtures/decks/features.md');
    expect(DECKS).toContain('tests/fixtures/assets/media/lesson.md');
    expect(DECKS.filter((deck) => deck.startsWith('decks/')).length).toBeGreaterThan(0);
  });

  it.each(DECKS)('%s', async (deck) => {
    const out = join(work, deck.replace(/[/\\.]/g, '_'));
    // The shared diagram cache, as the other browser tests use: a rerun draws nothing again.
    const result = await runCli(['build', deck, '--out', out], ROOT);
    const index = join(out, slugOf(deck), 'index.html');
    if (result.code !== 0) {
      // A deck meant to fail must fail with a diagnostic at a line, and write nothing.
      expect(result.stderr, result.stderr).toMatch(/:\d+:\d+: error: /);
      expect(existsSync(index)).toBe(false);
      return;
    }
    const opened = await openBuiltDeck(browser, index);
    try {
      expect(opened.ready, `${deck}: reveal.js was not ready within 10 s`).toBe(true);
      expect(opened.pageErrors, `${deck}: errors in the page`).toEqual([]);
      expect(opened.failedRequests, `${deck}: local files that did not load`).toEqual([]);
    } finally {
      await opened.page.close();
    }
  });
});

describe('the check itself', () => {
  it('fails a page whose raw HTML swallowed the scripts, and one with a missing file', async () => {
    const out = join(work, 'control');
    const result = await runCli(['build', 'tests/fixtures/assets/media/lesson.md', '--out', out], ROOT);
    expect(result.code, result.stderr).toBe(0);
    const index = join(out, 'lesson', 'index.html');
    const html = readFileSync(index, 'utf8');
    // What an unchecked unclosed comment does: reveal.js's <script> tags end up inside it.
    writeFileSync(index, html.replace('<div class="slides"', '<!-- left open\n<div class="slides"'));
    const swallowed = await openBuiltDeck(browser, index, 3_000);
    await swallowed.page.close();
    expect(swallowed.ready).toBe(false);

    writeFileSync(index, html);
    const poster = /poster="(media\/[^"]+)"/.exec(html)?.[1] ?? '';
    rmSync(join(out, 'lesson', poster));
    const missing = await openBuiltDeck(browser, index);
    await missing.page.waitForNetworkIdle({ idleTime: 200 });
    await missing.page.close();
    expect(missing.ready).toBe(true);
    expect(missing.failedRequests).toEqual([expect.stringMatching(/poster\.png: net::ERR_FILE_NOT_FOUND$/)]);
  });
});
