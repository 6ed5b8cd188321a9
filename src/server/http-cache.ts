import { createHash } from 'node:crypto';

/**
 * Deck files and lectern's client files are revalidated on every use: a deck changes on save
 * under the same URL, and the client files change with a lectern upgrade (their names carry no
 * hash). A revalidation costs one round trip and, answered 304, no body, which is what a room
 * of devices reloading at once needs.
 */
export const REVALIDATE = 'no-cache';

/** Pages made for one request (presenter view, problems, waiting page, index): never stored. */
export const NEVER_STORE = 'no-store';

/** The hash that names a body's bytes (base64url of SHA-1: short in a header, no quotes inside). */
export function hashOf(bytes: Buffer | string): string {
  return createHash('sha1').update(bytes).digest('base64url');
}

/**
 * The strong validator of one representation. An encoded variant is a different representation
 * (RFC 9110 §8.8.3), so it gets its own tag: the hash with the encoding appended.
 */
export function etagOf(hash: string, encoding?: string): string {
  return `"${hash}${encoding ? `-${encoding}` : ''}"`;
}

/**
 * Whether the client's `If-None-Match` names these bytes in any encoding: a 304 then lets it
 * keep what it has, whichever encoding that came in. Weak comparison, as RFC 9110 §13.1.2
 * prescribes for `If-None-Match`.
 */
export function notModified(ifNoneMatch: string | undefined, hash: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '');
    if (tag === '*') return true;
    const opaque = tag.replace(/^"|"$/g, '');
    return opaque.startsWith(hash) && ['', '-br', '-gzip'].includes(opaque.slice(hash.length));
  });
}
