import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A word as poppler places it on the page, in PDF points from the top left. */
export interface PlacedWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** A line of words (poppler's grouping), with its box. */
export interface PlacedLine extends Omit<PlacedWord, 'text'> {
  text: string;
  words: PlacedWord[];
}

export interface PlacedPage {
  /** From 1, as pdftotext and pdfinfo count. */
  number: number;
  width: number;
  height: number;
  lines: PlacedLine[];
}

/** Poppler's glyph box is about 1.16 × the font size for the fonts Chromium embeds here. */
const BOX_PER_POINT = 1.16;

/** A word's font size in points, estimated from its box height. */
export function fontSizeOf(word: Pick<PlacedWord, 'yMin' | 'yMax'>): number {
  return (word.yMax - word.yMin) / BOX_PER_POINT;
}

const number = (attributes: string, name: string) => Number(new RegExp(`${name}="([\\d.-]+)"`).exec(attributes)?.[1] ?? NaN);
const box = (attributes: string) => ({ xMin: number(attributes, 'xMin'), yMin: number(attributes, 'yMin'), xMax: number(attributes, 'xMax'), yMax: number(attributes, 'yMax') });
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every page's lines and words with their positions (`pdftotext -bbox-layout`), in reading order. */
export function placedPages(file: string): PlacedPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages: PlacedPage[] = [];
  for (const page of xml.matchAll(/<page ([^>]*)>([\s\S]*?)<\/page>/g)) {
    const lines: PlacedLine[] = [];
    for (const line of (page[2] ?? '').matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words = [...(line[2] ?? '').matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)].map((w) => ({ text: unescape(w[2] ?? ''), ...box(w[1] ?? '') }));
      lines.push({ ...box(line[1] ?? ''), text: words.map((w) => w.text).join(' '), words });
    }
    pages.push({ number: pages.length + 1, width: number(page[1] ?? '', 'width'), height: number(page[1] ?? '', 'height'), lines });
  }
  return pages;
}

/** The page margins the printed documents use (`@page` in src/render/print-page.ts), in millimetres. */
export const PRINT_MARGINS_MM = { top: 16, bottom: 18 };

/**
 * How much of each page's text area is used: how far down the ink goes between the top and
 * bottom margins, as a fraction of that height (0 for an empty page). The footer in the bottom
 * margin is not counted. Rendered in grey at a low resolution, so ruled lines and pictures
 * count, not only text.
 */
export function pageFill(file: string, margins = PRINT_MARGINS_MM): number[] {
  const folder = mkdtempSync(join(tmpdir(), 'lectern-ink-'));
  try {
    execFileSync('pdftoppm', ['-r', '24', '-gray', file, join(folder, 'page')]);
    return readdirSync(folder)
      .filter((name) => name.endsWith('.pgm'))
      .sort((a, b) => pageNumber(a) - pageNumber(b))
      .map((name) => fillOf(readFileSync(join(folder, name)), margins));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const pageNumber = (name: string) => Number(/-(\d+)\.pgm$/.exec(name)?.[1] ?? 0);

const DPI = 24;
const pixelsOf = (mm: number) => Math.round((mm / 25.4) * DPI);

/** The lowest row of a binary PGM (P5) with a pixel darker than near-white, within the text area. */
function fillOf(pgm: Buffer, margins: typeof PRINT_MARGINS_MM): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const [top, bottom] = [pixelsOf(margins.top), height - pixelsOf(margins.bottom)];
  for (let row = bottom - 1; row >= top; row -= 1) {
    for (let x = 0; x < width; x += 1) if ((pixels[row * width + x] ?? 255) < 235) return (row + 1 - top) / (bottom - top);
  }
  return 0;
}
