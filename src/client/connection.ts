/**
 * A page's websocket to the live server (the deck page and the presenter view): says hello,
 * hands every server message on, reconnects with a growing delay when the connection drops
 * (not after a refusal).
 */
import type { ClientMessage, ServerMessage } from '../server/protocol.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'refused';

export interface ConnectionOptions {
  url: string;
  hello: ClientMessage;
  onMessage(message: ServerMessage): void;
  onStatus(status: ConnectionStatus, detail?: string): void;
}

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export class Connection {
  private socket: WebSocket | undefined;
  private retryMs = MIN_RETRY_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refused = false;

  constructor(private readonly options: ConnectionOptions) {}

  open(): void {
    if (this.refused) return;
    clearTimeout(this.retryTimer);
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify(this.options.hello));
    });
    socket.addEventListener('message', (event) => {
      const message = parseServerMessage(event.data);
      if (!message) return;
      if (message.type === 'welcome') {
        this.retryMs = MIN_RETRY_MS;
        this.options.onStatus('connected');
      } else if (message.type === 'refused') {
        this.refused = true;
        this.options.onStatus('refused', message.reason);
      }
      this.options.onMessage(message);
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.refused) return;
      this.options.onStatus('reconnecting');
      this.scheduleRetry();
    });
  }

  /** Sends when connected; false (and the message is dropped) otherwise. */
  send(message: ClientMessage): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(MAX_RETRY_MS, this.retryMs * 2);
  }
}

/** The websocket address of the live server that served this page. */
export function socketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/__lectern/ws`;
}

export function parseServerMessage(data: unknown): ServerMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') return value as ServerMessage;
  } catch {
    // Not JSON: ignore it.
  }
  return undefined;
}
