import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write.js';
import type { CompiledDeck } from '../compile-deck.js';
import { PACKAGE_ROOT } from '../package-files.js';

/**
 * What a printed PDF was made from, as one hash: lectern's code, the browser, the paper, every
 * file of the deck's folder (the slides' HTML with its drawn diagrams, the theme, the media, the
 * runtime) and, for the handout and guide, their own HTML. A PDF whose inputs hash the same as
 * when it was printed is reused, not printed again. The hashes live beside the PDFs in
 * `<slug>/.lectern-pdf.json`, with each PDF's size and pages, so a PDF replaced or removed since
 * is printed again.
 */
export const FINGERPRINT_FILE = '.lectern-pdf.json';

export interface PrintedRecord {
  fingerprint: string;
  pages: number;
  bytes: number;
}

export type PrintedRecords = Partial<Record<string, PrintedRecord>>;

let codeIdentity: string | undefined;

/** lectern's version and the content-hashed names of its compiled chunks: any change of lectern's code changes it. */
export function lecternIdentity(): string {
  if (codeIdentity !== undefined) return codeIdentity;
  let version: string;
  try {
    version = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    version = 'unknown';
  }
  let chunks: string[];
  try {
    chunks = readdirSync(join(PACKAGE_ROOT, 'lib', 'cli', 'chunks')).filter((name) => name.endsWith('.js')).sort();
  } catch {
    chunks = [];
  }
  codeIdentity = `${version}\n${chunks.join('\n')}`;
  return codeIdentity;
}

export function sha256(...pieces: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const piece of pieces) {
    hash.update(typeof piece === 'string' ? `${piece.length}:` : `${piece.byteLength}#`);
    hash.update(piece);
  }
  return hash.digest('hex');
}

/** The hash of what every PDF of a deck shares: lectern, the browser, the paper and the deck folder's files. */
export async function deckFingerprint(compiled: CompiledDeck, paper: string, browserVersion: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${lecternIdentity()}\n${browserVersion}\n${paper}\n`);
  const files = [...compiled.files].sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  for (const file of files) {
    hash.update(`${file.to}\n`);
    if (file.content !== undefined) hash.update(`c${sha256(file.content)}\n`);
    else if (file.from !== undefined) hash.update(`f${sha256(await readFile(file.from).catch(() => new Uint8Array()))}\n`);
  }
  return hash.digest('hex');
}

/** One PDF's fingerprint: the deck's, its kind and the HTML it is printed from (none for the slides). */
export function pdfFingerprint(deck: string, kind: string, html = ''): string {
  return sha256(deck, kind, html);
}

export async function readPrinted(folder: string, name = FINGERPRINT_FILE): Promise<PrintedRecords> {
  try {
    const data = JSON.parse(await readFile(join(folder, name), 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as PrintedRecords) : {};
  } catch {
    return {};
  }
}

export function writePrinted(folder: string, records: PrintedRecords, name = FINGERPRINT_FILE): Promise<void> {
  return writeFileAtomic(join(folder, name), `${JSON.stringify(records, null, 2)}\n`);
}

/** The record when `file` is still the PDF printed with `fingerprint` (same size as written). */
export async function reusable(file: string, record: PrintedRecord | undefined, fingerprint: string): Promise<PrintedRecord | undefined> {
  if (!record || record.fingerprint !== fingerprint) return undefined;
  const size = await stat(file).then((s) => s.size, () => -1);
  return size === record.bytes ? record : undefined;
}
