import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { loadSeedDecks, runFuzz } from '../helpers/fuzz-run.js';

/**
 * A few hundred of `npm run fuzz`'s decks on every test run, each checked as `lectern check`
 * checks it, in two worker threads with a deadline (a true endless loop fails the case, not the
 * run). The workers are `npm run fuzz`'s own bundle (lib/scripts/fuzz.js, built by `npm test`'s
 * compile step, as the end-to-end tests use lib/): a worker thread on Node 20 cannot load
 * TypeScript. LECTERN_FUZZ_DECKS and LECTERN_FUZZ_SEED change the count and the seed.
 */
const CASES = Number(process.env.LECTERN_FUZZ_DECKS ?? 300);
const SEED = Number(process.env.LECTERN_FUZZ_SEED ?? 20_260_601);

describe('mutated and hostile decks through lectern check', () => {
  it(`${CASES} decks: no crash, no hang, every diagnostic in the file, output linear in the deck`, async () => {
    const report = await runFuzz({
      seeds: loadSeedDecks(ROOT),
      seed: SEED,
      cases: Array.from({ length: CASES }, (_, i) => i),
      workers: 2,
      workerScript: join(ROOT, 'lib', 'scripts', 'fuzz.js'),
    });
    expect(report.cases).toBe(CASES);
    const failures = report.failures.map(({ kind, fuzzCase, detail }) =>
      `case ${fuzzCase.index} (${fuzzCase.mutations.join(', ')}): ${kind}: ${detail.split('\n')[0]?.slice(0, 300)} — replay: npm run fuzz -- --seed ${SEED} --case ${fuzzCase.index}`);
    expect(failures).toEqual([]);
  }, 180_000);
});
