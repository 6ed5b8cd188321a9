import type { Server } from 'node:http';

/** How long the live server waits on a client before it gives the connection up. */
export interface HttpTimeouts {
  /** Until a request's headers are complete: a client that trickles them (slowloris) holds a socket. */
  headersMs: number;
  /** Until a whole request is in: lectern takes no request bodies, so anything slow is suspect. */
  requestMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveMs: number;
  /**
   * A socket with no traffic either way, e.g. a phone that stopped reading a response halfway.
   * Websockets are not affected: Node drops its timeout listener on `upgrade` and ws clears the
   * socket's timeout (`setTimeout(0)`) when it takes the socket over.
   */
  idleMs: number;
  /** How often Node checks the headers and request timeouts (its default, 30 s, would let a stalled client sit four times longer than allowed). */
  checkEveryMs: number;
}

/**
 * A lecture hall's devices are on a LAN or Wi-Fi: a real browser sends its headers in well under
 * a second and a deck's largest file in a few, so these bounds only catch the stuck or hostile,
 * while keep-alive still spares a page's dozen assets a new connection each.
 */
export const HTTP_TIMEOUTS: HttpTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  idleMs: 60_000,
  checkEveryMs: 1_000,
};

/** The options of `createServer` that can only be given there. */
export function timeoutServerOptions(timeouts: HttpTimeouts): { connectionsCheckingInterval: number; headersTimeout: number; requestTimeout: number } {
  return { connectionsCheckingInterval: timeouts.checkEveryMs, headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs };
}

export function applyTimeouts(server: Server, timeouts: HttpTimeouts): void {
  server.headersTimeout = timeouts.headersMs;
  server.requestTimeout = timeouts.requestMs;
  server.keepAliveTimeout = timeouts.keepAliveMs;
  // With no 'timeout' listener on the server, Node destroys a socket idle this long.
  server.setTimeout(timeouts.idleMs);
}
