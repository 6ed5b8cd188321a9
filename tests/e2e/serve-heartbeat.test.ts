import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LiveHub } from '../../src/server/live-hub.js';
import { waitFor } from '../helpers/wait.js';

let hub: LiveHub;
let server: Server;
let url: string;

beforeAll(async () => {
  hub = new LiveHub({
    token: 'presenter-token-for-tests',
    heartbeatMs: 200,
    activitySeconds: () => undefined,
    problems: () => undefined,
    knownDeck: (slug) => slug === 'talk',
    saveRehearsal: () => Promise.resolve(''),
  });
  server = createServer();
  server.on('upgrade', (request, socket, head) => hub.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await hub.close();
  await new Promise((resolve) => server.close(resolve));
});

function join(options: WebSocket.ClientOptions): Promise<WebSocket> {
  const ws = new WebSocket(url, options);
  return new Promise((resolve) => ws.once('open', () => {
    ws.send(JSON.stringify({ type: 'hello', slug: 'talk', role: 'audience' }));
    resolve(ws);
  }));
}

describe('the room\'s heartbeat', () => {
  it('lets go of a window that stopped answering pings (a phone asleep) and keeps one that answers', async () => {
    const answering = await join({});
    const asleep = await join({ autoPong: false });
    await waitFor(() => hub.connections === 2, 2_000);
    let closed = false;
    asleep.on('close', () => (closed = true));
    await waitFor(() => closed && hub.connections === 1, 5_000);
    expect(answering.readyState).toBe(WebSocket.OPEN);
    answering.close();
  });
});
