import { isAbsolute, relative } from 'node:path';

/** A path as short as it can be said: relative to the current folder when inside it. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
