import { get } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type LiveServer, startLiveServer } from '../../src/server/live-server.js';
import { tempDir } from '../helpers/cli.js';
import { waitFor } from '../helpers/wait.js';

// A room of devices: windows from elsewhere than the serving machine are simulated from a second
// loopback address (127.0.0.2; no traffic leaves this machine), which this server takes as remote.
const REMOTE = '127.0.0.2';
const isLocal = (address: string | undefined) => address === '127.0.0.1' || address === '::ffff:127.0.0.1';
const TOKEN = 'presenter-token-for-tests';
const GOOD = '# One\n\ntext\n\n---\n\n# Two\n';
const BROKEN = '# One\n\n:::activity{title="Lab" time="5m"}\nnever closed\n';

let work: string;
let server: LiveServer;
let brokenServer: LiveServer;

function connect(url: string, hello: object, from?: string): Promise<{ ws: WebSocket; types: string[]; texts: string[] }> {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/__lectern/ws`, from ? { localAddress: from } : {});
  const types: string[] = [];
  const texts: string[] = [];
  ws.on('message', (data) => {
    texts.push(String(data));
    types.push((JSON.parse(String(data)) as { type: string }).type);
  });
  return new Promise((resolve) => ws.once('open', () => {
    ws.send(JSON.stringify(hello));
    resolve({ ws, types, texts });
  }));
}

function page(url: string, from: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, { localAddress: from }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  work = tempDir();
  writeFileSync(join(work, 'talk.md'), GOOD);
  writeFileSync(join(work, 'broken.md'), BROKEN);
  const common = { host: '0.0.0.0', port: 0, rehearse: false, rehearsalsDir: join(work, 'rehearsals'), token: TOKEN, isLocal };
  server = await startLiveServer({ ...common, files: [join(work, 'talk.md')] });
  brokenServer = await startLiveServer({ ...common, files: [join(work, 'broken.md')] });
});

afterAll(async () => {
  await server?.close();
  await brokenServer?.close();
});

const local = (s: LiveServer) => s.url.replace('0.0.0.0', '127.0.0.1');

describe('the audience sees slides, never problems', () => {
  it('sends a broken save to the presenter and to windows on this machine, not to the room', async () => {
    const url = local(server);
    const room = await connect(url, { type: 'hello', slug: 'talk', role: 'audience' }, REMOTE);
    const here = await connect(url, { type: 'hello', slug: 'talk', role: 'audience' });
    const presenter = await connect(url, { type: 'hello', slug: 'talk', role: 'presenter', token: TOKEN }, REMOTE);
    await waitFor(() => [room, here, presenter].every((c) => c.types.includes('welcome')), 8000);
    writeFileSync(join(work, 'talk.md'), BROKEN);
    await waitFor(() => here.types.includes('problems') && presenter.types.includes('problems'), 8000);
    expect(presenter.texts.find((t) => t.includes('"problems"'))).toContain('talk.md');
    // The room keeps its last good slides: no problem, no path reached it.
    await new Promise((r) => setTimeout(r, 300));
    expect(room.types).not.toContain('problems');
    expect(room.texts.join('')).not.toContain(work);
    // A window of the room that joins now is not told either; one on this machine is.
    const late = await connect(url, { type: 'hello', slug: 'talk', role: 'audience' }, REMOTE);
    const lateHere = await connect(url, { type: 'hello', slug: 'talk', role: 'audience' });
    await waitFor(() => lateHere.types.includes('problems'), 8000);
    expect(late.types).toEqual(['welcome']);
    writeFileSync(join(work, 'talk.md'), GOOD);
    await waitFor(() => here.types.includes('problems-cleared'), 8000);
    for (const c of [room, here, presenter, late, lateHere]) c.ws.close();
  });

  it('shows a deck that never built as "being prepared" to the room, and its problems only on this machine', async () => {
    const url = local(brokenServer);
    const forRoom = await page(`${url}/broken/`, REMOTE);
    expect(forRoom).toContain('being prepared');
    expect(forRoom).not.toContain('broken.md');
    expect(forRoom).not.toContain('never closed');
    const forHere = await page(`${url}/broken/`, '127.0.0.1');
    expect(forHere).toContain('broken.md:3:1');
    expect(await page(`${url}/`, REMOTE)).toContain('broken (being prepared)');
  });
});

function status(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('DNS rebinding', () => {
  it('refuses a request addressed to a foreign name, and a websocket from a foreign page', async () => {
    const url = local(server);
    const port = new URL(url).port;
    expect(await status(`${url}/talk/`, 'evil.example')).toBe(403);
    expect(await status(`${url}/talk/lectern-deck.json`, `evil.example:${port}`)).toBe(403);
    expect(await status(`${url}/talk/`, `localhost:${port}`)).toBe(200);
    expect(await status(`${url}/talk/`, `127.0.0.1:${port}`)).toBe(200);
    const foreign = new WebSocket(`${url.replace('http', 'ws')}/__lectern/ws`, { origin: 'http://evil.example' });
    expect(await new Promise((resolve) => { foreign.once('open', () => resolve('open')); foreign.once('error', () => resolve('refused')); })).toBe('refused');
    const ours = new WebSocket(`${url.replace('http', 'ws')}/__lectern/ws`, { origin: `http://127.0.0.1:${port}` });
    expect(await new Promise((resolve) => { ours.once('open', () => resolve('open')); ours.once('error', () => resolve('refused')); })).toBe('open');
    ours.close();
  });
});
