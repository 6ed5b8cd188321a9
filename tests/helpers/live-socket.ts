import WebSocket from 'ws';
import { waitFor } from './wait.js';

/** A websocket client of `lectern serve`, as a phone or a second laptop opens one: says hello and waits for the answer. */
export async function openLiveSocket(serverUrl: string, hello: object): Promise<{ ws: WebSocket; messages: { type: string }[] }> {
  const ws = new WebSocket(`${serverUrl.replace('http', 'ws')}/__lectern/ws`);
  const messages: { type: string }[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data)) as { type: string }));
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify(hello));
  await waitFor(() => messages.length > 0);
  return { ws, messages };
}
