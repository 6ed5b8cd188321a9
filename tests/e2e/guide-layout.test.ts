import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { derivedTimeLegend } from '../../src/model/schedule.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { pdfText } from '../helpers/pdf.js';
import { fontSizeOf, type PlacedPage, type PlacedWord, placedPages } from '../helpers/pdf-layout.js';

/** The smallest text the guide's slide pictures may print: what the notes point at must be readable on paper. */
const MIN_POINTS = 7;

let guide: string;
let pages: PlacedPage[];

beforeAll(async () => {
  const work = tempDir();
  const out = join(work, 'out');
  const exported = await runCli(['export', 'decks/module-1-foundations.md', '--only', 'guide', '--out', out], undefined, { LECTERN_CACHE_DIR: join(work, 'cache') });
  expect(exported.code, exported.stderr).toBe(0);
  guide = join(out, 'module-1-foundations', 'module-1-foundations.guide.pdf');
  pages = placedPages(guide);
}, 180_000);

/**
 * The words printed inside slide `n`'s picture: between the card's timing line
 * ("Slide n · planned …") and the first line of its notes, on the card's page.
 */
function pictureWords(n: number, firstNoteWords: string): PlacedWord[] {
  for (const page of pages) {
    const timing = page.lines.find((line) => line.text.startsWith(`Slide ${n} · planned`));
    if (!timing) continue;
    const notes = page.lines.find((line) => line.yMin > timing.yMax && line.text.startsWith(firstNoteWords));
    if (!notes) throw new Error(`slide ${n}'s notes are not on the page of its picture`);
    return page.lines.filter((line) => line.yMin > timing.yMax && line.yMax < notes.yMin).flatMap((line) => line.words);
  }
  throw new Error(`slide ${n} has no card`);
}

const smallest = (words: readonly PlacedWord[]) => Math.min(...words.map(fontSizeOf));

describe('the instructor guide of module 1', () => {
  it(`prints the pipeline diagram's labels (slide 9) at ${MIN_POINTS} pt or more`, () => {
    const words = pictureWords(9, 'Trace one change');
    const labels = ['Commit', 'CI', 'checks', 'Fix', 'fail', 'Artifact', 'Staging', 'Release', 'gate', 'approved', 'Production'];
    const found = words.filter((w) => labels.includes(w.text));
    expect(new Set(found.map((w) => w.text))).toEqual(new Set(labels));
    expect(smallest(found)).toBeGreaterThanOrEqual(MIN_POINTS);
  });

  it(`prints the code in its pictures at ${MIN_POINTS} pt or more`, () => {
    const workflow = pictureWords(10, 'No need to explain');
    expect(workflow.map((w) => w.text)).toEqual(expect.arrayContaining(['runs-on:', 'ubuntu-latest', 'actions/checkout@v4']));
    const test = pictureWords(13, 'Show how small');
    expect(test.map((w) => w.text)).toContain('test_total_applies_discount():');
    for (const words of [workflow, test]) expect(smallest(words)).toBeGreaterThanOrEqual(MIN_POINTS);
  });

  it('marks derived times in the schedule and on the cards, with the legend, and claims no exact fit', () => {
    const text = pdfText(guide);
    // The title slide, "Today" and "Next: Module 2" have no time of their own.
    expect(text.match(/^3m\*$/gm)?.length ?? 0).toBe(3);
    expect(text).toContain('Slide 1 · planned 3:00* at start 0:00');
    expect(text).toContain(derivedTimeLegend());
    expect(text).toMatch(/1h 21m set on slides and activities,\s+9m\* shared by 3\s+slides\s+without\s+a\s+time/);
    expect(text).not.toContain('fits exactly');
  });
});
