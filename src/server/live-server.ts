import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join } from 'node:path';
import type { DiagramStage } from '../diagrams/deck-diagrams.js';
import { writeFileAtomic } from '../export/atomic-write.js';
import { slugOf } from '../export/compile-deck.js';
import { PACKAGE_ROOT } from '../export/package-files.js';
import { escapeHtml } from '../render/escape.js';
import { renderPresenterPage } from '../render/render-presenter.js';
import { DeckBuilder } from './deck-builder.js';
import { DeckHost } from './deck-host.js';
import { createIdleCollector } from './idle-collector.js';
import { LiveHub } from './live-hub.js';
import type { RehearsalRecording } from './protocol.js';
import type { SeparatorPatterns } from '../deck/separators.js';
import type { BuildCourse } from '../export/build-decks.js';
import { courseOverride } from '../course/course-decks.js';
import { sameToken } from './presenter-token.js';
import { renderServerIndex, renderProblemPage, renderWaitingPage } from './server-pages.js';
import { isLoopbackAddress } from './local-peer.js';
import { createHostCheck } from './allowed-hosts.js';
import { createDeckWatcher, type DeckWatcher } from './watch-decks.js';
import { CompressedBodies } from './compress.js';
import { NEVER_STORE } from './http-cache.js';
import { applyTimeouts, HTTP_TIMEOUTS, type HttpTimeouts, timeoutServerOptions } from './http-timeouts.js';
import { SECURITY_HEADERS, sendBody } from './send-body.js';
import { BuildBodies, DiskBodies, type ServedBody } from './served-bodies.js';

export interface LiveServerOptions {
  files: readonly string[];
  host: string;
  port: number;
  diagrams?: DiagramStage;
  separators?: Partial<SeparatorPatterns>;
  /** The folder's course.yaml: session lengths and theme over the decks', the index's heading, dates and order. */
  course?: BuildCourse;
  /** The presenter token; a random one when absent. */
  token?: string;
  /** Which addresses are the serving machine (they see a deck's problems); default: loopback. */
  isLocal?: (address: string | undefined) => boolean;
  rehearse: boolean;
  /** Where rehearsals are written (`<dir>/<slug>/<time>.json`). */
  rehearsalsDir: string;
  /** How long a deck's build may compute before it is stopped and reported (default: deck-builder.ts). */
  buildTimeLimitMs?: number;
  /** Extra folders to watch (lectern's themes). */
  watchDirs?: readonly string[];
  /** Limits on slow clients (tests shorten them); default HTTP_TIMEOUTS. */
  httpTimeouts?: Partial<HttpTimeouts>;
}

export interface LiveServerStats {
  /** Open websockets. */
  connections: number;
  /** Bytes written to websockets that the clients have not taken yet (what a stalled window costs). */
  unsentBytes: number;
  /** Deck and client files, and their compressed forms, kept in memory. */
  cachedBytes: number;
}

export interface LiveServer {
  url: string;
  token: string;
  hosts: ReadonlyMap<string, DeckHost>;
  /** Memory and connections, for the benchmark and tests. */
  stats(): LiveServerStats;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
};

/**
 * Connections the kernel may hold until the server accepts them. A room of devices loading the
 * deck at once (or reconnecting after a Wi-Fi hiccup) overflows Node's default of 511, and each
 * connection dropped then waits a second or more for its retry. Linux caps it at somaxconn.
 */
const LISTEN_BACKLOG = 4096;

/** Client files the server itself serves (never a path from the request). */
const CLIENT_FILES: Record<string, string> = {
  '/__lectern/presenter.js': join(PACKAGE_ROOT, 'lib', 'client', 'presenter.js'),
  '/__lectern/presenter.css': join(PACKAGE_ROOT, 'lib', 'client', 'presenter.css'),
  '/__lectern/lectern.js': join(PACKAGE_ROOT, 'lib', 'client', 'lectern.js'),
};

/**
 * `lectern serve`: builds the decks in memory (never into decks/), serves each at `/<slug>/`,
 * rebuilds on save and updates open windows in place, and relays the presenter's moves.
 */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  // A token kept per project comes from the CLI (presenter-token.ts); tests and one-off servers get a fresh one.
  const token = options.token ?? randomBytes(18).toString('base64url');
  const hosts = new Map<string, DeckHost>();
  const isLocal = options.isLocal ?? isLoopbackAddress;
  const hub = new LiveHub({
    token,
    isLocal,
    knownDeck: (slug) => hosts.has(slug),
    activitySeconds: (slug, id) => hosts.get(slug)?.current?.summary().slides.flatMap((s) => s.activities).find((a) => a.id === id)?.seconds,
    problems: (slug) => {
      const problems = hosts.get(slug)?.problems ?? [];
      return problems.length > 0 ? { type: 'problems', diagnostics: problems } : undefined;
    },
    saveRehearsal: async (slug, recording) => saveRehearsal(options.rehearsalsDir, slug, recording, hosts.get(slug)?.file ?? ''),
  });
  const collector = createIdleCollector();
  const { course } = options;
  const builder = new DeckBuilder({
    ...(options.diagrams ? { diagrams: options.diagrams } : {}),
    ...(options.separators ? { separators: options.separators } : {}),
    ...(course ? { course: (file: string) => courseOverride(course.file, file, course.theme) } : {}),
    ...(options.buildTimeLimitMs !== undefined ? { timeLimitMs: options.buildTimeLimitMs } : {}),
  });
  for (const file of options.files) {
    const slug = slugOf(file);
    const host = new DeckHost({
      file,
      builder,
      broadcast: (message) => {
        collector.poke();
        hub.broadcast(slug, message);
      },
    });
    hosts.set(slug, host);
  }
  await Promise.all([...hosts.values()].map((host) => host.rebuild()));

  const buildBodies = new BuildBodies();
  const diskBodies = new DiskBodies();
  const compressed = new CompressedBodies();
  const websockets = new Set<Duplex>();
  const timeouts = { ...HTTP_TIMEOUTS, ...options.httpTimeouts };

  const hostCheck = createHostCheck(options.host);
  const server = createServer(timeoutServerOptions(timeouts), (request, response) => {
    if (!hostCheck.allowsHost(request.headers.host)) {
      return send(response, 403, 'text/plain; charset=utf-8', 'lectern: this server answers only to its own addresses');
    }
    handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'lectern: internal error');
      else response.destroy();
    });
  });
  // A request the server cannot even parse must not bring it down.
  server.on('clientError', (_error, socket) => socket.destroy());
  applyTimeouts(server, timeouts);
  server.on('upgrade', (request, socket, head) => {
    const ours = hostCheck.allowsHost(request.headers.host) && hostCheck.allowsOrigin(request.headers.origin);
    if (ours && new URL(request.url ?? '/', 'http://x').pathname === '/__lectern/ws') {
      websockets.add(socket);
      socket.once('close', () => websockets.delete(socket));
      hub.handleUpgrade(request, socket, head);
    } else socket.destroy();
  });

  /** A deck or client file from disk; a file gone since the build is a 404, not a 500. */
  async function fromDisk(path: string): Promise<ServedBody | undefined> {
    return diskBodies.of(path).catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      throw cause;
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = safePath(url.pathname);
    if (path === undefined) return notFound(response);
    // Asked only where it matters: the peer's address costs a system call.
    const local = () => isLocal(request.socket.remoteAddress);
    if (path === '/') return send(response, 200, TYPES['.html'] ?? '', renderServerIndex([...hosts.values()], local(), options.course?.file));
    const client = CLIENT_FILES[path];
    if (client) {
      const body = await fromDisk(client);
      return body ? sendBody(request, response, body, TYPES[extname(client)] ?? 'application/octet-stream', compressed) : notFound(response);
    }
    const [, slug = '', ...rest] = path.split('/');
    const host = hosts.get(slug);
    if (!host) return notFound(response);
    const inner = rest.join('/');
    if (rest.length === 0) return redirect(response, `/${slug}/`);
    if (inner === 'presenter') {
      if (!sameToken(url.searchParams.get('token'), token)) return send(response, 403, 'text/plain; charset=utf-8', 'lectern: the presenter view needs the token printed when the server started');
      const title = host.current?.summary().title ?? slug;
      return send(response, 200, TYPES['.html'] ?? '', renderPresenterPage({ slug, title, token, rehearse: options.rehearse, lang: host.current?.compiled.built.meta.lang ?? 'en' }));
    }
    const build = host.current;
    if (inner === 'lectern-deck.json') {
      if (!build) return notFound(response);
      return sendBody(request, response, buildBodies.of(build, () => JSON.stringify(build.summary())), TYPES['.json'] ?? '', compressed);
    }
    const file = inner === '' ? 'index.html' : inner;
    if (!build && file === 'index.html') return send(response, 200, TYPES['.html'] ?? '', local() ? renderProblemPage(host) : renderWaitingPage(host));
    // The build's own entry, not a lookup by path: its bodies are made once and go with the build.
    const served = build?.files.get(file);
    if (!served) return notFound(response);
    const { content, from } = served;
    const body = content !== undefined ? buildBodies.of(served, () => content) : await fromDisk(from ?? '');
    if (!body) return notFound(response);
    return sendBody(request, response, body, TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', compressed);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const watcher: DeckWatcher = await createDeckWatcher([...hosts.values()], options.watchDirs ?? []);

  return {
    url: `http://${shownHost}:${address.port}`,
    token,
    hosts,
    stats: () => ({
      connections: hub.connections,
      unsentBytes: [...websockets].reduce((sum, socket) => sum + socket.writableLength, 0),
      cachedBytes: diskBodies.bytes + compressed.bytes,
    }),
    async close() {
      collector.stop();
      await watcher.close();
      await builder.close();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The request path, decoded and checked: a path with `..`, `.`, a backslash, a NUL or a
 * malformed escape is refused. Files are then only looked up among a deck's own build, so
 * nothing outside it (absolute paths, symlinks out) can be reached.
 */
export function safePath(raw: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || /[\\\0]/.test(decoded)) return undefined;
  const segments = decoded.split('/').slice(1);
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  return decoded;
}

async function saveRehearsal(dir: string, slug: string, recording: RehearsalRecording, file: string): Promise<string> {
  const target = join(dir, slug, `${new Date().toISOString().replace(/:/g, '-')}.json`);
  await writeFileAtomic(target, `${JSON.stringify({ ...recording, slug, file }, null, 2)}\n`);
  return target;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': NEVER_STORE,
    'content-length': Buffer.byteLength(body),
    ...SECURITY_HEADERS,
  });
  response.end(body);
}

function notFound(response: ServerResponse): void {
  send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location: escapeHtml(location) });
  response.end();
}
