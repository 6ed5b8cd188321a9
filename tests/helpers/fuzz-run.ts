/**
 * Runs fuzz cases through a pool of worker threads and sorts what goes wrong into crashes,
 * hangs (past the time limit, which grows with the deck's size so the check stays linear),
 * diagnostics without a place in the file, and floods (output that is not linear in the input).
 * Shared by `npm run fuzz` (scripts/fuzz.ts) and the unit test tests/unit/fuzz-decks.test.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeFuzzCase, type FuzzCase, type SeedDeck } from './fuzz-cases.js';
import { FuzzPool, type PoolResult } from './fuzz-pool.js';

export type FailureKind = 'crash' | 'hang' | 'unlocated' | 'flood';
export const FAILURE_KINDS: readonly FailureKind[] = ['crash', 'hang', 'unlocated', 'flood'];

export interface FuzzFailure {
  kind: FailureKind;
  fuzzCase: FuzzCase;
  detail: string;
}

export interface FuzzLimits {
  /** A deck may take this long, plus perMegabyteMs for each megabyte of it. */
  baseMs: number;
  perMegabyteMs: number;
  /** Printed characters allowed per byte of deck (plus 64 kB): a code frame per line is fine, a frame of the whole file per diagnostic is not. */
  printedPerByte: number;
}

export const DEFAULT_LIMITS: FuzzLimits = { baseMs: 2_000, perMegabyteMs: 1_000, printedPerByte: 100 };

export interface FuzzOptions {
  seeds: readonly SeedDeck[];
  seed: number;
  /** Case numbers to run (a range, or the one case being replayed). */
  cases: Iterable<number>;
  workers: number;
  /** The worker thread's script: one that calls serveFuzzCases(). */
  workerScript: string | URL;
  limits?: FuzzLimits;
  onCase?: (fuzzCase: FuzzCase, ms: number | undefined, failures: readonly FuzzFailure[]) => void;
}

export interface FuzzReport {
  cases: number;
  failures: FuzzFailure[];
  slowest: { index: number; ms: number; bytes: number; mutations: string[] }[];
}

export function timeLimitMs(bytes: number, limits: FuzzLimits = DEFAULT_LIMITS): number {
  return limits.baseMs + (limits.perMegabyteMs * bytes) / (1024 * 1024);
}

/** The course's decks and the test fixtures: the decks the fuzzer mutates. */
export function loadSeedDecks(root: string): SeedDeck[] {
  const files = [...markdownFiles(join(root, 'decks')), ...markdownFiles(join(root, 'tests', 'fixtures'))].sort();
  return files.map((file) => ({ name: relative(root, file), text: readFileSync(file, 'utf8') }));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? markdownFiles(path) : path.endsWith('.md') ? [path] : [];
  });
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const pool = new FuzzPool(options.workerScript, options.workers);
  const report: FuzzReport = { cases: 0, failures: [], slowest: [] };
  const queue = options.cases[Symbol.iterator]();
  // As many cases in flight as threads: a megabyte deck is made only when a thread is free for it.
  const lane = async () => {
    for (let next = queue.next(); !next.done; next = queue.next()) {
      const fuzzCase = makeFuzzCase(options.seeds, options.seed, next.value);
      const { failures, ms } = await judge(pool, fuzzCase, limits);
      report.cases++;
      report.failures.push(...failures);
      if (ms !== undefined) noteSlow(report, fuzzCase, ms);
      options.onCase?.(fuzzCase, ms, failures);
    }
  };
  try {
    await Promise.all(Array.from({ length: options.workers }, lane));
  } finally {
    await pool.close();
  }
  return report;
}

async function judge(pool: FuzzPool, fuzzCase: FuzzCase, limits: FuzzLimits): Promise<{ failures: FuzzFailure[]; ms?: number }> {
  const limit = timeLimitMs(fuzzCase.bytes.length, limits);
  // The thread is stopped well past the limit: a deck that merely ran slow on a busy machine still reports its time.
  const check = () => pool.run(fuzzCase.bytes, fuzzCase.separators, limit * 3 + 5_000);
  let result: PoolResult = await check();
  // One more try before calling a deck slow: other work on the machine may have taken the time.
  if (result.kind === 'done' && result.outcome.ms > limit) result = await check();
  const fail = (kind: FailureKind, detail: string): FuzzFailure => ({ kind, fuzzCase, detail });
  if (result.kind === 'killed') return { failures: [fail('hang', `stopped after ${Math.round(result.ms)} ms (limit ${Math.round(limit)} ms)`)] };
  if (result.kind === 'died') return { failures: [fail('crash', result.error)] };
  const { outcome } = result;
  const failures: FuzzFailure[] = [];
  if (outcome.crash !== undefined) failures.push(fail('crash', outcome.crash));
  if (outcome.ms > limit) failures.push(fail('hang', `took ${Math.round(outcome.ms)} ms twice (limit ${Math.round(limit)} ms)`));
  if (outcome.unlocated.length > 0) failures.push(fail('unlocated', outcome.unlocated.slice(0, 5).join('; ')));
  const printable = limits.printedPerByte * fuzzCase.bytes.length + 65_536;
  if (outcome.printedChars > printable) {
    failures.push(fail('flood', `printed ${outcome.printedChars} characters for ${outcome.diagnostics} diagnostics of a ${fuzzCase.bytes.length}-byte deck`));
  }
  return { failures, ms: outcome.ms };
}

function noteSlow(report: FuzzReport, fuzzCase: FuzzCase, ms: number): void {
  report.slowest.push({ index: fuzzCase.index, ms, bytes: fuzzCase.bytes.length, mutations: fuzzCase.mutations });
  report.slowest.sort((a, b) => b.ms - a.ms);
  report.slowest.length = Math.min(report.slowest.length, 5);
}
