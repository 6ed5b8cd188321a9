import { isLoopbackAddress } from './local-peer.js';
import { sameToken } from './presenter-token.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { Countdown } from '../client/countdown.js';
import type { PresentationState, RehearsalRecording, Role, ServerMessage } from './protocol.js';
import { MAX_MESSAGE_BYTES, parseClientMessage } from './validate-message.js';

/** Unsent bytes a window may have queued before it counts as stalled (a whole large deck fits). */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

/** How often each window is pinged; one that has not answered the last ping by the next is gone. */
const HEARTBEAT_MS = 30_000;

interface Peer {
  socket: WebSocket;
  /** Answered the last ping (browsers answer by themselves). */
  alive: boolean;
  slug?: string;
  role?: Role;
  /** Connected from the serving machine: it may see the deck's problems, as the presenter may. */
  local: boolean;
}

interface Room {
  state: PresentationState;
  timers: Map<string, Countdown>;
}

export interface LiveHubOptions {
  token: string;
  /** Planned seconds of an activity (for a timer the presenter starts), if the deck has it. */
  activitySeconds: (slug: string, id: string) => number | undefined;
  /** Problems of a deck to show a window that joins while the deck is broken. */
  problems: (slug: string) => ServerMessage | undefined;
  knownDeck: (slug: string) => boolean;
  saveRehearsal: (slug: string, recording: RehearsalRecording) => Promise<string>;
  /** Whether a window connecting from this address is on the serving machine (default: loopback). */
  isLocal?: (address: string | undefined) => boolean;
}

/**
 * The websocket side of `lectern serve`: every window of a deck joins its room; only a socket
 * that said hello with the presenter token can move the room, black it out or pause it, or drive
 * its timers, and every window, however late, gets the room's state at once.
 */
export class LiveHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly peers = new Set<Peer>();
  private readonly rooms = new Map<string, Room>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly options: LiveHubOptions & { heartbeatMs?: number }) {
    this.wss.on('connection', (socket: WebSocket, request: IncomingMessage) => this.accept(socket, request));
    // A phone that sleeps or leaves the network closes nothing: without pings it would stay in the room for good.
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private checkHeartbeats(): void {
    for (const peer of this.peers) {
      if (!peer.alive) {
        this.peers.delete(peer);
        peer.socket.terminate();
        continue;
      }
      peer.alive = false;
      peer.socket.ping();
    }
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(request, socket, head, (ws) => this.wss.emit('connection', ws, request));
  }

  /**
   * Sends to every window of a deck; a deck's problems only to the presenter and to windows on
   * the serving machine: the audience keeps the last good slides, silently.
   */
  broadcast(slug: string, message: ServerMessage): void {
    const text = JSON.stringify(message);
    for (const peer of this.peers) {
      if (peer.slug !== slug || peer.socket.readyState !== peer.socket.OPEN) continue;
      if (message.type === 'problems' && !this.seesProblems(peer)) continue;
      this.deliver(peer, text);
    }
  }

  private seesProblems(peer: Peer): boolean {
    return peer.role === 'presenter' || peer.local;
  }

  get connections(): number {
    return this.peers.size;
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const peer of this.peers) peer.socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    const peer: Peer = { socket, alive: true, local: (this.options.isLocal ?? isLoopbackAddress)(request.socket.remoteAddress) };
    this.peers.add(peer);
    socket.on('pong', () => (peer.alive = true));
    socket.on('close', () => this.peers.delete(peer));
    socket.on('error', () => socket.terminate());
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      void this.receive(peer, data.toString()).catch(() => undefined);
    });
  }

  private async receive(peer: Peer, raw: string): Promise<void> {
    const message = parseClientMessage(raw);
    if (!message) return;
    if (message.type === 'hello') {
      if (!this.options.knownDeck(message.slug)) return this.send(peer, { type: 'refused', reason: 'no such deck' });
      if (message.role === 'presenter' && !this.validToken(message.token)) return this.send(peer, { type: 'refused', reason: 'the presenter token is wrong' });
      peer.slug = message.slug;
      peer.role = message.role;
      this.send(peer, { type: 'welcome', role: message.role, state: this.room(message.slug).state, serverNow: Date.now() });
      const problems = this.options.problems(message.slug);
      if (problems && this.seesProblems(peer)) this.send(peer, problems);
      return;
    }
    // Everything below drives the presentation: the presenter's alone.
    if (peer.role !== 'presenter' || !peer.slug) return;
    const slug = peer.slug;
    const room = this.room(slug);
    if (message.type === 'navigate') {
      Object.assign(room.state, { positioned: true, h: message.h, v: message.v, f: message.f });
    } else if (message.type === 'timers-visible') {
      room.state.timersVisible = message.visible;
    } else if (message.type === 'screen') {
      room.state.screen = message.mode;
    } else if (message.type === 'timer') {
      const seconds = this.options.activitySeconds(slug, message.id);
      if (seconds === undefined) return;
      const timer = room.timers.get(message.id) ?? new Countdown(seconds);
      room.timers.set(message.id, timer);
      timer.apply(message.action);
      room.state.timers[message.id] = timer.toJSON();
    } else if (message.type === 'rehearsal') {
      const file = await this.options.saveRehearsal(slug, message.recording);
      return this.send(peer, { type: 'rehearsal-saved', file });
    }
    this.broadcast(slug, { type: 'state', state: room.state, serverNow: Date.now() });
  }

  private room(slug: string): Room {
    let room = this.rooms.get(slug);
    if (!room) {
      room = { state: { positioned: false, h: 0, v: 0, f: -1, timers: {}, timersVisible: true, screen: 'normal' }, timers: new Map() };
      this.rooms.set(slug, room);
    }
    return room;
  }

  private validToken(token: string | undefined): boolean {
    return sameToken(token, this.options.token);
  }

  private send(peer: Peer, message: ServerMessage): void {
    if (peer.socket.readyState === peer.socket.OPEN) this.deliver(peer, JSON.stringify(message));
  }

  /**
   * Sends, unless the window has stopped reading: a socket whose unsent bytes pass the bound is
   * dropped (its page reconnects when it reads again), so a stalled phone or a client that sends
   * without reading cannot grow the server's memory.
   */
  private deliver(peer: Peer, text: string): void {
    if (peer.socket.bufferedAmount > MAX_UNSENT_BYTES) {
      this.peers.delete(peer);
      peer.socket.terminate();
      return;
    }
    peer.socket.send(text);
  }
}
