import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { startBrowser } from '../helpers/browser.js';
import { ROOT, runCli, tempDir } from '../helpers/cli.js';
import { type CheckedDeck, openBuiltDeck } from '../helpers/open-built-deck.js';
import { pdfInfo } from '../helpers/pdf.js';
import { execFileSync } from 'node:child_process';

// Decks written for reveal-md, reveal.js's markdown plugin and Marp (fixtures of our own, one per
// pattern seen in public decks), built by the CLI and looked at in Chromium as their authors would.

interface SlideView {
  h: number;
  v: number;
  classes: string;
  attributes: Record<string, string>;
  notes: string;
  fragments: number;
  headings: string[];
  footer: string;
  pageNumber: string;
}

declare const Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; getConfig(): Record<string, unknown> };

function slides(deck: CheckedDeck): Promise<SlideView[]> {
  return deck.page.evaluate(() =>
    Reveal.getSlides().map((s) => ({
      h: Reveal.getIndices(s).h,
      v: Reveal.getIndices(s).v ?? 0,
      classes: s.className,
      attributes: Object.fromEntries([...s.attributes].filter((a) => a.name.startsWith('data-background') || a.name === 'data-state').map((a) => [a.name, a.value])),
      notes: s.querySelector('aside.notes')?.textContent?.trim() ?? '',
      fragments: s.querySelectorAll('.fragment').length,
      headings: [...s.querySelectorAll('h1, h2, h3')].map((h) => h.textContent?.trim() ?? ''),
      footer: s.querySelector('.lectern-slide-footer')?.textContent?.trim() ?? '',
      pageNumber: s.querySelector('.lectern-page-number')?.textContent ?? '',
    })),
  );
}

let browser: ManagedBrowser;
const decks = new Map<string, CheckedDeck>();

async function build(folder: string, deck: string, args: string[] = []): Promise<CheckedDeck> {
  const out = tempDir();
  const cwd = join(ROOT, 'tests', 'fixtures', 'dialects', folder);
  const result = await runCli(['build', deck, '--out', out, ...args], cwd);
  expect(result.stderr).not.toContain('error:');
  expect(result.code).toBe(0);
  const opened = await openBuiltDeck(browser, join(out, deck.replace(/\.md$/, ''), 'index.html'));
  expect(opened.ready).toBe(true);
  expect(opened.pageErrors).toEqual([]);
  expect(opened.failedRequests).toEqual([]);
  return opened;
}

beforeAll(async () => {
  browser = await startBrowser();
  decks.set('reveal-md', await build('reveal-md-project', 'lecture.md'));
  decks.set('blank-lines', await build('revealjs', 'blank-lines.md'));
  decks.set('marp', await build('marp', 'workshop.md'));
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('a reveal-md project (separators, theme and options in reveal-md.json)', () => {
  it('has the slides, stacks, notes and fragments reveal-md shows', async () => {
    const view = await slides(decks.get('reveal-md') as CheckedDeck);
    expect(view.map((s) => `${s.h}.${s.v} ${s.headings[0]}`)).toEqual(['0.0 Testing in CI', '1.0 Why test in CI?', '1.1 The pipeline', '2.0 A stepped example', '3.0 Thanks']);
    expect(view.map((s) => s.notes)).toEqual(['Welcome everyone. These notes end at the next separator.', '', 'Trace one change through the pipeline.', '', '']);
    expect(view[1]?.fragments).toBe(2);
  });

  it('applies .element first in a slide to the slide, and after a raw <img> to the image, whose root-relative path loads', async () => {
    const deck = decks.get('reveal-md') as CheckedDeck;
    const view = await slides(deck);
    expect(view[2]?.classes).toContain('section-intro');
    expect(view[2]?.attributes['data-state']).toBe('deep-dive');
    const image = await deck.page.evaluate(() => {
      const img = document.querySelector('img[alt="The pipeline"]') as HTMLImageElement;
      return { className: img.className, loaded: img.complete && img.naturalWidth > 0, parent: img.parentElement?.className };
    });
    expect(image).toEqual({ className: 'r-stretch', loaded: true, parent: '' });
  });

  it('loads the background image named in a .slide comment', async () => {
    const deck = decks.get('reveal-md') as CheckedDeck;
    const background = await deck.page.evaluate(() => {
      const section = Reveal.getSlides()[3] as HTMLElement;
      const url = section.getAttribute('data-background-image') ?? '';
      return new Promise<{ url: string; loaded: boolean }>((resolve) => {
        const probe = new Image();
        probe.onload = () => resolve({ url, loaded: true });
        probe.onerror = () => resolve({ url, loaded: false });
        probe.src = url;
      });
    });
    expect(background.url).toMatch(/^media\/[0-9a-f]{8}-pipeline\.svg$/);
    expect(background.loaded).toBe(true);
  });

  it("takes reveal-md.json's revealOptions, theme and highlightTheme", async () => {
    const deck = decks.get('reveal-md') as CheckedDeck;
    const config = await deck.page.evaluate(() => ({ transition: Reveal.getConfig().transition, controls: Reveal.getConfig().controls }));
    expect(config).toEqual({ transition: 'fade', controls: false });
    const links = await deck.page.evaluate(() => [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')));
    expect(links).toContain('assets/highlight.css');
    const theme = await deck.page.evaluate(() => getComputedStyle(document.querySelector('.reveal') as Element).fontFamily);
    expect(theme).toMatch(/Source Sans Pro|Helvetica|sans-serif/);
  });
});

describe('a reveal.js deck separated by blank lines', () => {
  it('has three stacks of 2, 2 and 1 slides and the note of its slide', async () => {
    const view = await slides(decks.get('blank-lines') as CheckedDeck);
    expect(view.map((s) => `${s.h}.${s.v}`)).toEqual(['0.0', '0.1', '1.0', '1.1', '2.0']);
    expect(view.map((s) => s.notes)).toEqual(['', '', '', 'Speak slowly.', '']);
  });
});

describe('a Marp deck', () => {
  it('has one slide per ruler, its notes, classes, backgrounds, footer and page numbers', async () => {
    const view = await slides(decks.get('marp') as CheckedDeck);
    expect(view.map((s) => `${s.h}.${s.v}`)).toEqual(['0.0', '1.0', '2.0', '3.0']);
    expect(view.map((s) => s.notes)).toEqual(['Speaker note: greet the room, check that everyone has a laptop.', '', '', 'A note\nover two lines.']);
    expect(view[0]?.classes).toContain('lead');
    expect(view[1]?.classes).not.toContain('lead');
    expect(view.map((s) => s.pageNumber)).toEqual(['', '2', '3', '4']);
    expect(view.every((s) => s.footer === 'CI/CD with Python · Workshop')).toBe(true);
    expect(view[1]?.attributes['data-background-image']).toMatch(/^media\/.*background\.svg$/);
    expect(view[1]?.fragments).toBe(2);
    expect(view.map((s) => s.attributes['data-background-color'])).toEqual([undefined, undefined, '#1e3a5f', '#1e3a5f']);
  });

  it('draws the footer and page number at the bottom edge of the slide, not under the content', async () => {
    const deck = decks.get('marp') as CheckedDeck;
    const place = await deck.page.evaluate(() => {
      (Reveal as unknown as { slide(h: number): void }).slide(1);
      const slides = (document.querySelector('.reveal .slides') as HTMLElement).getBoundingClientRect();
      const section = Reveal.getSlides()[1] as HTMLElement;
      const footer = (section.querySelector('.lectern-slide-footer') as HTMLElement).getBoundingClientRect();
      const number = (section.querySelector('.lectern-page-number') as HTMLElement).getBoundingClientRect();
      return { footerGap: slides.bottom - footer.bottom, numberGap: slides.bottom - number.bottom, scale: slides.height / 720 };
    });
    expect(place.footerGap / place.scale).toBeLessThan(40);
    expect(place.numberGap / place.scale).toBeLessThan(40);
  });

  it('prints every page with its footer and page number, and no reveal.js number', async () => {
    const out = tempDir();
    const result = await runCli(['export', 'workshop.md', '--out', out, '--only', 'slides'], join(ROOT, 'tests', 'fixtures', 'dialects', 'marp'));
    expect(result.code).toBe(0);
    const file = join(out, 'workshop', 'workshop.slides.pdf');
    expect(pdfInfo(file).Pages).toBe('4');
    const page = (n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
    expect(page(1)).toContain('CI/CD with Python · Workshop');
    expect(page(1)).not.toMatch(/\b1 \/ 4\b/);
    for (const n of [2, 3, 4]) expect(page(n)).toMatch(new RegExp(`CI/CD with Python · Workshop\\s+${n}\\s`));
  }, 120_000);

  it('shows no slide number of reveal.js (Marp numbers its pages itself)', async () => {
    const deck = decks.get('marp') as CheckedDeck;
    expect(await deck.page.evaluate(() => Reveal.getConfig().slideNumber)).toBe(false);
  });
});
