import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { isInside, realPath } from './project-folder.js';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import { editDistance } from '../diagnostics/did-you-mean.js';
import { splitUrlSuffix } from '../deck/html-references.js';
import type { AssetKind, AssetRef, Deck } from '../model/deck.js';

/** A file to copy into the deck's folder. */
export interface MediaFile {
  from: string;
  to: string;
}

export interface ResolvedMedia {
  /** The URL the page uses for each URL the deck wrote; a `?query` or `#hash` is kept. */
  urls: ReadonlyMap<string, string>;
  /** Each file once, however many URLs name it. */
  files: readonly MediaFile[];
}

export interface MediaOptions {
  /** The deck file's folder: relative paths start here. */
  deckDir: string;
  /** Paths starting with `/` start here, and no file may lie outside it. */
  projectRoot: string;
}

const WHAT: Readonly<Record<AssetKind, string>> = {
  image: 'image',
  media: 'video or audio file',
  frame: 'embedded page',
  background: 'background file',
  link: 'linked file',
};

/**
 * Maps each local file the deck names to its copy under media/. A missing file, or one that
 * lies outside the project folder (symlinks followed), is an error at its line, and is not copied.
 */
export function resolveMedia(deck: Deck, options: MediaOptions, diagnostics: Diagnostic[]): ResolvedMedia {
  const root = realPath(options.projectRoot);
  const deckDir = realPath(options.deckDir);
  const urls = new Map<string, string>();
  const files = new Map<string, MediaFile>();
  // A URL is looked up once however often slides name it; a missing one is reported at each use.
  const lookups = new Map<string, Located>();
  for (const asset of deck.slides.flatMap((s) => s.assets)) {
    if (urls.has(asset.url)) continue;
    let found = lookups.get(asset.url);
    if (!found) {
      found = locate(asset.url, deckDir, root);
      lookups.set(asset.url, found);
    }
    if ('problem' in found) {
      const problem = found.problem(deck.file, asset);
      // A link is navigation: it may point at a page made later (the course index), so it never stops a build.
      diagnostics.push(asset.kind === 'link' ? { ...problem, severity: 'warning', message: `${problem.message}; the link is left as written` } : problem);
      continue;
    }
    const name = basename(found.path).replace(/[^\w.-]/g, '-');
    // Named after the path inside the project: the same deck gives the same bytes on every machine.
    const digest = createHash('sha1').update(relative(root, found.path).split('\\').join('/')).digest('hex').slice(0, 8);
    const to = `media/${digest}-${name}`;
    files.set(to, { from: found.path, to });
    urls.set(asset.url, to + found.suffix);
  }
  return { urls, files: [...files.values()] };
}

type Located = { path: string; suffix: string } | { problem: (file: string, asset: AssetRef) => Diagnostic };

/** Finds the file a URL names: percent-decoded first (as the browser would), then as written. */
function locate(url: string, deckDir: string, root: string): Located {
  const { path: written, suffix } = splitUrlSuffix(url.trim());
  const decoded = decodePercent(written);
  const base = written.startsWith('/') ? root : deckDir;
  const candidates = [...new Set([decoded, written])].map((path) => (path.startsWith('/') ? join(root, path) : resolve(deckDir, path)));
  for (const candidate of candidates) {
    if (!isInside(root, candidate)) return { problem: outside(root) };
    const stat = statOrNothing(candidate);
    if (!stat) continue;
    const real = realPath(candidate);
    if (!isInside(root, real)) return { problem: outside(root) };
    if (stat.isFile()) return { path: real, suffix };
    return { problem: (file, asset) => error(missingCode(asset.kind), `${WHAT[asset.kind]} \`${asset.url}\` is a folder, not a file`,
      { file, ...asset.position }, 'name a file inside the folder') };
  }
  const suggestion = suggestPath(decoded, base, root);
  return { problem: (file, asset) => error(missingCode(asset.kind), `${WHAT[asset.kind]} \`${asset.url}\` was not found`,
    { file, ...asset.position }, suggestion !== undefined ? `did you mean \`${suggestion}${suffix}\`?`
      : written.startsWith('/') ? `a path that starts with / is relative to the project folder (${root})`
        : 'paths are relative to the deck file; check the spelling and that the file is in the repository') };
}

/** The file's stat, or undefined when there is none (also for a path through a file: ENOTDIR). */
function statOrNothing(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Images keep the code they always had; the other kinds are newer. */
function missingCode(kind: AssetKind): string {
  return kind === 'image' || kind === 'background' ? 'missing-image' : 'missing-file';
}

function outside(root: string) {
  return (file: string, asset: AssetRef): Diagnostic => error('asset-outside-project',
    `${WHAT[asset.kind]} \`${asset.url}\` is outside the project folder`, { file, ...asset.position },
    `a deck may only name files inside its project folder (${root}); copy the file into it`);
}

/**
 * `my%20photo.png` → `my photo.png`. Only well-formed escapes are decoded: a `%` that starts
 * none (`50%.png`) is a character of the name, never an exception.
 */
export function decodePercent(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

/**
 * The path the author probably meant: each segment that does not exist replaced by an entry of
 * its folder that differs only in letter case, or by a small typo. Undefined when there is none.
 */
function suggestPath(path: string, base: string, root: string): string | undefined {
  let dir = base;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      if (segment === '..') dir = dirname(dir);
      out.push(segment);
      continue;
    }
    const entries = listFolder(dir);
    const match = entries.includes(segment) ? segment : similarName(segment, entries);
    if (match === undefined) return undefined;
    out.push(match);
    dir = join(dir, match);
  }
  const stat = statOrNothing(dir);
  return stat?.isFile() && isInside(root, realPath(dir)) ? out.join('/') : undefined;
}

function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** The same name in another letter case, else the closest name within a small typo (1 edit for short names, 2 else). */
function similarName(name: string, entries: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameLetters = entries.find((entry) => entry.toLowerCase() === lower);
  if (sameLetters !== undefined) return sameLetters;
  const limit = name.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const entry of entries) {
    const distance = editDistance(lower, entry.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best;
}
