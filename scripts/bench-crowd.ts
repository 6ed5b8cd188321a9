// Benchmark of a lecture hall: `lectern serve` (a child process, so its memory is its own) on a
// 50-slide deck, with N audience websockets and one presenter. The presenter moves 30 times;
// for every audience socket the time from the presenter's send to the `state` message arriving
// is recorded (p50/p95/max). The server's resident memory is read from /proc before, during and
// after; and the deck's page (index.html and every file it references) is loaded by many
// clients at once, cold and then revalidated with the ETags (304s). Run through
// `npm run bench -- --crowd [N]` (bench.ts calls runCrowdBench), or alone:
//   node lib/scripts/bench-crowd.js [--sockets 1000] [--loads 500] [--moves 30] [--json PATH]
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get, type IncomingHttpHeaders } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

export interface CrowdBenchOptions {
  /** Audience websockets. */
  sockets: number;
  /** Clients loading the page at the same moment. */
  loads: number;
  /** Presenter moves, each sent to every audience socket. */
  moves: number;
  json?: string;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'lib', 'cli', 'bin.js');
const SHARED_GENERATOR = join(ROOT, '..', 'shared', 'bench', 'gen-peer-decks.mjs');
const NODE = process.execPath;
const TOKEN = 'crowd-bench-presenter-token';
const SLIDES = 50;
const SLUG = `deck-${SLIDES}`;
/** Connections opened at once: a burst of thousands would measure the listen backlog, not lectern. */
const CONNECT_CONCURRENCY = 100;
/** A browser opens up to six connections to one server. */
const BROWSER_CONNECTIONS = 6;
/** What browsers send over plain http (they advertise brotli only over https). */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate';
const FAN_OUT_TARGET_MS = 100;

interface Spread { p50: number; p95: number; max: number; count: number }
interface PageLoads { clients: number; files: number; totalMs: number; perClient: Spread; wireBytes: number; statuses: Record<string, number> }

function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
}

/** The server's resident memory, from /proc (Linux). */
function rssMB(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return Number.NaN;
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
}

/** CPU time a process has used, in ms, from /proc (Linux; clock ticks are 10 ms). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined || !existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat(5); 12 and 13 once pid and comm are cut off.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Connections the kernel dropped because a listen queue was full (system-wide, Linux): each one
 * costs its client a SYN retransmission, a second or more.
 */
function listenOverflows(): number {
  if (!existsSync('/proc/net/netstat')) return Number.NaN;
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:')).map((l) => l.split(/\s+/));
  const at = names?.indexOf('ListenOverflows') ?? -1;
  return at < 0 ? Number.NaN : Number(values?.[at]);
}

/** The soft limit on open files: every socket is one, on both sides. */
function openFileLimit(): number {
  const line = existsSync('/proc/self/limits') ? readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files')) : undefined;
  const soft = line?.split(/\s{2,}/)[1];
  return soft === undefined || soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

async function deckText(): Promise<{ text: string; source: string }> {
  if (existsSync(SHARED_GENERATOR)) {
    const mod = (await import(pathToFileURL(SHARED_GENERATOR).href)) as { deck(dialect: 'reveal', n: number): string };
    return { text: mod.deck('reveal', SLIDES), source: SHARED_GENERATOR };
  }
  const slides = Array.from({ length: SLIDES }, (_, i) => `## Slide ${i + 1}\n\n- point **${i + 1}** with \`code\`\n- another point\n\nNote:\nnotes of slide ${i + 1}`);
  return { text: `---\ntitle: Crowd deck\n---\n\n${slides.join('\n\n---\n\n')}\n`, source: 'built-in (shared generator absent)' };
}

async function startServer(dir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(NODE, [CLI, 'serve', `${SLUG}.md`, '--port', '0', '--token', TOKEN], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /lectern serve: (http:\/\/[^/\s]+)\//.exec(out);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`lectern serve exited (${code}): ${stderr.trim().slice(-400)}`)));
  });
  return { child, url };
}

async function inBatches<T>(count: number, batch: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const made: T[] = [];
  for (let start = 0; start < count; start += batch) {
    made.push(...(await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, k) => make(start + k)))));
  }
  return made;
}

/** The files a page references by a relative URL: what a browser fetches after the HTML. */
function referencedFiles(html: string, pageUrl: string): string[] {
  const found = new Set<string>();
  for (const [, ref = ''] of html.matchAll(/(?:src|href)="([^"#?]+)"/g)) {
    if (/^(?:[a-z]+:|\/\/|#)/i.test(ref)) continue;
    found.add(new URL(ref, pageUrl).href);
  }
  return [...found];
}

interface Fetched { status: number; headers: IncomingHttpHeaders; bytes: number; body: string }

function fetchOnce(url: string, agent: Agent, headers: Record<string, string>, keepBody: boolean): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING, ...headers } }, (response) => {
      let bytes = 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (keepBody) chunks.push(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/**
 * `clients` devices load the page at the same moment, each over its own connections (up to six,
 * as a browser): the HTML, then every file it references. With `etags`, each request carries the
 * ETag of the cold load (a reload: the server answers 304 and sends no body).
 */
async function loadPages(pageUrl: string, files: string[], clients: number, etags?: Map<string, string>): Promise<PageLoads> {
  const statuses: Record<string, number> = {};
  let wireBytes = 0;
  const count = (f: Fetched) => {
    statuses[f.status] = (statuses[f.status] ?? 0) + 1;
    wireBytes += f.bytes;
  };
  const started = performance.now();
  const times = await Promise.all(Array.from({ length: clients }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: BROWSER_CONNECTIONS });
    const conditional = (url: string): Record<string, string> => {
      const tag = etags?.get(url);
      return tag ? { 'if-none-match': tag } : {};
    };
    const t0 = performance.now();
    try {
      count(await fetchOnce(pageUrl, agent, conditional(pageUrl), false));
      for (const f of await Promise.all(files.map((file) => fetchOnce(file, agent, conditional(file), false)))) count(f);
      return performance.now() - t0;
    } finally {
      agent.destroy();
    }
  }));
  return { clients, files: files.length + 1, totalMs: performance.now() - started, perClient: spread(times), wireBytes, statuses };
}

function openSocket(wsUrl: string, hello: object, onState: (h: number, at: number) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    ws.on('message', (data) => {
      const at = performance.now();
      const message = JSON.parse(String(data)) as { type: string; state?: { h: number } };
      if (message.type === 'welcome') resolve(ws);
      else if (message.type === 'state' && message.state) onState(message.state.h, at);
    });
    ws.once('open', () => ws.send(JSON.stringify(hello)));
    ws.once('error', reject);
  });
}

export async function runCrowdBench(options: CrowdBenchOptions): Promise<void> {
  const limit = openFileLimit();
  const needed = Math.max(options.sockets, options.loads * BROWSER_CONNECTIONS) + 100;
  console.log(`\nlecture hall: ${options.sockets} audience websockets + 1 presenter, ${options.moves} moves; ${options.loads} page loads at once; ${SLIDES}-slide deck`);
  let sockets = options.sockets;
  let loads = options.loads;
  if (needed > limit) {
    // The server's process inherits the same limit: past it, accept() fails and the numbers lie.
    sockets = Math.min(sockets, limit - 100);
    loads = Math.min(loads, Math.floor((limit - 100) / BROWSER_CONNECTIONS));
    console.log(`  open-file limit (ulimit -n) is ${limit}, too low for this crowd: running ${sockets} sockets and ${loads} page loads (raise it with ulimit -n ${needed})`);
  } else console.log(`  open-file limit (ulimit -n) ${limit}: enough for ${needed} sockets`);

  const { text, source } = await deckText();
  const tmp = mkdtempSync(join(tmpdir(), 'lectern-bench-crowd-'));
  writeFileSync(join(tmp, `${SLUG}.md`), text);
  const { child, url } = await startServer(tmp);
  const open: WebSocket[] = [];
  try {
    const pid = child.pid;
    await new Promise((r) => setTimeout(r, 500));
    const rss: Record<string, number> = { idle: rssMB(pid) };

    const pageUrl = `${url}/${SLUG}/`;
    const first = await fetchOnce(pageUrl, new Agent(), { 'accept-encoding': 'identity' }, true);
    const files = referencedFiles(first.body, pageUrl);
    const etags = new Map<string, string>();
    const plainBytes = new Map<string, number>();
    for (const file of [pageUrl, ...files]) {
      const plain = await fetchOnce(file, new Agent(), { 'accept-encoding': 'identity' }, false);
      plainBytes.set(file, plain.bytes);
      const encoded = await fetchOnce(file, new Agent(), {}, false);
      if (typeof encoded.headers.etag === 'string') etags.set(file, encoded.headers.etag);
    }
    const pageBytes = [...plainBytes.values()].reduce((a, b) => a + b, 0);
    const overflowsBefore = listenOverflows();
    const cold = await loadPages(pageUrl, files, loads);
    const revalidated = await loadPages(pageUrl, files, loads, etags);
    const overflows = listenOverflows() - overflowsBefore;
    rss.afterPageLoads = rssMB(pid);

    const wsUrl = `${url.replace('http', 'ws')}/__lectern/ws`;
    let move = -1;
    let sentAt = 0;
    let arrived = 0;
    const latencies: number[] = [];
    const roomComplete: number[] = [];
    const onState = (h: number, at: number) => {
      if (h !== move) return;
      latencies.push(at - sentAt);
      arrived += 1;
      if (arrived === sockets) roomComplete.push(at - sentAt);
    };
    const connectStart = performance.now();
    open.push(...(await inBatches(sockets, CONNECT_CONCURRENCY, () => openSocket(wsUrl, { type: 'hello', slug: SLUG, role: 'audience' }, onState))));
    const connectMs = performance.now() - connectStart;
    const presenter = await openSocket(wsUrl, { type: 'hello', slug: SLUG, role: 'presenter', token: TOKEN }, () => undefined);
    open.push(presenter);
    await new Promise((r) => setTimeout(r, 500));
    rss.afterConnecting = rssMB(pid);

    let missed = 0;
    const serverCpuBefore = cpuMs(pid);
    const clientCpuBefore = process.cpuUsage();
    for (let i = 1; i <= options.moves; i++) {
      move = i % SLIDES;
      arrived = 0;
      sentAt = performance.now();
      presenter.send(JSON.stringify({ type: 'navigate', h: move, v: 0, f: -1 }));
      const end = Date.now() + 5000;
      while (arrived < sockets && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
      missed += sockets - arrived;
      await new Promise((r) => setTimeout(r, 100));
    }
    // Per move: the server's work to send one state to every socket, and this process's to receive them.
    const serverCpuPerMove = (cpuMs(pid) - serverCpuBefore) / options.moves;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const clientCpuPerMove = (clientCpu.user + clientCpu.system) / 1000 / options.moves;
    await new Promise((r) => setTimeout(r, 500));
    rss.afterFanOut = rssMB(pid);

    const fanOut = spread(latencies);
    const room = spread(roomComplete);
    const pass = fanOut.p95 <= FAN_OUT_TARGET_MS;
    console.log(`  server: lectern serve (child process ${pid}), deck from ${source}`);
    printTable(['fan-out (navigate → state)', 'p50 ms', 'p95 ms', 'max ms', 'samples'], [
      [`every socket (${sockets} × ${options.moves})`, fmt(fanOut.p50, 1), fmt(fanOut.p95, 1), fmt(fanOut.max, 1), `${fanOut.count}`],
      ['whole room (last socket)', fmt(room.p50, 1), fmt(room.p95, 1), fmt(room.max, 1), `${room.count}`],
    ]);
    console.log(`  fan-out p95 ≤ ${FAN_OUT_TARGET_MS} ms for ${sockets} windows: ${pass ? 'PASS' : 'FAIL'}${missed > 0 ? ` (${missed} state messages never arrived)` : ''}; ${sockets} sockets connected in ${fmt(connectMs)} ms`);
    console.log(`  CPU per move: server ${fmt(serverCpuPerMove, 1)} ms, this process receiving ${fmt(clientCpuPerMove, 1)} ms (both on ${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)})`);
    printTable([`page load (${files.length + 1} files, ${fmt(pageBytes / 1024)} KB plain)`, 'clients', 'p50 ms', 'p95 ms', 'max ms', 'total ms', 'body KB', 'statuses'], [
      ['cold (gzip)', `${cold.clients}`, fmt(cold.perClient.p50), fmt(cold.perClient.p95), fmt(cold.perClient.max), fmt(cold.totalMs), fmt(cold.wireBytes / 1024), JSON.stringify(cold.statuses)],
      ['reload (If-None-Match)', `${revalidated.clients}`, fmt(revalidated.perClient.p50), fmt(revalidated.perClient.p95), fmt(revalidated.perClient.max), fmt(revalidated.totalMs), fmt(revalidated.wireBytes / 1024), JSON.stringify(revalidated.statuses)],
    ]);
    console.log(`  listen queue overflows during the page loads (system-wide): ${fmt(overflows)}`);
    console.log(`  server RSS: ${fmt(rss.idle, 1)} MB idle, ${fmt(rss.afterPageLoads, 1)} MB after the page loads, ${fmt(rss.afterConnecting, 1)} MB with ${sockets} sockets, ${fmt(rss.afterFanOut, 1)} MB after the fan-out`);

    const jsonPath = options.json ?? join(ROOT, '.bench', `crowd-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(dirname(jsonPath), { recursive: true });
    const meta = { date: new Date().toISOString(), node: process.versions.node, cpus: cpus().length, cpu: cpus()[0]?.model, loadavg: loadavg(), openFileLimit: limit, generator: source };
    const result = { meta, options: { ...options, sockets, loads }, fanOut, roomComplete: room, missed, cpuPerMoveMs: { server: serverCpuPerMove, client: clientCpuPerMove }, connectMs, pageBytes, cold, revalidated, listenOverflows: overflows, rssMB: rss, check: { target: `fan-out p95 ≤ ${FAN_OUT_TARGET_MS} ms`, pass }, latencies };
    writeFileSync(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    console.log(`  all samples → ${jsonPath}`);
  } finally {
    for (const ws of open) ws.terminate();
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
    rmSync(tmp, { recursive: true, force: true });
  }
}

const fmt = (x: number | undefined, digits = 0) => (x !== undefined && Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

function printTable(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ')}`;
  console.log(line(head));
  console.log(`  ${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  const { values } = parseArgs({ options: { sockets: { type: 'string', default: '1000' }, loads: { type: 'string', default: '500' }, moves: { type: 'string', default: '30' }, json: { type: 'string' } } });
  runCrowdBench({ sockets: Number(values.sockets), loads: Number(values.loads), moves: Number(values.moves), ...(values.json ? { json: values.json } : {}) }).catch((cause: unknown) => {
    console.error(`bench-crowd: ${cause instanceof Error ? cause.message : String(cause)}`);
    process.exitCode = 2;
  });
}
