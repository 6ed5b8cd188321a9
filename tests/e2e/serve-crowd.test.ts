import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_UNSENT_BYTES } from '../../src/server/live-hub.js';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

// A lecture hall of devices, on loopback: caching and compression of the deck's files, slow and
// stalled clients, and a room of a few hundred windows. Timeouts are shortened so the slow
// clients are caught in seconds; the figures of a full room belong to `npm run bench -- --crowd`.
const TIMEOUTS = { headersMs: 1000, requestMs: 2000, idleMs: 1500, checkEveryMs: 100 };
const slide = (n: number) => `## Slide ${n}\n\n- a point about **${n}** with \`code\`\n- and another one\n\nNote: notes of slide ${n}`;
const DECK = ['---', 'title: Crowd', '---', '', ...Array.from({ length: 12 }, (_, i) => slide(i + 1)).join('\n\n---\n\n').split('\n'), ''].join('\n');

let server: LiveServer;
let deckFile: string;
let port: number;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request on a connection of its own, with exactly the headers given (fetch would add and decode). */
function ask(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(`${server.url}${path}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

/** A websocket client, as a phone in the room would open one; records the slides it is moved to. */
async function audience(): Promise<{ ws: WebSocket; slides: number[] }> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/__lectern/ws`);
  const slides: number[] = [];
  let welcomed = false;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; state?: { h: number } };
    if (message.type === 'welcome') welcomed = true;
    if (message.type === 'state' && message.state) slides.push(message.state.h);
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ type: 'hello', slug: 'crowd', role: 'audience' }));
  await waitFor(() => welcomed, 20_000);
  return { ws, slides };
}

/** A raw TCP connection to the server, for clients no library would write. */
async function rawConnection(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return socket;
}

/** A client text frame; clients must mask, and a zero mask leaves the payload as it is. */
function clientFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('short frames only');
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
}

beforeAll(async () => {
  const work = tempDir();
  deckFile = join(work, 'crowd.md');
  writeFileSync(deckFile, DECK);
  // A deck that never built: its page is the problem page, made per request.
  const brokenFile = join(work, 'broken.md');
  writeFileSync(brokenFile, '# One\n\n:::activity{title="Lab" time="5m"}\nnever closed\n');
  server = await startLiveServer({ files: [deckFile, brokenFile], host: '127.0.0.1', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals'), httpTimeouts: TIMEOUTS });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
});

describe('lectern serve: caching and compression', () => {
  it.each(['/crowd/', '/crowd/assets/reveal.js', '/crowd/assets/theme.css', '/__lectern/presenter.js'])('gives %s a strong ETag and answers If-None-Match with 304 and no body', async (path) => {
    const first = await ask(path);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]{20,}"$/);
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    expect((await ask(path)).headers.etag).toBe(first.headers.etag);
    const again = await ask(path, { 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('no-cache');
    expect((await ask(path, { 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('gives the page a new ETag when the deck is saved, so the old one gets the new page', async () => {
    const before = await ask('/crowd/');
    const conditional = { 'if-none-match': String(before.headers.etag) };
    expect((await ask('/crowd/', conditional)).status).toBe(304);
    writeFileSync(deckFile, DECK.replace('## Slide 3', '## Slide 3, saved again'));
    let after = await ask('/crowd/', conditional);
    for (const end = Date.now() + 10_000; after.status === 304 && Date.now() < end; after = await ask('/crowd/', conditional)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.body.toString()).toContain('saved again');
    writeFileSync(deckFile, DECK);
    for (const end = Date.now() + 10_000; (await ask('/crowd/', conditional)).status !== 304 && Date.now() < end; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The same bytes again, the same ETag: the tag is the content's, not the build's.
    expect((await ask('/crowd/', conditional)).status).toBe(304);
  });

  it.each(['/crowd/', '/crowd/assets/reveal.js', '/crowd/assets/reveal.css'])('sends %s gzipped and brotli-compressed, each decoding to the plain bytes, with Vary', async (path) => {
    const plain = await ask(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    const gzipped = await ask(path, { 'accept-encoding': 'gzip, deflate' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toBe('Accept-Encoding');
    expect(gzipped.body.length).toBeLessThan(plain.body.length);
    expect(Number(gzipped.headers['content-length'])).toBe(gzipped.body.length);
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    const brotli = await ask(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    // Each encoding is its own representation, and any of them revalidates the same bytes.
    expect(new Set([plain.headers.etag, gzipped.headers.etag, brotli.headers.etag]).size).toBe(3);
    expect((await ask(path, { 'accept-encoding': 'gzip', 'if-none-match': String(brotli.headers.etag) })).status).toBe(304);
    expect((await ask(path, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get = await ask('/crowd/assets/reveal.js', { 'accept-encoding': 'gzip' });
    const head = await ask('/crowd/assets/reveal.js', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers.etag).toBe(get.headers.etag);
    expect(head.headers['content-length']).toBe(String(get.body.length));
    expect(head.headers['content-encoding']).toBe('gzip');
  });

  it('keeps pages made per request out of every cache, and its 403, 404 and 405', async () => {
    const presenter = await ask(`/crowd/presenter?token=${server.token}`);
    expect(presenter.status).toBe(200);
    expect(presenter.headers['cache-control']).toBe('no-store');
    expect(presenter.headers.etag).toBeUndefined();
    expect((await ask('/')).headers['cache-control']).toBe('no-store');
    const problems = await ask('/broken/');
    expect(problems.status).toBe(200);
    expect(problems.headers['cache-control']).toBe('no-store');
    expect(problems.headers.etag).toBeUndefined();
    expect((await ask('/crowd/presenter')).status).toBe(403);
    expect((await ask('/crowd/presenter')).headers['cache-control']).toBe('no-store');
    expect((await ask('/crowd/nope.js')).status).toBe(404);
    expect((await ask('/crowd/', {}, 'POST')).status).toBe(405);
    expect((await ask('/crowd/', { host: 'evil.example' })).status).toBe(403);
  });
});

describe('lectern serve: slow and stalled clients', () => {
  it('closes a connection that never finishes its headers, and answers others meanwhile', async () => {
    const slow = await rawConnection();
    let closed = false;
    slow.on('close', () => (closed = true)).on('error', () => undefined);
    const started = Date.now();
    slow.write(`GET /crowd/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    // A header line now and then keeps the socket from idling: only the headers timeout can end it.
    const trickle = setInterval(() => slow.writable && slow.write(`X-Slow-${Date.now()}: 1\r\n`), 200);
    try {
      for (let i = 0; i < 5; i++) expect((await ask('/crowd/')).status).toBe(200);
      await waitFor(() => closed, 15_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUTS.headersMs * 0.9);
    } finally {
      clearInterval(trickle);
      slow.destroy();
    }
  });

  it('drops a window that sends hellos and never reads, with its unsent bytes bounded', async () => {
    const baseline = server.stats().connections;
    const socket = await rawConnection();
    let closed = false;
    socket.on('close', () => (closed = true)).on('error', () => undefined);
    const key = randomBytes(16).toString('base64');
    socket.write(`GET /__lectern/ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    const handshake = await new Promise<string>((resolve) => {
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        socket.pause(); // from here on this client never reads again
        resolve(head);
      };
      socket.on('data', onData);
    });
    expect(handshake).toMatch(/^HTTP\/1\.1 101/);
    await waitFor(() => server.stats().connections === baseline + 1);

    const hellos = Buffer.concat(Array.from({ length: 2000 }, () => clientFrame(JSON.stringify({ type: 'hello', slug: 'crowd', role: 'audience' }))));
    let mostUnsent = 0;
    const end = Date.now() + 45_000;
    while (!closed && server.stats().connections > baseline && Date.now() < end) {
      if (!socket.write(hellos)) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setImmediate(resolve));
      mostUnsent = Math.max(mostUnsent, server.stats().unsentBytes);
    }
    expect(server.stats().connections).toBe(baseline);
    // The replies did pile up (the client really stalled), and never past the bound and one
    // more reply: the server drops the window instead of buffering for it (seen between reads).
    expect(mostUnsent).toBeGreaterThan(0);
    expect(mostUnsent).toBeLessThanOrEqual(MAX_UNSENT_BYTES + 64 * 1024);
    // When the window reads again, it finds its connection closed (and its page reconnects).
    socket.resume();
    await waitFor(() => closed, 10_000);
    await waitFor(() => server.stats().unsentBytes === 0);
    expect((await ask('/crowd/')).status).toBe(200);
  });
});

describe('lectern serve: a room of windows', () => {
  it('moves 250 audience sockets with the presenter, after more than the idle timeout', async () => {
    const baseline = server.stats().connections;
    const room: { ws: WebSocket; slides: number[] }[] = [];
    for (let i = 0; i < 250; i += 50) room.push(...(await Promise.all(Array.from({ length: 50 }, () => audience()))));
    const presenter = new WebSocket(`${server.url.replace('http', 'ws')}/__lectern/ws`);
    await new Promise((resolve) => presenter.once('open', resolve));
    presenter.send(JSON.stringify({ type: 'hello', slug: 'crowd', role: 'presenter', token: server.token }));
    // Websockets are not idle HTTP sockets: the idle timeout must not close them.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUTS.idleMs + 1000));
    expect(server.stats().connections).toBe(baseline + 251);
    presenter.send(JSON.stringify({ type: 'navigate', h: 4, v: 0, f: -1 }));
    await waitFor(() => room.every((window) => window.slides.includes(4)), 20_000);
    for (const window of [...room.map((w) => w.ws), presenter]) window.close();
    await waitFor(() => server.stats().connections === baseline, 10_000);
  });
});
