// Benchmark: `lectern build` timed as a whole process (what a teacher actually waits for, start-up
// and asset copying included), lectern's start-up against bare Node, and with --peers the tools a
// teacher would otherwise use (reveal-md --static, Marp CLI) on the same decks.
// Usage: npm run bench -- [--runs N] [--sizes 50,200,1000] [--peers] [--json PATH]
//        npm run bench -- --crowd [N]   (the lecture hall alone: N websockets, page loads; bench-crowd.ts)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runCrowdBench } from './bench-crowd.js';
import { runExportBench } from './bench-export.js';
import { runReloadBench } from './bench-reload.js';

const HELP = `node lib/scripts/bench.js [options]
  --runs N         builds per deck size and tool; the first is a discarded warm-up (default 7)
  --sizes LIST     slide counts, comma-separated (default 50,200,1000)
  --peers          also time reveal-md --static and Marp CLI (installed into .bench/peers)
  --json PATH      where to write every sample (default .bench/results-<timestamp>.json)
  --pdf-runs N     export and diagram runs per job, the first a warm-up (default 3; 0 skips them)
  --reload-edits N live-reload latency edits (default 20; 0 skips the live server benchmark)
  --crowd [N]      only the lecture hall: lectern serve with N audience websockets (default 1000),
                   presenter moves timed to every socket, memory, and the page loaded by many at once
  --crowd-loads N  clients loading the page at the same moment (default 500)
  --crowd-moves N  presenter moves (default 30)
  -h, --help       this text
Exit code: 0 even when a target is missed (this is a report); 1 when lectern failed to build a deck.`;

type Tool = 'lectern' | 'reveal-md' | 'marp';
type Dialect = 'reveal' | 'marp';
type DeckFn = (dialect: Dialect, n: number) => string;
interface Options { runs: number; sizes: number[]; peers: boolean; json: string | undefined; pdfRuns: number; reloadEdits: number; crowd?: { sockets: number; loads: number; moves: number } }
interface Timed { ms: number; rssKB: number | null; code: number | null; stderr: string }
interface Sample { tool: Tool; size: number; run: number; warmup: boolean; ms: number; rssKB: number | null; ok: boolean; error?: string }
/** How to run one tool: its dialect, its command line, and the file that proves it built. */
interface Runner { tool: Tool; dialect: Dialect; version: string; argv: (deck: string, out: string) => string[]; output: (deck: string, out: string) => string }

/** The repo root, found upwards from this file so it holds from lib/scripts/ and from scripts/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "lectern"')) {
    if (dirname(dir) === dir) throw new Error('bench: cannot find the lectern repo root');
    dir = dirname(dir);
  }
  return dir;
}
const ROOT = findRoot();
const CLI = join(ROOT, 'lib', 'cli', 'bin.js');
const PEERS_DIR = join(ROOT, '.bench', 'peers');
const TIME = '/usr/bin/time'; // GNU time: `-f %M` prints the child's max RSS in KB, no extra Node process
const NODE = process.execPath; // peers run on the very same Node as lectern, not whatever `node` PATH finds

/** `--crowd` takes an optional count, which parseArgs cannot express: it is read here. */
function takeCrowd(argv: string[]): { rest: string[]; sockets?: number } {
  const at = argv.indexOf('--crowd');
  if (at < 0) return { rest: argv };
  const next = argv[at + 1];
  const counted = next !== undefined && /^\d+$/.test(next);
  const sockets = counted ? Number(next) : 1000;
  if (sockets < 1) throw new Error('--crowd takes a positive number of websockets, e.g. --crowd 1000');
  return { rest: [...argv.slice(0, at), ...argv.slice(at + (counted ? 2 : 1))], sockets };
}

function parseOptions(argv: string[]): Options {
  const crowd = takeCrowd(argv);
  const { values } = parseArgs({
    args: crowd.rest,
    strict: true,
    options: {
      runs: { type: 'string', default: '7' },
      sizes: { type: 'string', default: '50,200,1000' },
      peers: { type: 'boolean', default: false },
      json: { type: 'string' },
      'pdf-runs': { type: 'string', default: '3' },
      'reload-edits': { type: 'string', default: '20' },
      'crowd-loads': { type: 'string', default: '500' },
      'crowd-moves': { type: 'string', default: '30' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const runs = Number(values.runs);
  const sizes = String(values.sizes).split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 2) throw new Error('--runs must be an integer ≥ 2 (the first run is a warm-up)');
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--sizes must be positive integers, e.g. 50,200,1000');
  const pdfRuns = Number(values['pdf-runs']);
  if (!Number.isInteger(pdfRuns) || pdfRuns === 1 || pdfRuns < 0) throw new Error('--pdf-runs must be 0 (skip) or an integer ≥ 2');
  const reloadEdits = Number(values['reload-edits']);
  if (!Number.isInteger(reloadEdits) || reloadEdits < 0) throw new Error('--reload-edits must be 0 (skip) or a positive integer');
  const loads = Number(values['crowd-loads']);
  const moves = Number(values['crowd-moves']);
  if (!Number.isInteger(loads) || loads < 1 || !Number.isInteger(moves) || moves < 1) throw new Error('--crowd-loads and --crowd-moves must be positive integers');
  return {
    runs, sizes, peers: values.peers === true, json: values.json, pdfRuns, reloadEdits,
    ...(crowd.sockets !== undefined ? { crowd: { sockets: crowd.sockets, loads, moves } } : {}),
  };
}

/** Same content as /work/shared/bench/gen-peer-decks.mjs, so results stay comparable without shared/. */
function builtinDeck(dialect: Dialect, n: number): string {
  const pkgs = ['pytest', 'ruff', 'mypy', 'coverage', 'tox', 'nox', 'black', 'pip-tools', 'hatch', 'twine'];
  const topics = ['Linting', 'Unit tests', 'Caching', 'Matrix builds', 'Artifacts', 'Secrets', 'Releases', 'Coverage', 'Type checks', 'Docs'];
  const slides: string[] = [];
  for (let i = 1; i <= n; i++) {
    const pkg = pkgs[i % pkgs.length] ?? '';
    const parts = [
      `## Slide ${i}. ${topics[i % topics.length]}`,
      `- Install **${pkg}** with \`pip install ${pkg}\` in the job\n- Run \`${pkg} --version\` first so the **log** shows the tool\n` +
        `- Cache \`~/.cache/pip\` to save **${(i % 9) + 1} minutes** per run\n- Pin versions in \`requirements-${i}.txt\` for **reproducible** builds`,
    ];
    if (i % 5 === 0) {
      parts.push(['```python', `def stage_${i}(items):`, `    """Process the items of stage ${i}."""`, '    total = 0', '    for item in items:', '        if item % 2 == 0:',
        `            total += item * ${i}`, '        else:', '            total -= item', `    print(f"stage ${i}: {total}")`, '    return total', '```'].join('\n'));
    }
    if (i % 7 === 0) {
      parts.push(['| Stage | Tool | Seconds | Result |', '| --- | --- | ---: | --- |', `| lint | \`ruff\` | ${i % 13} | **pass** |`, `| types | \`mypy\` | ${(i * 3) % 17} | **pass** |`,
        `| test | \`pytest\` | ${(i * 7) % 31} | **fail** |`, `| build | \`hatch\` | ${(i * 5) % 11} | skipped |`].join('\n'));
    }
    const note = `Remind the class that slide ${i} builds on the one before. Ask who has used ${pkg} in a real pipeline and give them two minutes.`;
    slides.push(`${parts.join('\n\n')}\n\n${dialect === 'reveal' ? `Note:\n${note}` : `<!--\n${note}\n-->`}`);
  }
  const header = dialect === 'reveal' ? `---\ntitle: Bench deck ${n}\n---\n\n` : `---\nmarp: true\ntitle: Bench deck ${n}\npaginate: true\n---\n\n`;
  return `${header}${slides.join('\n\n---\n\n')}\n`;
}

async function loadGenerator(): Promise<{ deck: DeckFn; source: string }> {
  const shared = join(ROOT, '..', 'shared', 'bench', 'gen-peer-decks.mjs');
  if (!existsSync(shared)) return { deck: builtinDeck, source: 'built-in (shared generator absent)' };
  const mod = (await import(pathToFileURL(shared).href)) as { deck: DeckFn };
  return { deck: mod.deck, source: shared };
}

/** Spawn to exit, wall clock; under GNU time when present, whose last stderr line is the max RSS. */
function timeProcess(argv: string[], cwd: string, withRss: boolean): Promise<Timed> {
  const useTime = withRss && existsSync(TIME);
  const [file = NODE, ...args] = useTime ? [TIME, '-f', '%M', ...argv] : argv;
  return new Promise((resolve, reject) => {
    let stderr = '';
    let ms = 0;
    const start = performance.now();
    const child = spawn(file, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('exit', () => { ms = performance.now() - start; });
    child.on('close', (code) => {
      const lines = stderr.trimEnd().split('\n');
      const last = lines.at(-1) ?? '';
      const rssKB = useTime && /^\d+$/.test(last) ? Number(last) : null;
      if (rssKB !== null) lines.pop();
      const own = useTime ? lines.filter((l) => !/^Command (exited with non-zero status|terminated by signal)/.test(l)) : lines; // GNU time's, not the tool's
      resolve({ ms, rssKB, code, stderr: own.join('\n').trim() });
    });
  });
}

/** One timed build; ok only if the tool exited 0 AND wrote a page holding the deck's last slide. */
async function runOnce(r: Runner, size: number, run: number, deck: string, out: string): Promise<Sample> {
  rmSync(out, { recursive: true, force: true }); // outside the clock: every run writes from scratch
  const t = await timeProcess(r.argv(deck, out), dirname(deck), true);
  const sample: Sample = { tool: r.tool, size, run, warmup: run === 0, ms: t.ms, rssKB: t.rssKB, ok: false };
  const page = r.output(deck, out);
  if (t.code !== 0) sample.error = `exit ${t.code}: ${t.stderr.slice(-400)}`;
  else if (!existsSync(page)) sample.error = `no output file ${page}`;
  else if (!readFileSync(page, 'utf8').includes(`Slide ${size}.`)) sample.error = `${page} lacks the last slide`;
  else sample.ok = true;
  return sample;
}

/** Installs a peer into .bench/peers unless there; a failure is reported and that peer skipped. */
function ensurePeer(spec: string, pkg: string, bin: string): { script: string; version: string } | { error: string } {
  const link = join(PEERS_DIR, 'node_modules', '.bin', bin);
  if (!existsSync(link)) {
    mkdirSync(PEERS_DIR, { recursive: true });
    // A package.json of its own stops npm from treating the repo above as the project to install into.
    if (!existsSync(join(PEERS_DIR, 'package.json'))) writeFileSync(join(PEERS_DIR, 'package.json'), '{ "private": true }\n');
    console.log(`installing ${spec} into .bench/peers (a minute or two)…`);
    const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1' }; // HTML needs no browser
    const r = spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', spec], { env, encoding: 'utf8', timeout: 900_000 });
    if (r.status !== 0 || !existsSync(link)) {
      const why = r.error?.message ?? `exit ${r.status}`;
      return { error: `npm install ${spec} failed (${why}): ${(r.stderr ?? '').trim().split('\n').slice(-5).join(' | ')}` };
    }
  }
  const meta = JSON.parse(readFileSync(join(PEERS_DIR, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string; engines?: { node?: string } };
  console.log(`peer ${pkg}@${meta.version}: engines.node ${meta.engines?.node ?? '(any)'}, running on Node ${process.versions.node}`);
  return { script: realpathSync(link), version: meta.version };
}

function peerRunners(): Runner[] {
  const runners: Runner[] = [];
  const reveal = ensurePeer('reveal-md@6', 'reveal-md', 'reveal-md'); // 6.x declares ^20.9.0
  if ('error' in reveal) console.log(`skipping reveal-md: ${reveal.error}`);
  else runners.push({ tool: 'reveal-md', dialect: 'reveal', version: reveal.version, argv: (d, o) => [NODE, reveal.script, d, '--static', o],
    output: (d, o) => join(o, `${basename(d, '.md')}.html`) });
  const marp = ensurePeer('@marp-team/marp-cli@4', '@marp-team/marp-cli', 'marp'); // 4.x declares >=18
  if ('error' in marp) console.log(`skipping marp: ${marp.error}`);
  else runners.push({ tool: 'marp', dialect: 'marp', version: marp.version, argv: (d, o) => [NODE, marp.script, '--no-config-file', d, '-o', join(o, 'deck.html')],
    output: (_d, o) => join(o, 'deck.html') });
  return runners;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const measured = (samples: Sample[], tool: Tool, size: number) => samples.filter((s) => s.tool === tool && s.size === size && !s.warmup && s.ok);

/** `node -e 0` and `lectern --version` alternated, so drift in machine load hits both alike. */
async function startup(runs: number, cwd: string): Promise<{ node: number[]; lectern: number[] }> {
  const node: number[] = [];
  const lectern: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const a = await timeProcess([NODE, '-e', '0'], cwd, false);
    const b = await timeProcess([NODE, CLI, '--version'], cwd, false);
    if (b.code !== 0) throw new Error(`lectern --version failed: ${b.stderr}`);
    if (i === 0) continue; // warm-up: page cache
    node.push(a.ms);
    lectern.push(b.ms);
  }
  return { node, lectern };
}

async function main(): Promise<number> {
  const opts = parseOptions(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`node scripts/compile.mjs\` first`);
  if (opts.crowd) {
    console.log(`lectern · Node ${process.versions.node} · ${cpus().length}× ${cpus()[0]?.model ?? '?'} · load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    await runCrowdBench({ ...opts.crowd, ...(opts.json ? { json: opts.json } : {}) });
    return 0;
  }
  const generator = await loadGenerator();
  const theme = existsSync(join(ROOT, 'themes', 'course.css')) ? 'course' : 'white'; // the deck must name a theme that exists
  const version = readFileSync(join(ROOT, 'package.json'), 'utf8').match(/"version": "([^"]+)"/)?.[1] ?? '?';
  const runners: Runner[] = [{ tool: 'lectern', dialect: 'reveal', version, argv: (d, o) => [NODE, CLI, 'build', d, '--out', o, '--quiet'],
    output: (d, o) => join(o, basename(d, '.md'), 'index.html') }];
  // Load from other processes skews every number: printed so a noisy run can be recognised as such.
  console.log(`lectern ${version} · Node ${process.versions.node} · ${cpus().length}× ${cpus()[0]?.model ?? '?'} · load ${loadavg().map((l) => l.toFixed(1)).join(' ')} · theme ${theme} · decks from ${generator.source}`);
  if (opts.peers) runners.push(...peerRunners());
  if (!existsSync(TIME)) console.log(`note: ${TIME} not found, peak RSS not measured (apt-get install -y time)`);

  const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-'));
  process.once('SIGINT', () => { rmSync(tmp, { recursive: true, force: true }); process.exit(130); });
  const samples: Sample[] = [];
  let boot: { node: number[]; lectern: number[] };
  try {
    console.log(`${opts.runs} runs per size and tool, first discarded; tools alternate within each run: ${runners.map((r) => r.tool).join(', ')}\n`);
    for (const size of opts.sizes) {
      const decks = new Map<Tool, string>();
      for (const r of runners) {
        let text = generator.deck(r.dialect, size);
        if (r.tool === 'lectern') text = text.startsWith('---\n') ? text.replace('---\n', `---\ntheme: ${theme}\n`) : `---\ntheme: ${theme}\n---\n\n${text}`;
        mkdirSync(join(tmp, r.tool), { recursive: true });
        const file = join(tmp, r.tool, `deck-${size}.md`);
        writeFileSync(file, text);
        decks.set(r.tool, file);
      }
      for (let run = 0; run < opts.runs; run++) {
        for (const r of runners) {
          const s = await runOnce(r, size, run, decks.get(r.tool) ?? '', join(tmp, r.tool, `out-${size}`));
          if (!s.ok) console.log(`✗ ${r.tool} ${size} slides, run ${run}: ${s.error}`);
          samples.push(s);
        }
      }
    }
    boot = await startup(15, tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  console.log('lectern build (whole process, median of measured runs)');
  const rows = opts.sizes.map((size) => {
    const ok = measured(samples, 'lectern', size);
    const ms = ok.map((s) => s.ms);
    const rss = Math.max(...ok.map((s) => s.rssKB ?? Number.NaN)) / 1024;
    return [`${size} slides`, `${ok.length}`, fmt(median(ms)), fmt(Math.min(...ms)), fmt(Math.max(...ms)), fmt(rss, 1), fmt(median(ms) / size, 3)];
  });
  printTable(['deck', 'runs', 'median ms', 'min ms', 'max ms', 'peak RSS MB', 'ms/slide'], rows);
  const med = (tool: Tool, size: number) => median(measured(samples, tool, size).map((s) => s.ms));
  const checks: Record<string, { value: number; target: string; pass: boolean }> = {};
  if (opts.sizes.includes(200) && opts.sizes.includes(1000)) {
    const ratio = med('lectern', 1000) / 1000 / (med('lectern', 200) / 200);
    checks['cost per slide flat 200→1000'] = { value: ratio, target: '≤ 1.25', pass: ratio <= 1.25 };
    // The ratio above includes fixed costs (start-up, asset copy); the marginal cost shows the per-slide work alone.
    const marginal = (med('lectern', 1000) - med('lectern', 200)) / 800;
    console.log(`\ncost per slide flat from 200 to 1000: ms/slide(1000) / ms/slide(200) = ${fmt(ratio, 2)} (target ≤ 1.25) ${verdict(ratio <= 1.25)}`);
    console.log(`  marginal cost 200→1000: ${fmt(marginal, 3)} ms per added slide`);
  }

  const bootRatio = median(boot.lectern) / median(boot.node);
  checks['start-up vs node -e 0'] = { value: bootRatio, target: '≤ 2', pass: bootRatio <= 2 };
  console.log(`\nstart-up (median of ${boot.node.length}): node -e 0 ${fmt(median(boot.node), 1)} ms, lectern --version ${fmt(median(boot.lectern), 1)} ms,` +
    ` ratio ${fmt(bootRatio, 2)}× (target ≤ 2×) ${verdict(bootRatio <= 2)}`);

  const peers = runners.filter((r) => r.tool !== 'lectern');
  if (peers.length > 0) {
    console.log(`\npeers (median ms; ratio = lectern / peer, lower is better for lectern)`);
    const head = ['deck', 'lectern', ...peers.flatMap((p) => [`${p.tool} ${p.version}`, `lectern/${p.tool}`])];
    printTable(head, opts.sizes.map((size) => [`${size} slides`, fmt(med('lectern', size)), ...peers.flatMap((p) => {
      const failed = samples.filter((s) => s.tool === p.tool && s.size === size && !s.ok).length;
      const m = med(p.tool, size);
      return [failed > 0 ? `${fmt(m)} (${failed} failed)` : fmt(m), fmt(med('lectern', size) / m, 2)];
    })]));
    if (peers.some((p) => p.tool === 'reveal-md') && opts.sizes.includes(200)) {
      const r = med('lectern', 200) / med('reveal-md', 200);
      checks['200 slides vs reveal-md --static'] = { value: r, target: '≤ 0.333', pass: r <= 1 / 3 };
      console.log(`\nlectern 200-slide build ≤ ⅓ of reveal-md --static: ${fmt(r, 2)} ${verdict(r <= 1 / 3)}`);
    }
    for (const p of peers) {
      const rss = Math.max(...samples.filter((s) => s.tool === p.tool && s.ok).map((s) => s.rssKB ?? Number.NaN)) / 1024;
      console.log(`peak RSS ${p.tool}: ${fmt(rss, 1)} MB`);
    }
  }

  const jsonPath = opts.json ?? join(ROOT, '.bench', `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(jsonPath), { recursive: true });
  const meta = { date: new Date().toISOString(), node: process.versions.node, cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), theme, generator: generator.source };
  const tools = Object.fromEntries(runners.map((r) => [r.tool, r.version]));
  writeFileSync(jsonPath, `${JSON.stringify({ meta, options: opts, tools, checks, startup: boot, samples }, null, 2)}\n`);
  console.log(`\nall samples → ${jsonPath}`);
  if (opts.pdfRuns > 0) {
    const pdfSizes = opts.sizes.filter((n) => n <= 200);
    await runExportBench({ runs: opts.pdfRuns, sizes: pdfSizes.length > 0 ? pdfSizes : [50], peers: opts.peers });
  }
  if (opts.reloadEdits > 0) await runReloadBench({ edits: opts.reloadEdits, memoryEdits: 1000, peers: opts.peers });
  const lecternFailed = samples.some((s) => s.tool === 'lectern' && !s.ok);
  if (lecternFailed) console.log('lectern failed to build at least one deck: exit 1');
  return lecternFailed ? 1 : 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (cause: unknown) => {
    console.error(`bench: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exitCode = 2;
  },
);
