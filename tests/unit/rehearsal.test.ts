import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { isRehearsalRecording, latestRehearsal, latestRehearsalFile } from '../../src/export/rehearsal-files.js';
import type { Deck } from '../../src/model/deck.js';
import { parseDuration } from '../../src/model/duration.js';
import { applyRehearsedTimes, formatDeckTime, roundToStep } from '../../src/model/rehearsal-apply.js';
import { rehearsedSeconds } from '../../src/model/rehearsal-match.js';
import { compareRehearsal } from '../../src/model/rehearsal-report.js';
import { formatRehearsalReport } from '../../src/model/rehearsal-report-text.js';
import { planSchedule } from '../../src/model/schedule.js';
import type { RehearsalRecording } from '../../src/server/protocol.js';
import { renderGuidePage } from '../../src/render/render-guide.js';
import { tempDir } from '../helpers/cli.js';

const LINES = [
  '---', // 1
  'title: Rehearsed deck', // 2
  'duration: 30m', // 3
  'title-slide: true', // 4
  '---', // 5
  '', // 6
  '# Intro', // 7
  '', // 8
  'Welcome.', // 9
  '', // 10
  '---', // 11
  '', // 12
  '<!-- .slide: class="center" data-x=\'1\' -->', // 13
  '## Pipeline', // 14
  '', // 15
  'Some text.', // 16
  '', // 17
  '----', // 18
  '', // 19
  '<!-- .slide: time="5m" class="wide" -->', // 20
  '## Details', // 21
  '', // 22
  '```md', // 23
  '<!-- .slide: time="1m" -->', // 24
  '```', // 25
  '', // 26
  '---', // 27
  '## Hands-on', // 28
  '', // 29
  ':::activity{title="Drill" time="10m"}', // 30
  'Do it.', // 31
  ':::', // 32
  '', // 33
  'Note: keep an eye on the clock', // 34
];
const SOURCE = `${LINES.join('\n')}\n`;

function setup(source = SOURCE) {
  const { deck, diagnostics } = parseDeck(source, 'decks/rehearsed.md', 'rehearsed');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { schedule } = planSchedule(deck);
  return { deck, schedule };
}

/** A recording of `deck` with these actual seconds per slide index (its plan as recorded). */
function recordingOf(deck: Deck, actual: Record<number, number>, titles: Record<number, string> = {}): RehearsalRecording {
  const { schedule } = planSchedule(deck);
  return {
    version: 1,
    slug: deck.slug,
    file: deck.file,
    title: deck.meta.title ?? deck.slug,
    startedAt: '2025-03-04T09:00:00.000Z',
    finishedAt: '2025-03-04T09:40:00.000Z',
    durationSeconds: deck.meta.durationSeconds ?? 0,
    plannedTotalSeconds: schedule.totalSeconds,
    slides: deck.slides.map((s, i) => ({
      index: s.index,
      h: s.h,
      v: s.v,
      title: titles[s.index] ?? s.title,
      line: s.position.line,
      plannedSeconds: schedule.entries[i]?.seconds ?? 0,
      actualSeconds: actual[s.index] ?? 0,
    })),
    activities: [{ id: 'drill', title: 'Drill', slideIndex: 4, plannedSeconds: 600, actualSeconds: 700 }],
  };
}

// Plan: 30m; explicit 5m (Details) + 10m (Hands-on); the title slide, Intro and Pipeline share 15m: 5m each.
const ACTUAL = { 0: 60, 1: 290, 2: 500, 3: 400, 4: 790 };

describe('compareRehearsal', () => {
  it('compares every slide, section and the totals with the plan', () => {
    const { deck, schedule } = setup();
    expect(schedule.entries.map((e) => e.seconds)).toEqual([300, 300, 300, 300, 600]);
    const report = compareRehearsal(recordingOf(deck, ACTUAL), deck, schedule);
    expect(report.slides.map((s) => [s.title, s.plannedSeconds, s.actualSeconds, s.differenceSeconds])).toEqual([
      ['Rehearsed deck', 300, 60, -240],
      ['Intro', 300, 290, -10],
      ['Pipeline', 300, 500, 200],
      ['Details', 300, 400, 100],
      ['Hands-on', 600, 790, 190],
    ]);
    expect(report.sections.map((s) => [s.h, s.title, s.plannedSeconds, s.actualSeconds, s.differenceSeconds])).toEqual([
      [0, 'Rehearsed deck', 300, 60, -240],
      [1, 'Intro', 300, 290, -10],
      [2, 'Pipeline', 600, 900, 300],
      [3, 'Hands-on', 600, 790, 190],
    ]);
    expect(report.totals).toEqual({
      plannedSeconds: 1800,
      actualSeconds: 2040,
      differenceSeconds: 240,
      durationSeconds: 1800,
      overDurationSeconds: 240,
      elapsedSeconds: 2400,
    });
    expect(report.over.map((s) => s.title)).toEqual(['Pipeline', 'Hands-on', 'Details']);
    // Intro is 10 s under: noise, not "ran under".
    expect(report.under.map((s) => s.title)).toEqual(['Rehearsed deck']);
    expect(report.activities).toEqual([{ id: 'drill', title: 'Drill', slideIndex: 4, plannedSeconds: 600, actualSeconds: 700, differenceSeconds: 100 }]);
    expect(report.mismatched).toBe(0);
    expect(report.unrecorded).toBe(0);
  });

  it('uses the recorded plan for slides the deck no longer has', () => {
    const { deck, schedule } = setup();
    const recording = recordingOf(deck, ACTUAL, { 2: 'Old pipeline' });
    recording.slides[2] = { ...(recording.slides[2] as RehearsalRecording['slides'][number]), plannedSeconds: 120 };
    const report = compareRehearsal(recording, deck, schedule);
    expect(report.slides[2]).toMatchObject({ title: 'Old pipeline', plannedSeconds: 120, differenceSeconds: 380, inDeck: false });
    expect(report.mismatched).toBe(1);
    expect(report.unrecorded).toBe(1);
  });

  it('works from the recording alone', () => {
    const { deck } = setup();
    const report = compareRehearsal(recordingOf(deck, ACTUAL));
    expect(report.totals.plannedSeconds).toBe(1800);
    expect(report.totals.durationSeconds).toBe(1800);
    expect(report.slides.every((s) => s.inDeck)).toBe(true);
  });

  it('picks at most three slides each way, most first', () => {
    const { deck, schedule } = setup();
    const report = compareRehearsal(recordingOf(deck, { 0: 10, 1: 20, 2: 30, 3: 40, 4: 50 }), deck, schedule);
    expect(report.over).toEqual([]);
    expect(report.under.map((s) => s.index)).toEqual([4, 0, 1]);
  });
});

describe('formatRehearsalReport', () => {
  it('prints an aligned table with subtotals, the total line and the outliers', () => {
    const { deck, schedule } = setup();
    const text = formatRehearsalReport(compareRehearsal(recordingOf(deck, ACTUAL), deck, schedule));
    const lines = text.split('\n');
    expect(lines[0]).toBe('Rehearsal of Rehearsed deck, 2025-03-04 09:00 → 2025-03-04 09:40');
    expect(text).toMatch(/^#\s+slide\s+planned\s+actual\s+±$/m);
    expect(text).toMatch(/^1\s+Rehearsed deck\s+5m\s+1m\s+-4m$/m);
    expect(text).toMatch(/^2\s+Intro\s+5m\s+4m 50s\s+-10s$/m);
    expect(text).toMatch(/^3\s+Pipeline\s+5m\s+8m 20s\s+\+3m 20s$/m);
    expect(text).toMatch(/^3\.2\s+Details\s+5m\s+6m 40s\s+\+1m 40s$/m);
    expect(text).toMatch(/^\s+section Pipeline\s+10m\s+15m\s+\+5m$/m);
    expect(text).not.toMatch(/section Intro/);
    expect(text).toContain('actual 34m against a plan of 30m and a duration of 30m (+4m)');
    expect(text).toContain('Drill: planned 10m, actual 11m 40s (+1m 40s)');
    expect(text).toMatch(/Ran over most:\n {2}3 {4}Pipeline: \+3m 20s \(planned 5m, actual 8m 20s\)\n {2}4 {4}Hands-on: \+3m 10s/);
    expect(text).toMatch(/\n\nRan under most:\n {2}1 {2}Rehearsed deck: -4m \(planned 5m, actual 1m\)$/);
    // Columns line up: every "planned" cell ends where the header's does.
    const header = lines.find((l) => l.startsWith('#')) ?? '';
    const end = header.indexOf('planned') + 'planned'.length;
    for (const line of lines.filter((l) => /^\d/.test(l))) expect(line.slice(end - 2, end).trim()).not.toBe('');
  });

  it('says when nothing ran over and compares plan and duration apart when they differ', () => {
    const { deck, schedule } = setup();
    const report = compareRehearsal(recordingOf(deck, { 0: 300, 1: 300, 2: 300, 3: 300, 4: 600 }), deck, schedule);
    report.totals.durationSeconds = 2400;
    report.totals.overDurationSeconds = report.totals.actualSeconds - 2400;
    const text = formatRehearsalReport(report);
    expect(text).toContain('actual 30m against a plan of 30m (0s) and a duration of 40m (-10m)');
    expect(text).toContain('Ran over most: no slide ran over by 15s or more');
    expect(text).toContain('Ran under most: no slide ran under by 15s or more');
  });
});

describe('deck times', () => {
  it('rounds to 15 s and writes times parseDuration reads back', () => {
    expect(roundToStep(67)).toBe(60);
    expect(roundToStep(68)).toBe(75);
    expect(formatDeckTime(45)).toBe('45s');
    expect(formatDeckTime(90)).toBe('1m30s');
    expect(formatDeckTime(300)).toBe('5m');
    expect(formatDeckTime(150)).toBe('2m30s');
    expect(formatDeckTime(3600)).toBe('1h');
    expect(formatDeckTime(4500)).toBe('1h15m');
    expect(formatDeckTime(4515)).toBe('1h15m15s');
    for (let seconds = 15; seconds <= 4 * 3600; seconds += 15) expect(parseDuration(formatDeckTime(seconds))).toBe(seconds);
  });
});

/** Lines of `after` that are not in `before` at the same place, allowing for inserted lines. */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  // Longest common subsequence is overkill: the apply only replaces and inserts single lines.
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (b[j + 1] === a[i]) added.push(b[j++] ?? '');
    else {
      removed.push(a[i++] ?? '');
      added.push(b[j++] ?? '');
    }
  }
  return { removed, added };
}

describe('applyRehearsedTimes', () => {
  it('inserts, updates and appends time= and leaves every other byte alone', () => {
    const { deck } = setup();
    const result = applyRehearsedTimes(SOURCE, deck, recordingOf(deck, ACTUAL));
    expect(result.changed).toBe(4);
    expect(result.skipped).toBe(0);
    const { removed, added } = lineDiff(SOURCE, result.source);
    expect(removed).toEqual(['<!-- .slide: class="center" data-x=\'1\' -->', '<!-- .slide: time="5m" class="wide" -->']);
    expect(added).toEqual([
      '<!-- .slide: time="4m45s" -->',
      '<!-- .slide: class="center" data-x=\'1\' time="8m15s" -->',
      '<!-- .slide: time="6m45s" class="wide" -->',
      '<!-- .slide: time="13m15s" -->',
    ]);
    const lines = result.source.split('\n');
    // After the front matter and its blank line; after `---` and its blank line; right after a `---` with none.
    expect(lines.slice(4, 8)).toEqual(['---', '', '<!-- .slide: time="4m45s" -->', '# Intro']);
    expect(lines.slice(27, 30)).toEqual(['---', '<!-- .slide: time="13m15s" -->', '## Hands-on']);
    // The comment inside fenced code is not the slide's.
    expect(result.source).toContain('```md\n<!-- .slide: time="1m" -->\n```');
    expect(result.source.endsWith('Note: keep an eye on the clock\n')).toBe(true);
    expect(result.source.length - SOURCE.length).toBe(added.join('\n').length - removed.join('\n').length);
  });

  it('gives a deck that parses to the rehearsed times, the same slides and attributes', () => {
    const { deck } = setup();
    const result = applyRehearsedTimes(SOURCE, deck, recordingOf(deck, ACTUAL));
    const { deck: after, diagnostics } = parseDeck(result.source, 'decks/rehearsed.md', 'rehearsed');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(after.slides.map((s) => s.title)).toEqual(deck.slides.map((s) => s.title));
    expect(after.slides.map((s) => s.timeSeconds)).toEqual([undefined, 285, 495, 405, 795]);
    expect(after.slides[2]?.attributes).toEqual({ class: 'center', 'data-x': '1' });
    expect(after.slides[3]?.attributes).toEqual({ class: 'wide' });
    // Applying the same rehearsal again changes nothing.
    const again = applyRehearsedTimes(result.source, after, recordingOf(deck, ACTUAL));
    expect(again).toMatchObject({ source: result.source, changed: 0 });
  });

  it('writes times into a deck cut by reveal-md separators, which reads back with the same settings', () => {
    const input = { flags: { separator: '^\\n\\n\\n', verticalSeparator: '<!--v-->' } };
    const source = '# One\ntext\n\n\n\n# Two\n<!--v-->\n<!-- .slide: class="x" -->\n## Two below\nNote: say it\n';
    const { deck } = parseDeck(source, 'talk.md', 'talk', undefined, input);
    expect(deck.slides.map((s) => s.title)).toEqual(['One', 'Two', 'Two below']);
    const result = applyRehearsedTimes(source, deck, recordingOf(deck, { 0: 60, 1: 120, 2: 180 }));
    expect(result.source).toBe('<!-- .slide: time="1m" -->\n# One\ntext\n\n\n\n<!-- .slide: time="2m" -->\n# Two\n<!--v-->\n<!-- .slide: class="x" time="3m" -->\n## Two below\nNote: say it\n');
    const after = parseDeck(result.source, 'talk.md', 'talk', undefined, input).deck;
    expect(after.slides.map((s) => [s.title, s.timeSeconds, s.position.line])).toEqual([['One', 60, 1], ['Two', 120, 7], ['Two below', 180, 10]]);
  });

  it('skips the title slide, slides whose title changed, and slides only passed through', () => {
    const { deck } = setup();
    const result = applyRehearsedTimes(SOURCE, deck, recordingOf(deck, { ...ACTUAL, 1: 5 }, { 2: 'Old pipeline', 3: 'Other' }));
    expect(result).toMatchObject({ changed: 1, skipped: 2, tooShort: 1 });
    const { added } = lineDiff(SOURCE, result.source);
    expect(added).toEqual(['<!-- .slide: time="13m15s" -->']);
  });

  it('keeps CRLF line ends, a byte order mark and a file without a final newline', () => {
    const source = `\uFEFF${['# First', '', 'text', '', '---', '', '<!-- .slide: time=2m -->', '## Second'].join('\r\n')}`;
    const { deck } = parseDeck(source, 'x.md', 'x');
    const result = applyRehearsedTimes(source, deck, recordingOf(deck, { 0: 95, 1: 200 }));
    expect(result.changed).toBe(2);
    expect(result.source).toBe(
      `\uFEFF${['<!-- .slide: time="1m30s" -->', '# First', '', 'text', '', '---', '', '<!-- .slide: time=3m15s -->', '## Second'].join('\r\n')}`,
    );
    expect(result.source.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const { deck: after } = parseDeck(result.source, 'x.md', 'x');
    expect(after.slides.map((s) => s.timeSeconds)).toEqual([90, 195]);
  });

  it('fills an empty comment, replaces data-timing and a time without a value', () => {
    const source = ['<!-- .slide: -->', '# A', '---', '<!-- .slide: data-timing="60" class=x -->', '# B', '---', '<!-- .slide: time -->', '# C', ''].join('\n');
    const { deck } = parseDeck(source, 'x.md', 'x');
    const result = applyRehearsedTimes(source, deck, recordingOf(deck, { 0: 120, 1: 180, 2: 240 }));
    expect(result.source.split('\n')).toEqual([
      '<!-- .slide: time="2m" -->', '# A', '---', '<!-- .slide: data-timing="180" class=x -->', '# B', '---', '<!-- .slide: time="4m" -->', '# C', '',
    ]);
    expect(parseDeck(result.source, 'x.md', 'x').deck.slides.map((s) => s.timeSeconds)).toEqual([120, 180, 240]);
  });
});

describe('rehearsal files', () => {
  it('reads the newest valid recording and passes over broken ones', async () => {
    const dir = tempDir();
    const { deck } = setup();
    const good = recordingOf(deck, ACTUAL);
    mkdirSync(join(dir, 'rehearsed'), { recursive: true });
    expect(await latestRehearsal('rehearsed', dir)).toBeUndefined();
    writeFileSync(join(dir, 'rehearsed', '2025-03-04T09-40-00.000Z.json'), JSON.stringify(good));
    writeFileSync(join(dir, 'rehearsed', '2025-03-05T09-40-00.000Z.json'), JSON.stringify({ ...good, slides: [{ index: 'x' }] }));
    writeFileSync(join(dir, 'rehearsed', '2025-03-06T09-40-00.000Z.json'), '{ not json');
    writeFileSync(join(dir, 'rehearsed', '.2025-03-07T09-40-00.000Z.json.123.1.tmp'), JSON.stringify(good));
    const latest = await latestRehearsalFile('rehearsed', dir);
    expect(latest?.file).toBe(join(dir, 'rehearsed', '2025-03-04T09-40-00.000Z.json'));
    expect(latest?.recording).toEqual(good);
    expect(await latestRehearsal('nothing-here', dir)).toBeUndefined();
    expect(isRehearsalRecording({ ...good, version: 2 })).toBe(false);
    expect(isRehearsalRecording(good)).toBe(true);
  });
});

describe('the instructor guide with a rehearsal', () => {
  it('adds a Rehearsed column and a note on each rehearsed card', () => {
    const { deck, schedule } = setup();
    const rehearsal = rehearsedSeconds(recordingOf(deck, ACTUAL, { 3: 'Renamed' }), deck);
    expect([...rehearsal]).toEqual([[0, 60], [1, 290], [2, 500], [4, 790]]);
    const html = renderGuidePage(deck, schedule, { paper: 'A4', thumbnails: new Map(), rehearsal });
    expect(html).toContain('<th class="num">Time</th><th class="num">Rehearsed</th>');
    // Slide 3 has no time of its own: its 5m is a share, marked.
    expect(html).toContain('<td class="num">5m<span class="print-derived">*</span></td><td class="num print-rehearsed">8m 20s</td><td class="num">3</td>');
    expect(html).toContain('<td class="num print-rehearsed">–</td><td class="num">4</td>');
    expect(html).toContain('rehearsed 8:20');
    expect(html).toMatch(/id="slide-4"[\s\S]*?planned 5:00 at start 15:00<\/p>/);
    const plain = renderGuidePage(deck, schedule, { paper: 'A4', thumbnails: new Map() });
    expect(plain).not.toContain('Rehearsed</th>');
    expect(plain).not.toContain('rehearsed ');
  });
});
