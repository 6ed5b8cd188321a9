// The deck fuzzer: mutated course decks and fixtures (hostile ones too: megabyte lines, deep
// nesting, NUL bytes, invalid UTF-8, YAML alias bombs …) through what `lectern check` does, each
// in a worker thread with a deadline. Counts crashes, hangs, diagnostics without a place in the
// file and floods of output; saves each failing deck to a temporary folder.
// Usage: npm run fuzz -- [--count N] [--seed N] [--case I] [--workers N] [--base-ms MS] [--ms-per-mb MS]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { DEFAULT_LIMITS, FAILURE_KINDS, type FuzzFailure, type FuzzLimits, type FuzzReport, loadSeedDecks, runFuzz, timeLimitMs } from '../tests/helpers/fuzz-run.js';
import { serveFuzzCases } from '../tests/helpers/fuzz-worker.js';

const HELP = `node lib/scripts/fuzz.js [options]
  --count N     decks to check (default 1000)
  --seed N      the run's seed (default: a new one, printed); the same seed gives the same decks
  --case I      check only case I of the seed (replays a failure)
  --workers N   worker threads (default: one per core)
  --base-ms MS  the time a deck may take, plus --ms-per-mb for each megabyte of it (default 2000 + 1000)
  --ms-per-mb MS
  -h, --help    this text
Exit code: 1 when a deck crashed, hung, had a diagnostic without a place or flooded the output.`;

/** The repo root (decks/ and tests/fixtures/ are the seeds), found upwards from this file: lib/scripts/ or scripts/. */
function findRoot(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    try {
      if (loadSeedDecks(dir).length > 0) return dir;
    } catch {
      // Not this folder: no decks/ or tests/fixtures/ here.
    }
  }
  throw new Error('fuzz: cannot find the lectern repo (decks/ and tests/fixtures/)');
}

function readNumber(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`fuzz: --${name} must be a whole number, not ${value}`);
  return number;
}

function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1_000)}s`;
}

/** Each failing deck as written (.md) and what went wrong with it (.txt). */
function saveFailures(failures: readonly FuzzFailure[], seed: number, limits: FuzzLimits): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-fuzz-failures-'));
  for (const { kind, fuzzCase, detail } of failures) {
    const name = `case-${fuzzCase.index}-${kind}`;
    writeFileSync(join(dir, `${name}.md`), fuzzCase.bytes);
    writeFileSync(join(dir, `${name}.txt`), [
      `${kind}: ${detail}`,
      `seed ${seed}, case ${fuzzCase.index}: npm run fuzz -- --seed ${seed} --case ${fuzzCase.index}`,
      `from ${fuzzCase.base}, mutations: ${fuzzCase.mutations.join(', ')}`,
      fuzzCase.separators ? `separators: ${JSON.stringify(fuzzCase.separators)}` : 'default separators',
      `${fuzzCase.bytes.length} bytes; time limit ${Math.round(timeLimitMs(fuzzCase.bytes.length, limits))} ms`,
      '',
    ].join('\n'));
  }
  return dir;
}

function summary(report: FuzzReport, seed: number, ms: number, workers: number, limits: FuzzLimits): string {
  const count = (kind: string) => report.failures.filter((f) => f.kind === kind).length;
  const lines = [
    `lectern fuzz: ${report.cases} decks (seed ${seed}) in ${formatMs(ms)} on ${workers} worker thread${workers === 1 ? '' : 's'}; a deck may take ${limits.baseMs} ms + ${limits.perMegabyteMs} ms per MB`,
    `  ${FAILURE_KINDS.map((kind) => `${kind}: ${count(kind)}`).join(', ')}`,
    '  slowest:',
    ...report.slowest.map((s) => `    case ${s.index}: ${formatMs(s.ms)} for ${(s.bytes / 1024).toFixed(0)} kB (${s.mutations.join(', ')})`),
  ];
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string' },
      seed: { type: 'string' },
      case: { type: 'string' },
      workers: { type: 'string' },
      'base-ms': { type: 'string' },
      'ms-per-mb': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const count = readNumber(values.count, 'count', 1_000);
  const seed = readNumber(values.seed, 'seed', Math.floor(Math.random() * 2 ** 31));
  const only = values.case === undefined ? undefined : readNumber(values.case, 'case', 0);
  const workers = Math.max(1, readNumber(values.workers, 'workers', availableParallelism()));
  const cases = only === undefined ? Array.from({ length: count }, (_, i) => i) : [only];
  const limits: FuzzLimits = {
    ...DEFAULT_LIMITS,
    baseMs: readNumber(values['base-ms'], 'base-ms', DEFAULT_LIMITS.baseMs),
    perMegabyteMs: readNumber(values['ms-per-mb'], 'ms-per-mb', DEFAULT_LIMITS.perMegabyteMs),
  };
  const started = performance.now();
  let done = 0;
  const report = await runFuzz({
    seeds: loadSeedDecks(findRoot()),
    seed,
    cases,
    workers,
    workerScript: new URL(import.meta.url),
    limits,
    onCase: (fuzzCase, _ms, failures) => {
      done++;
      for (const failure of failures) process.stderr.write(`case ${fuzzCase.index}: ${failure.kind}: ${failure.detail.split('\n')[0]?.slice(0, 300)}\n`);
      if (done % Math.max(1, Math.floor(cases.length / 20)) === 0) process.stderr.write(`… ${done}/${cases.length} in ${formatMs(performance.now() - started)}\n`);
    },
  });
  process.stdout.write(`${summary(report, seed, performance.now() - started, workers, limits)}\n`);
  if (report.failures.length === 0) return 0;
  const dir = saveFailures(report.failures, seed, limits);
  process.stdout.write(`  failing decks saved in ${dir}\n`);
  return 1;
}

if (isMainThread) {
  main().then((code) => process.exit(code), (cause: unknown) => {
    process.stderr.write(`${cause instanceof Error ? cause.message : String(cause)}\n`);
    process.exit(2);
  });
} else serveFuzzCases();
