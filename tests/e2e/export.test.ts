import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfInfo, pdfOutline, pdfText } from '../helpers/pdf.js';

const NOTES = ['NOTE-ONE', 'NOTE-TWO', 'NOTE-THREE'];
let out: string;
let cache: { LECTERN_CACHE_DIR: string };
let exported: Awaited<ReturnType<typeof runCli>>;
const pdf = (kind: string) => join(out, 'features', `features.${kind}.pdf`);

beforeAll(async () => {
  const work = tempDir();
  out = join(work, 'out');
  cache = { LECTERN_CACHE_DIR: join(work, 'cache') };
  exported = await runCli(['export', 'tests/fixtures/decks/features.md', '--out', out], undefined, cache);
}, 180_000);

describe('lectern export', () => {
  it('writes the deck and its three PDFs, each reported with its page count', () => {
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    for (const kind of ['slides', 'handout', 'guide']) {
      expect(existsSync(pdf(kind))).toBe(true);
      expect(exported.stdout).toMatch(new RegExp(`features\\.${kind}\\.pdf: \\d+ pages?`));
    }
    expect(existsSync(join(out, 'features', 'index.html'))).toBe(true);
    // Nothing temporary is left; the one dotfile is the PDFs' fingerprints (what lets a re-export reuse them).
    expect(readdirSync(join(out, 'features')).filter((f) => f.endsWith('.tmp') || (f.startsWith('.') && f !== '.lectern-pdf.json'))).toEqual([]);
  });

  it('slides: one page per slide at 16:9, fragments shown, numbers, diagram as vector text, metadata, bookmarks', async () => {
    const info = pdfInfo(pdf('slides'));
    expect(info.Pages).toBe('6');
    expect(info.Title).toBe('Every feature');
    expect(info.Author).toBe('Test suite');
    const [width, height] = (info['Page size'] ?? '').split(' x ').map((n) => Number.parseFloat(n));
    expect((width ?? 0) / (height ?? 1)).toBeCloseTo(16 / 9, 1);
    const text = pdfText(pdf('slides'));
    expect(text).toContain('Lint first');
    expect(text).toContain('Then test');
    expect(text).toMatch(/\b3 ?\/ ?6\b/);
    expect(text.replace(/\s+/g, ' ')).toContain('CI checks'); // the label may wrap inside its box
    for (const note of NOTES) expect(text).not.toContain(note);
    expect(await pdfOutline(pdf('slides'))).toEqual([
      '1. Every feature',
      '2. Pipelines at a glance',
      '3. A timed slide',
      '  4. Vertical detail',
      '5. Hands-on',
      '6. Diagram',
    ]);
  });

  it('handout: content, activities as worksheets and handout blocks, never a speaker note', async () => {
    const info = pdfInfo(pdf('handout'));
    expect(info['Page size']).toMatch(/59[45](\.\d+)? x 841\.\d+ pts \(A4\)/);
    expect(info.Title).toBe('Every feature — Student handout');
    const text = pdfText(pdf('handout'));
    expect(text).toContain('ACTIVITY-STEP start the timer');
    expect(text).toContain('HANDOUT-ONLY');
    expect(text).toContain('Timer drill');
    for (const note of NOTES) expect(text).not.toContain(note);
    expect((await pdfOutline(pdf('handout'))).join('\n')).toContain('Pipelines at a glance');
  });

  it('guide: the schedule first, then every slide with its notes and planned time', async () => {
    const text = pdfText(pdf('guide'));
    for (const note of NOTES) expect(text).toContain(note);
    expect(text.indexOf('Schedule')).toBeLessThan(text.indexOf('NOTE-ONE'));
    expect(text).toContain('HANDOUT-ONLY');
    // Slide pictures are the slides themselves, drawn as vectors: their text is in the PDF.
    expect(text).toContain('Lint first');
    expect(text).toMatch(/Slide 3 · planned 1:30/);
    expect(pdfInfo(pdf('guide')).Author).toBe('Test suite');
    expect((await pdfOutline(pdf('guide'))).length).toBeGreaterThan(3);
  });

  it('--only and --paper pick the PDFs and the paper', async () => {
    const only = tempDir();
    const result = await runCli(['export', 'tests/fixtures/decks/features.md', '--out', only, '--only', 'handout', '--paper', 'letter'], undefined, cache);
    expect(result.code).toBe(0);
    expect(readdirSync(join(only, 'features')).filter((f) => f.endsWith('.pdf'))).toEqual(['features.handout.pdf']);
    expect(pdfInfo(join(only, 'features', 'features.handout.pdf'))['Page size']).toMatch(/612 x 792 pts \(letter\)/);
    const wrong = await runCli(['export', 'tests/fixtures/decks/features.md', '--only', 'poster']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--only takes slides, handout, guide');
  });

  it('a folder export links the PDFs from the course index', async () => {
    const folder = join(tempDir(), 'decks');
    cpSync('tests/fixtures/decks', folder, { recursive: true });
    const target = tempDir();
    const result = await runCli(['export', folder, '--out', target, '--only', 'slides'], undefined, cache);
    expect(result.code).toBe(0);
    expect(readFileSync(join(target, 'index.html'), 'utf8')).toContain('href="features/features.slides.pdf"');
  });

  it('without a browser: a clear message, exit 1, and the HTML still built', async () => {
    const target = tempDir();
    const result = await runCli(['export', 'tests/fixtures/decks/features.md', '--out', target, '--browser', '/nonexistent/chrome'], undefined, { LECTERN_CACHE_DIR: join(tempDir(), 'c') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no Chrome or Chromium was found');
    expect(result.stderr).toContain('hint: install Chromium');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(target, 'features', 'index.html'))).toBe(true);
    expect(readdirSync(join(target, 'features')).filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });
});
