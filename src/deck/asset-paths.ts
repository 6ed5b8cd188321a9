import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { AssetRef, Slide } from '../model/deck.js';
import { splitUrlSuffix } from './html-references.js';

/** No file system names a file with a longer part (Linux, macOS and Windows all stop at 255). */
export const MAX_PATH_PART_BYTES = 255;
/** Room left for the folders above the deck within the usual 4,096-byte limit of a whole path. */
export const MAX_PATH_BYTES = 3_072;

/** Bytes of `text` in UTF-8, counted without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    // A surrogate pair is four bytes, two for each half.
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/** Longer than `max` bytes in UTF-8 (a short text is not counted: three bytes a character at most). */
function longerThan(text: string, max: number): boolean {
  return text.length * 3 > max && utf8Length(text) > max;
}

/**
 * Why no file can have this URL's path, as written or percent-decoded (the two names lectern
 * looks for): a NUL character, a part longer than 255 bytes, or a path too long for any system.
 * Known without asking the file system, which answers such a name with an exception.
 */
export function unnameablePath(url: string): string | undefined {
  const { path } = splitUrlSuffix(url.trim());
  for (const name of [path, decodeEscapes(path)]) {
    if (name.includes('\0')) return 'a file name cannot hold a NUL character';
    if (longerThan(name, MAX_PATH_BYTES)) return `the path is longer than ${MAX_PATH_BYTES} bytes`;
    if (longerThan(name, MAX_PATH_PART_BYTES) && name.split('/').some((part) => longerThan(part, MAX_PATH_PART_BYTES))) {
      return `a part of the path is longer than ${MAX_PATH_PART_BYTES} bytes`;
    }
  }
  return undefined;
}

/** The escapes that decode (`%00` among them); a `%` that starts none stays as written. */
function decodeEscapes(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, (escapes) => {
    try {
      return decodeURIComponent(escapes);
    } catch {
      return escapes;
    }
  });
}

/** Takes the files no system can name out of the slide's assets, each with a problem at its place. */
export function dropUnnameableAssets(slide: Slide, file: string): Diagnostic[] {
  if (slide.assets.length === 0) return [];
  const problems: Diagnostic[] = [];
  const kept: AssetRef[] = [];
  for (const asset of slide.assets) {
    const reason = unnameablePath(asset.url);
    if (reason === undefined) {
      kept.push(asset);
      continue;
    }
    const report = asset.kind === 'link' ? warning : error;
    problems.push(report('bad-path', `\`${asset.url}\` cannot be the name of a file: ${reason}`, { file, ...asset.position },
      'check the path (a pasted data or text fragment?); file names are kept short and without control characters'));
  }
  slide.assets = kept;
  return problems;
}
