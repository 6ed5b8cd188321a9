import { createReadStream } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { type CompressedBodies, chooseEncoding, compressible, type Encoding } from './compress.js';
import { etagOf, notModified, REVALIDATE } from './http-cache.js';
import type { ServedBody } from './served-bodies.js';

/** Sent with every answer of the live server. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/**
 * Answers with a deck or client file: a 304 when the client already has these bytes, else the
 * bytes, compressed when the client accepts it and the type is text. HEAD gets the same headers
 * and no body (Node drops the body of a HEAD answer; the length stays in the headers).
 */
export async function sendBody(request: IncomingMessage, response: ServerResponse, body: ServedBody, type: string, compressed: CompressedBodies): Promise<void> {
  const varies = body.bytes !== undefined && compressible(type, body.size);
  const encoding: Encoding | undefined = varies ? chooseEncoding(request.headers['accept-encoding']) : undefined;
  const headers: OutgoingHttpHeaders = {
    'cache-control': REVALIDATE,
    etag: etagOf(body.hash, encoding),
    ...(varies ? { vary: 'Accept-Encoding' } : {}),
    ...SECURITY_HEADERS,
  };
  if (notModified(request.headers['if-none-match'], body.hash)) {
    response.writeHead(304, headers);
    response.end();
    return;
  }
  headers['content-type'] = type;
  if (body.bytes) {
    const bytes = encoding ? await compressed.of(body.hash, encoding, body.bytes) : body.bytes;
    if (encoding) headers['content-encoding'] = encoding;
    headers['content-length'] = bytes.length;
    response.writeHead(200, headers);
    response.end(bytes);
    return;
  }
  headers['content-length'] = body.size;
  response.writeHead(200, headers);
  if (request.method === 'HEAD' || !body.file) {
    response.end();
    return;
  }
  createReadStream(body.file)
    .on('error', () => response.destroy())
    .pipe(response);
}
