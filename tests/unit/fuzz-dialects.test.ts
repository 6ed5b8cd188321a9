import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse-deck.js';
import { planSchedule } from '../../src/model/schedule.js';
import { renderDeck } from '../../src/render/render-page.js';
import { ROOT } from '../helpers/cli.js';
import { mutateDeck, SEPARATOR_SETTINGS, seededRandom } from '../helpers/mutate-deck.js';

/** Cases per run; LECTERN_FUZZ_CASES raises it for a long local run. */
const CASES = Number(process.env.LECTERN_FUZZ_CASES ?? 300);
/** A deck that takes longer than this to parse and render counts as a hang (generous: CI may be busy). */
const PER_DECK_MS = 5_000;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : [];
  });
}

describe('mutated decks through every dialect reader', () => {
  it(`${CASES} seeded mutations of our decks and fixtures: no crash, no hang, every diagnostic located`, () => {
    const seeds = [...markdownFiles(join(ROOT, 'tests', 'fixtures')), ...markdownFiles(join(ROOT, 'decks'))].map((f) => readFileSync(f, 'utf8'));
    const random = seededRandom(Number(process.env.LECTERN_FUZZ_SEED ?? 7));
    const problems: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const text = mutateDeck(seeds[Math.floor(random() * seeds.length)] ?? '', random);
      const flags = SEPARATOR_SETTINGS[Math.floor(random() * SEPARATOR_SETTINGS.length)];
      const start = performance.now();
      try {
        const { deck, diagnostics } = parseDeck(text, 'deck.md', 'deck', undefined, flags ? { flags: { ...flags } } : undefined);
        renderDeck(deck, planSchedule(deck).schedule, { highlightStylesheet: false, diagrams: new Map() });
        for (const d of diagnostics) if (!(d.span.line >= 1 && d.span.column >= 1)) problems.push(`case ${i}: ${d.code} has no location`);
      } catch (cause) {
        problems.push(`case ${i}: ${(cause as Error).message.slice(0, 200)}`);
      }
      const ms = performance.now() - start;
      if (ms > PER_DECK_MS) problems.push(`case ${i}: took ${Math.round(ms)} ms`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
