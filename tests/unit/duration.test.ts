import { describe, expect, it } from 'vitest';
import { DURATION_HINT, parseDuration } from '../../src/model/duration.js';
import { deckActivities } from '../../src/model/deck.js';
import { parseLines } from '../helpers/parse.js';

describe('parseDuration reads times as people write them', () => {
  it.each([
    ['45 min', 45 * 60],
    ['45 mins', 45 * 60],
    ['45 minutes', 45 * 60],
    ['1 minute', 60],
    ['1 hour', 3600],
    ['2 hours', 7200],
    ['1.5 hours', 5400],
    ['1 hr', 3600],
    ['2 hrs', 7200],
    ['1h30', 5400],
    ['1h 30m', 5400],
    ['1 hour 30 minutes', 5400],
    ['1:30', 5400],
    ['0:45', 45 * 60],
    ['1:30:15', 5415],
    ['90mins', 5400],
    ['45+ mins', 45 * 60],
    ['45+', 45 * 60],
    ['90 seconds', 90],
    ['30 sec', 30],
    ['90s', 90],
    ['5m', 300],
    ['1h15m', 4500],
    ['2m30s', 150],
    ['2m30', 150],
    ['1h30m10', 5410],
    ['1h', 3600],
    ['1.5h', 5400],
    ['20', 1200],
    ['1.5', 90],
    ['  10m  ', 600],
    ['45 MIN', 45 * 60],
    ['1H30M', 5400],
    ['1 Hour', 3600],
    ['0h30m', 1800],
  ])('%j is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each([
    'soon', 'ten minutes', 'twenty', '-5m', '-3', '0', '0m', '0:00', '', '   ', 'm', 'min', '5x', '5 lightyears',
    '1:75', '1:5', '1::30', '5m 1h', '30m 1h', '1h 1h', '90 30', '1.5.5', '1h,30m', '2s30', '1h30m10s5', '45++ mins',
    '5 constructor', '5 __proto__', 'about 5m', '5m or so',
  ])('%j is not a time', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('answers at once on long hostile input (linear time, no backtracking blow-up)', () => {
    const hostile = [
      `${'1'.repeat(100_000)}x`,
      `${' '.repeat(100_000)}x`,
      `1${' '.repeat(100_000)}x`,
      `${'1h '.repeat(33_000)}x`,
      `${'1.'.repeat(50_000)}`,
      `1${'+'.repeat(100_000)}`,
      `1 ${'m'.repeat(100_000)}`,
      `${'1'.repeat(50_000)}:${'0'.repeat(50_000)}`,
    ];
    const started = performance.now();
    for (const text of hostile) expect(parseDuration(text)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(250);
  });

  it('reads the new forms in a deck too, and its hint shows them', () => {
    const { deck, diagnostics } = parseLines('---', 'duration: 1.5 hours', '---', '<!-- .slide: time="45+ mins" -->', '# A', '---', ':::activity{title="Lab" time="1h 30m"}', 'x', ':::');
    expect(diagnostics).toEqual([]);
    expect(deck.meta.durationSeconds).toBe(5400);
    expect(deck.slides[0]?.timeSeconds).toBe(45 * 60);
    expect(deckActivities(deck).map((a) => a.durationSeconds)).toEqual([5400]);
    expect(DURATION_HINT).toMatch(/90s.*5m.*45 min.*1h30.*1\.5 hours.*1:30/);
  });

  it('reports a time it cannot read at its attribute, with the hint', () => {
    const { diagnostics } = parseLines('# A', '', '<!-- .slide: time="twenty" -->');
    expect(diagnostics[0]).toMatchObject({ code: 'bad-time', severity: 'error', span: { line: 3, column: 14 }, hint: DURATION_HINT });
  });
});
