// Benchmark of what needs a browser: `lectern export` (slides PDF alone and all three PDFs) on
// the 50- and 200-slide decks, and diagrams (10 of them, cold and from the cache). With --peers,
// Marp CLI --pdf, reveal-md --print and DeckTape on the same decks, alternating, in the same run.
// Run through `npm run bench` (bench.ts calls runExportBench), or alone:
//   node lib/scripts/bench-export.js [--runs 3] [--sizes 50,200] [--peers]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export interface ExportBenchOptions {
  runs: number;
  sizes: number[];
  peers: boolean;
}

interface Generator {
  deck(dialect: 'reveal' | 'marp', n: number): string;
  mermaidDeck(dialect: 'reveal'): string;
}

interface Job {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  /** The PDF it must leave behind (checked after every run). */
  pdf?: string;
  /** Runs before each timed run, off the clock. */
  reset?: () => void;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'lib', 'cli', 'bin.js');
const PEERS_DIR = join(ROOT, '.bench', 'peers');
const NODE = process.execPath;
const BROWSER = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync) ?? process.env.CHROME_PATH ?? '';

function run(job: Job): Promise<{ ms: number; ok: boolean; error?: string }> {
  job.reset?.();
  return new Promise((resolve) => {
    const start = performance.now();
    let stderr = '';
    const child = spawn(job.argv[0] ?? NODE, job.argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...job.env } });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', (error) => resolve({ ms: Number.NaN, ok: false, error: error.message }));
    child.on('close', (code) => {
      const ms = performance.now() - start;
      const missing = job.pdf && !existsSync(job.pdf);
      resolve({ ms, ok: code === 0 && !missing, ...(code !== 0 || missing ? { error: `exit ${code}${missing ? `, no ${job.pdf}` : ''}: ${stderr.trim().slice(-300)}` } : {}) });
    });
  });
}

function pdfPages(file: string): number {
  const out = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(out.stdout ?? '')?.[1] ?? Number.NaN);
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Times jobs alternating (a warm-up round first, not counted); medians by job name. */
async function timeJobs(jobs: Job[], runs: number): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(jobs.map((j) => [j.name, []]));
  for (let round = 0; round < runs; round++) {
    for (const job of jobs) {
      const result = await run(job);
      if (!result.ok) console.log(`  ✗ ${job.name}, run ${round}: ${result.error}`);
      else if (round > 0) samples.get(job.name)?.push(result.ms);
    }
  }
  return new Map([...samples].map(([name, ms]) => [name, median(ms)]));
}

function ensurePeer(spec: string, pkg: string, bin: string): string | undefined {
  const link = join(PEERS_DIR, 'node_modules', '.bin', bin);
  if (!existsSync(link)) {
    mkdirSync(PEERS_DIR, { recursive: true });
    if (!existsSync(join(PEERS_DIR, 'package.json'))) writeFileSync(join(PEERS_DIR, 'package.json'), '{ "private": true }\n');
    console.log(`installing ${spec} into .bench/peers…`);
    // Peers print with this machine's Chromium: no browser download (which this network refuses anyway).
    const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' };
    spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', spec], { env, encoding: 'utf8', timeout: 900_000 });
  }
  if (!existsSync(link)) {
    console.log(`  skipping ${pkg}: it did not install`);
    return undefined;
  }
  const version = (JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  console.log(`  peer ${pkg}@${version}`);
  return realpathSync(link);
}

const fmt = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');

export async function runExportBench(options: ExportBenchOptions): Promise<void> {
  const shared = join(ROOT, '..', 'shared', 'bench', 'gen-peer-decks.mjs');
  if (!existsSync(shared)) {
    console.log(`\nexport benchmark skipped: ${shared} is missing`);
    return;
  }
  const generator = (await import(pathToFileURL(shared).href)) as Generator;
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-export-'));
  const lectern = (...args: string[]): string[] => [NODE, CLI, ...args, '--quiet'];
  try {
    console.log(`\nexport (median of ${options.runs - 1} runs after a warm-up; ${BROWSER || 'no browser found'})`);
    const marp = options.peers ? ensurePeer('@marp-team/marp-cli@4', '@marp-team/marp-cli', 'marp') : undefined;
    const revealMd = options.peers ? ensurePeer('reveal-md@6', 'reveal-md', 'reveal-md') : undefined;
    const decktape = options.peers ? ensurePeer('decktape@3', 'decktape', 'decktape') : undefined;
    const rows: string[] = [];
    for (const size of options.sizes) {
      const dir = join(tmp, String(size));
      mkdirSync(dir, { recursive: true });
      const deck = join(dir, `deck-${size}.md`);
      writeFileSync(deck, generator.deck('reveal', size));
      const marpDeck = join(dir, `marp-${size}.md`);
      writeFileSync(marpDeck, generator.deck('marp', size));
      const out = join(dir, 'out');
      const slug = basename(deck, '.md');
      const jobs: Job[] = [
        { name: 'lectern slides', argv: lectern('export', deck, '--out', out, '--only', 'slides'), pdf: join(out, slug, `${slug}.slides.pdf`) },
        { name: 'lectern all three', argv: lectern('export', deck, '--out', join(dir, 'all')), pdf: join(dir, 'all', slug, `${slug}.guide.pdf`) },
      ];
      if (marp) jobs.push({ name: 'marp --pdf', argv: [NODE, marp, '--no-config-file', '--pdf', marpDeck, '-o', join(dir, 'marp.pdf')], pdf: join(dir, 'marp.pdf'), env: { CHROME_PATH: BROWSER, CHROME_NO_SANDBOX: '1' } });
      if (revealMd) {
        jobs.push({ name: 'reveal-md --print', argv: [NODE, revealMd, deck, '--print', join(dir, 'reveal-md.pdf'), '--puppeteer-chromium-executable', BROWSER, '--puppeteer-launch-args=--no-sandbox'], pdf: join(dir, 'reveal-md.pdf') });
      }
      // DeckTape pages through the deck slide by slide (about a second a slide): 50 slides tell enough.
      if (decktape && size <= 50) {
        // DeckTape prints a running reveal.js deck: lectern's own build of the same deck.
        spawnSync(NODE, lectern('build', deck, '--out', join(dir, 'html')).slice(1));
        const url = pathToFileURL(join(dir, 'html', slug, 'index.html')).href;
        jobs.push({ name: 'decktape', argv: [NODE, decktape, 'reveal', '--chrome-path', BROWSER, '--chrome-arg=--no-sandbox', '-s', '1280x720', url, join(dir, 'decktape.pdf')], pdf: join(dir, 'decktape.pdf') });
      }
      const medians = await timeJobs(jobs, options.runs);
      const pages = pdfPages(join(out, slug, `${slug}.slides.pdf`));
      const slidesMs = medians.get('lectern slides') ?? Number.NaN;
      rows.push(`${size} slides: ${jobs.map((j) => `${j.name} ${fmt(medians.get(j.name) ?? Number.NaN)}`).join(' · ')}`);
      rows.push(`  lectern slides PDF: ${pages} pages, ${(pages / (slidesMs / 1000)).toFixed(1)} pages/s`);
      // The goal (issue 9) is against Marp CLI --pdf, timed in the same run; other peers are shown for context.
      const marpMs = medians.get('marp --pdf') ?? Number.NaN;
      if (Number.isFinite(marpMs)) {
        const ratio = slidesMs / marpMs;
        rows.push(`  slides PDF / Marp CLI --pdf = ${ratio.toFixed(2)} (target ≤ 0.5${size === 200 ? ` for 200 slides: ${ratio <= 0.5 ? 'PASS' : 'FAIL'}` : ''})`);
      }
      const fastestPeer = ['marp --pdf', 'reveal-md --print', 'decktape'].map((n) => medians.get(n) ?? Number.NaN).filter(Number.isFinite).sort((a, b) => a - b)[0];
      if (fastestPeer !== undefined) rows.push(`  slides PDF / fastest peer = ${(slidesMs / fastestPeer).toFixed(2)}`);
    }
    for (const row of rows) console.log(row);

    // Ten different diagrams: cold = an empty cache (browser start included), warm = all cached.
    const mermaid = join(tmp, 'mermaid.md');
    writeFileSync(mermaid, generator.mermaidDeck('reveal'));
    const cache = join(tmp, 'cache');
    const env = { LECTERN_CACHE_DIR: cache };
    const cold = await timeJobs([{ name: 'cold', argv: lectern('build', mermaid, '--out', join(tmp, 'm')), env, reset: () => rmSync(cache, { recursive: true, force: true }) }], options.runs);
    const warm = await timeJobs([{ name: 'warm', argv: lectern('build', mermaid, '--out', join(tmp, 'm')), env }], options.runs);
    const coldMs = cold.get('cold') ?? Number.NaN;
    const check = spawnSync(NODE, [CLI, 'build', mermaid, '--out', join(tmp, 'm')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    const noBrowser = /no browser started/.test(check.stdout);
    console.log(`10 diagrams: cold ${fmt(coldMs)} (target ≤ 3 s: ${coldMs <= 3000 ? 'PASS' : 'FAIL'}), warm ${fmt(warm.get('warm') ?? Number.NaN)}; rebuild started no browser: ${noBrowser ? 'PASS' : 'FAIL'}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '50,200' }, peers: { type: 'boolean', default: false } } });
  runExportBench({ runs: Math.max(2, Number(values.runs)), sizes: String(values.sizes).split(',').map(Number), peers: values.peers === true }).catch((cause: unknown) => {
    console.error(`bench-export: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exitCode = 2;
  });
}
