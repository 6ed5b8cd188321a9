import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFBool, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedBrowser } from '../../src/browser/launch-browser.js';
import { runAxe } from '../../src/browser/axe-run.js';
import { startBrowser } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo } from '../helpers/pdf.js';

const PROBLEMS = 'tests/fixtures/a11y/problems.md';
const FEATURES = 'tests/fixtures/decks/features.md';
const MODULES = ['module-1-foundations', 'module-6-advanced'] as const;

let browser: ManagedBrowser;
let exported: string;

beforeAll(async () => {
  browser = await startBrowser();
  exported = tempDir();
  const result = await runCli(['export', 'decks', '--out', exported]);
  expect(result.code, result.stderr).toBe(0);
}, 240_000);

afterAll(async () => {
  await browser?.close();
});

describe('lectern check --a11y', () => {
  it('finds no WCAG 2.1 AA problem on any slide of the course modules, their course index or their presenter views', async () => {
    const result = await runCli(['check', 'decks', '--a11y']);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.code).toBe(0);
    // Each deck reports the slides it checked: a check that looked at nothing would say 0.
    expect(result.stdout).toContain('accessibility: no WCAG 2.1 AA problems found by axe on 20 slides');
    expect(result.stdout).toContain('accessibility: no WCAG 2.1 AA problems found by axe on 19 slides');
    expect(result.stdout).toContain('course index: no WCAG 2.1 AA problems found by axe');
    for (const module of MODULES) expect(result.stdout).toContain(`presenter view of decks/${module}.md: no WCAG 2.1 AA problems found by axe`);
  }, 180_000);

  it("passes on every test deck that builds: lectern's features, code steps, long handouts, print, diagrams, and Marp, reveal-md and reveal.js decks", async () => {
    const decks = [
      FEATURES,
      'tests/fixtures/code/steps.md',
      'tests/fixtures/handout/stress.md',
      'tests/fixtures/slides-pdf/printed.md',
      'tests/fixtures/diagram-alternatives/alternatives.md',
      'tests/fixtures/dialects/marp/workshop.md',
      'tests/fixtures/dialects/reveal-md-project/lecture.md',
      'tests/fixtures/dialects/revealjs/blank-lines.md',
    ];
    const result = await runCli(['check', ...decks, '--a11y']);
    expect(result.stderr).not.toMatch(/error:/);
    expect(result.code).toBe(0);
    for (const deck of decks) expect(result.stdout).toMatch(new RegExp(`${deck.replace(/[/.]/g, '\\$&')}: \\d+ slides[^\\n]*\\naccessibility: no WCAG 2\\.1 AA problems found by axe on \\d+ slides`));
    expect(result.stdout.match(/^presenter view of .*: no WCAG 2\.1 AA problems found by axe$/gm)).toHaveLength(decks.length);
  }, 240_000);

  it('reports each problem at its line with the rule, the figures and a hint, and exits 1', async () => {
    const result = await runCli(['check', PROBLEMS, '--a11y']);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    const contrast = lines.find((l) => l.startsWith(`${PROBLEMS}:8:1: error: text contrast 1.6:1 is below 3:1 (#c8c8c8 on #fbfaf6) [color-contrast]`));
    expect(contrast, result.stderr).toBeDefined();
    expect(lines).toContain(`${PROBLEMS}:14:1: error: Heading levels should only increase by one [heading-order]`);
    expect(lines).toContain(`${PROBLEMS}:20:1: error: Links must have discernible text [link-name]`);
    expect(lines).toContain(`${PROBLEMS}:26:1: warning: image \`chart.png\` has no alt text`);
    // The handout is checked too: what prints only there is reported at its slide; what the slide
    // already shows is not said twice.
    expect(lines).toContain(`${PROBLEMS}:35:1: error: the handout: text contrast 1.43:1 is below 4.5:1 (#d0d0d0 on #fdf6e7) [color-contrast]`);
    expect(result.stderr).not.toMatch(/the (handout|guide): (Heading|Links)/);
    expect(result.stderr).toMatch(/hint: make the text darker or its background lighter/);
    expect(result.stderr).toMatch(/hint: use the next heading level down/);
    // lectern's place attributes are its own: the author is shown the element as written.
    expect(result.stderr).toContain('<p style="color: #c8c8c8">This grey');
    expect(result.stderr).not.toContain('data-lectern-line');
    expect(result.stdout).toContain('accessibility: 4 problems (color-contrast, heading-order, link-name)');
  }, 120_000);

  it('--strict makes an image without alt text an error', async () => {
    const lenient = await runCli(['check', PROBLEMS]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('warning: image `chart.png` has no alt text');
    const strict = await runCli(['check', PROBLEMS, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain(`${PROBLEMS}:26:1: error: image \`chart.png\` has no alt text`);
  });
});

describe('lectern export', () => {
  it('prints a one-line accessibility summary per deck', async () => {
    const result = await runCli(['export', PROBLEMS, '--out', tempDir(), '--only', 'slides']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ {2}accessibility: 3 problems \(color-contrast, heading-order, link-name\); 1 image without alt text: run lectern check --a11y tests\/fixtures\/a11y\/problems\.md/);
  }, 120_000);

  it('writes tagged PDFs with the language, a title shown in the window title, bookmarks and a heading for each slide', async () => {
    for (const module of MODULES) {
      for (const kind of ['slides', 'handout', 'guide']) {
        const file = join(exported, module, `${module}.${kind}.pdf`);
        expect(pdfInfo(file).Tagged, file).toBe('yes');
        expect(await catalogOf(file), file).toEqual({ lang: 'en', displayDocTitle: true, outlines: true });
      }
    }
    const structure = execFileSync('pdfinfo', ['-struct-text', join(exported, MODULES[0], `${MODULES[0]}.slides.pdf`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const title of ['Why CI/CD Matters', 'When the check fails', 'A habit before a tool']) {
      expect(structure, title).toMatch(new RegExp(`H[12] \\(block\\)\\s*\\n\\s*NonStruct\\s*\\n\\s*"${title.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}"`));
    }
    // Every one of the 20 slides has a title heading (an activity's slide has its activity's too).
    expect(structure.match(/^\s*H[1-6] /gm)?.length).toBeGreaterThanOrEqual(20);
    expect(structure).toMatch(/L \(block\)[\s\S]*LI \(block\)/);
    expect(structure).toMatch(/TH <node\w+>:\s*\n\s*\/Scope \/Column/);
  });
});

describe('the deck in the browser', () => {
  it('has no slide transitions for someone who asked for reduced motion', async () => {
    const index = pathToFileURL(join(exported, MODULES[0], 'index.html')).href;
    const transitionWith = async (reduce: boolean) => {
      const page = await browser.browser.newPage();
      try {
        await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: reduce ? 'reduce' : 'no-preference' }]);
        await page.goto(index);
        await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true');
        return await page.evaluate(() => (window as unknown as { Reveal: { getConfig(): { transition: string } } }).Reveal.getConfig().transition);
      } finally {
        await page.close();
      }
    };
    expect(await transitionWith(false)).toBe('slide');
    expect(await transitionWith(true)).toBe('none');
  });

  it('lets a keyboard reach the activity timer, shows where the focus is, and starts the timer with Enter', async () => {
    const built = tempDir();
    expect((await runCli(['build', FEATURES, '--out', built])).code).toBe(0);
    const page = await browser.browser.newPage();
    try {
      await page.setViewport({ width: 1280, height: 720 });
      await page.goto(pathToFileURL(join(built, 'features', 'index.html')).href);
      await page.waitForFunction(() => document.documentElement.dataset.lecternReady === 'true');
      await page.evaluate(() => {
        const reveal = (window as unknown as { Reveal: { getSlides(): HTMLElement[]; getIndices(s: HTMLElement): { h: number; v?: number }; slide(h: number, v?: number): void } }).Reveal;
        const slide = reveal.getSlides().find((s) => s.querySelector('.lectern-timer'));
        if (!slide) throw new Error('no activity slide');
        const { h, v } = reveal.getIndices(slide);
        reveal.slide(h, v ?? 0);
      });
      let focused = '';
      for (let presses = 0; presses < 30 && !focused.includes('lectern-timer__button'); presses++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.className ?? '');
      }
      expect(focused).toContain('lectern-timer__button');
      const outline = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      expect(outline.style).not.toBe('none');
      expect(outline.width).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector<HTMLElement>('.present .lectern-timer')?.dataset.state === 'running', { timeout: 5_000 });
      // The deck's page as a whole: one main landmark, the language, a title.
      expect(await runAxe(page, { rules: ['landmark-one-main', 'html-has-lang', 'document-title', 'button-name'] })).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('main .reveal').length)).toBe(1);
    } finally {
      await page.close();
    }
  });
});

/** What the PDF's document catalog says of its language, its window title and its bookmarks. */
async function catalogOf(file: string): Promise<{ lang: string | undefined; displayDocTitle: boolean; outlines: boolean }> {
  const { catalog } = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const lang = catalog.lookup(PDFName.of('Lang'));
  const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  return {
    lang: lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : undefined,
    displayDocTitle: preferences?.get(PDFName.of('DisplayDocTitle')) === PDFBool.True,
    outlines: catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict) !== undefined,
  };
}
