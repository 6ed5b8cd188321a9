// Benchmark of `lectern serve`: latency from writing the deck file to the edited text being in
// an open page's DOM (200-slide deck, 20 edits, p50/p95), measured with the shared harness
// (../shared/bench/reload-latency.mjs) against lectern, and with --peers against
// `reveal-md --watch` and `marp --server` in the same run; then the server's memory after 10
// and after 1,000 edits. Run through `npm run bench` (bench.ts calls runReloadBench), or alone:
//   node lib/scripts/bench-reload.js [--edits 20] [--peers] [--memory-edits 1000]
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

export interface ReloadBenchOptions {
  edits: number;
  memoryEdits: number;
  peers: boolean;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'lib', 'cli', 'bin.js');
const SHARED = join(ROOT, '..', 'shared', 'bench');
const PEERS_BIN = join(ROOT, '.bench', 'peers', 'node_modules', '.bin');
const NODE = process.execPath;

interface Latency {
  tool: string;
  p50: number;
  p95: number;
  seen: number;
  runs: number;
}

function harness(tool: string, url: string, file: string, edits: number, cmd: string, cwd: string): Latency | undefined {
  const json = join(cwd, `${tool}-latency.json`);
  const result = spawnSync(NODE, [join(SHARED, 'reload-latency.mjs'), '--url', url, '--file', file, '--anchor', '## Slide 100.', '--runs', String(edits), '--settle', '400', '--cmd', cmd, '--cwd', cwd, '--json', json], {
    cwd: ROOT, // the harness resolves puppeteer-core from here
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (!existsSync(json)) {
    console.log(`  ${tool}: no result (${(result.stderr || result.stdout || '').trim().split('\n').slice(-3).join(' | ')})`);
    return undefined;
  }
  const { samples } = JSON.parse(readFileSync(json, 'utf8')) as { samples: { ms: number | null; seen?: boolean }[] };
  const times = samples.map((s) => s.ms).filter((ms): ms is number => typeof ms === 'number' && Number.isFinite(ms)).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] ?? Number.NaN;
  return { tool, p50: at(0.5), p95: at(0.95), seen: times.length, runs: samples.length };
}

/** The server's resident memory, from /proc (Linux). */
function rssMB(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function memoryAfterEdits(deck: string, dir: string, port: number, total: number): Promise<{ after10: number; after100: number; afterAll: number } | undefined> {
  const server: ChildProcess = spawn(NODE, [CLI, 'serve', deck, '--port', String(port)], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('lectern serve:') && resolve());
      server.once('exit', () => reject(new Error('lectern serve exited')));
    });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__lectern/ws`);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'hello', slug: 'deck-200', role: 'audience' }));
    const original = readFileSync(deck, 'utf8');
    let updates = 0;
    ws.on('message', (data) => {
      if (/"type":"(slides|deck)"/.test(String(data))) updates += 1;
    });
    const edit = async (i: number) => {
      const before = updates;
      writeFileSync(deck, original.replace('## Slide 100.', `## Slide 100. edit${i}`));
      const end = Date.now() + 5000;
      while (updates === before && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    };
    let after10 = Number.NaN;
    let after100 = Number.NaN;
    for (let i = 1; i <= total; i++) {
      await edit(i);
      if (i === 10 || i === 100) {
        await new Promise((r) => setTimeout(r, 1000));
        if (i === 10) after10 = rssMB(server.pid);
        else after100 = rssMB(server.pid);
      }
    }
    await new Promise((r) => setTimeout(r, 1000));
    const afterAll = rssMB(server.pid);
    ws.close();
    writeFileSync(deck, original);
    return { after10, after100, afterAll };
  } finally {
    server.kill('SIGINT');
  }
}

export async function runReloadBench(options: ReloadBenchOptions): Promise<void> {
  if (!existsSync(join(SHARED, 'reload-latency.mjs'))) {
    console.log('\nreload benchmark skipped: ../shared/bench/reload-latency.mjs is missing');
    return;
  }
  const generator = (await import(pathToFileURL(join(SHARED, 'gen-peer-decks.mjs')).href)) as { deck(d: 'reveal' | 'marp', n: number): string };
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-reload-'));
  try {
    console.log(`\nlive reload: 200-slide deck, ${options.edits} edits to slide 100 while the page shows it (harness: ../shared/bench/reload-latency.mjs)`);
    const results: Latency[] = [];
    const lecternDir = join(tmp, 'lectern');
    mkdirSync(lecternDir);
    const deck = join(lecternDir, 'deck-200.md');
    writeFileSync(deck, generator.deck('reveal', 200));
    const lectern = harness('lectern', 'http://127.0.0.1:4391/deck-200/#/99', deck, options.edits, `"${NODE}" "${CLI}" serve deck-200.md --port 4391`, lecternDir);
    if (lectern) results.push(lectern);
    if (options.peers) {
      const revealMd = join(PEERS_BIN, 'reveal-md');
      if (existsSync(revealMd)) {
        const dir = join(tmp, 'reveal-md');
        mkdirSync(dir);
        writeFileSync(join(dir, 'deck.md'), generator.deck('reveal', 200));
        const r = harness('reveal-md --watch', 'http://127.0.0.1:4392/deck.md#/99', join(dir, 'deck.md'), options.edits, `"${NODE}" "${realpathSync(revealMd)}" deck.md --watch --port 4392 --disable-auto-open`, dir);
        if (r) results.push(r);
      } else console.log('  reveal-md not installed in .bench/peers (npm run bench -- --peers installs it)');
      const marp = join(PEERS_BIN, 'marp');
      if (existsSync(marp)) {
        const dir = join(tmp, 'marp');
        mkdirSync(dir);
        writeFileSync(join(dir, 'deck.md'), generator.deck('marp', 200));
        const r = harness('marp --server', 'http://127.0.0.1:4393/deck.md', join(dir, 'deck.md'), options.edits, `PORT=4393 "${NODE}" "${realpathSync(marp)}" --no-config-file --server .`, dir);
        if (r) results.push(r);
      }
    }
    for (const r of results) console.log(`  ${r.tool.padEnd(18)} p50 ${r.p50.toFixed(0)} ms  p95 ${r.p95.toFixed(0)} ms  (${r.seen}/${r.runs} edits seen)`);
    if (lectern) {
      console.log(`  lectern p95 ≤ 150 ms: ${lectern.p95 <= 150 ? 'PASS' : 'FAIL'}`);
      const fastestPeer = results.filter((r) => r.tool !== 'lectern' && r.seen > 0).sort((a, b) => a.p95 - b.p95)[0];
      if (fastestPeer) {
        const factor = fastestPeer.p95 / lectern.p95;
        console.log(`  ${factor.toFixed(1)}× faster than the fastest peer (${fastestPeer.tool}) at p95: ${factor >= 5 ? 'PASS' : 'FAIL'} (target ≥ 5×)`);
      }
    }
    if (options.memoryEdits > 10) {
      const memory = await memoryAfterEdits(deck, lecternDir, 4394, options.memoryEdits);
      if (memory) {
        const growth = memory.afterAll / memory.after10 - 1;
        console.log(`  server memory (RSS): ${memory.after10.toFixed(1)} MB after 10 edits, ${memory.after100.toFixed(1)} MB after 100, ${memory.afterAll.toFixed(1)} MB after ${options.memoryEdits}`);
        console.log(`    10 → ${options.memoryEdits}: ${(growth * 100).toFixed(0)}% (target within 20%: ${Math.abs(growth) <= 0.2 ? 'PASS' : 'FAIL'}); 100 → ${options.memoryEdits}: ${((memory.afterAll / memory.after100 - 1) * 100).toFixed(0)}% (the trend after warm-up)`);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const { values } = parseArgs({ options: { edits: { type: 'string', default: '20' }, 'memory-edits': { type: 'string', default: '1000' }, peers: { type: 'boolean', default: false } } });
  runReloadBench({ edits: Number(values.edits), memoryEdits: Number(values['memory-edits']), peers: values.peers === true }).catch((cause: unknown) => {
    console.error(`bench-reload: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exitCode = 2;
  });
}
