import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { Browser } from 'puppeteer-core';
import { type PackKind, packContents, renderCoursePackFront } from '../../render/render-course-pack.js';
import { writeFileAtomic } from '../atomic-write.js';
import { loadPdf } from './join-tagged-parts.js';
import { assemblePdf, type OutlineItem } from './pdf-document.js';
import { lecternIdentity, readPrinted, sha256, writePrinted } from './pdf-fingerprint.js';
import { printDocument } from './print-document.js';

export interface PackPart {
  title: string;
  module?: string;
  /** The module's handout or guide. */
  file: string;
  /** Its fingerprint (what it was printed from): the pack is rebuilt when one changes. */
  fingerprint: string;
}

export interface WrittenPack {
  kind: PackKind;
  file: string;
  pages: number;
  reused: boolean;
}

export const PACK_FILES: Record<PackKind, string> = { student: 'course-handouts.pdf', instructor: 'course-guides.pdf' };
const PACK_RECORDS = '.lectern-pack.json';

/**
 * A course pack: a cover and the contents (printed by Chromium), then each module's handout (or
 * guide) in course order, joined with pdf-lib: each part's pages and structure tree as printed,
 * so their text stays selectable; a bookmark per module, its own bookmarks nested under it. The
 * contents give the page each module starts on: the front pages are printed once with a guess
 * of their count and again in the rare case the guess was wrong. A pack whose parts, course and
 * paper are all unchanged is reused.
 */
export async function writeCoursePack(browser: Browser, outDir: string, options: { kind: PackKind; course: string; parts: readonly PackPart[]; paper: 'A4' | 'Letter' }): Promise<WrittenPack> {
  const { kind, course, parts, paper } = options;
  const file = join(outDir, PACK_FILES[kind]);
  const fingerprint = sha256(lecternIdentity(), kind, course, paper, ...parts.flatMap((p) => [p.title, p.module ?? '', p.fingerprint]));
  const records = await readPrinted(outDir, PACK_RECORDS);
  const previous = records[kind];
  if (previous?.fingerprint === fingerprint) {
    const size = await readFile(file).then((b) => b.byteLength, () => -1);
    if (size === previous.bytes) return { kind, file, pages: previous.pages, reused: true };
  }

  const loaded = await Promise.all(parts.map(async (part) => {
    const bytes = await readFile(part.file);
    const document = await loadPdf(bytes);
    return { part, bytes, pages: document.getPageCount(), outline: readOutline(document) };
  }));
  const modules = loaded.map(({ part, pages }) => ({ title: part.title, pages, ...(part.module !== undefined ? { module: part.module } : {}) }));
  const metadata = { title: `${course} — ${kind === 'student' ? 'Student handouts' : 'Instructor guides'}`, keywords: ['lectern', 'course-pack'] };
  let frontPages = 2;
  let front = await printFront(browser, outDir, { course, kind, paper, contents: packContents(modules, frontPages) }, metadata);
  if (front.pages !== frontPages) {
    frontPages = front.pages;
    front = await printFront(browser, outDir, { course, kind, paper, contents: packContents(modules, frontPages) }, metadata);
  }
  const contents = packContents(modules, front.pages);
  const outline: OutlineItem[] = contents.map((entry, i) => ({
    title: `${entry.number}. ${entry.title}`,
    page: entry.start - 1,
    children: shiftOutline(loaded[i]?.outline ?? [], entry.start - 1),
  }));
  const pdf = await assemblePdf([front.bytes, ...loaded.map((l) => l.bytes)], metadata, outline);
  await writeFileAtomic(file, pdf.bytes);
  records[kind] = { fingerprint, pages: pdf.pages, bytes: pdf.bytes.byteLength };
  await writePrinted(outDir, records, PACK_RECORDS);
  return { kind, file, pages: pdf.pages, reused: false };
}

function printFront(browser: Browser, outDir: string, options: Parameters<typeof renderCoursePackFront>[0], metadata: { title: string }) {
  return printDocument(browser, outDir, 'course-pack', renderCoursePackFront(options), metadata, undefined, { footer: false });
}

function shiftOutline(items: readonly OutlineItem[], by: number): OutlineItem[] {
  return items.map((item) => ({ title: item.title, page: item.page + by, ...(item.children?.length ? { children: shiftOutline(item.children, by) } : {}) }));
}

/** A PDF's bookmarks with the page each opens (from 0); bookmarks that open no page of the file are left out. */
export function readOutline(document: PDFDocument): OutlineItem[] {
  const pageIndex = new Map(document.getPages().map((page, i) => [page.ref.toString(), i]));
  const walk = (first: PDFDict | undefined, depth: number): OutlineItem[] => {
    const items: OutlineItem[] = [];
    const seen = new Set<PDFDict>();
    for (let node = first; node && !seen.has(node) && depth < 16; node = node.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(node);
      const title = node.lookup(PDFName.of('Title'));
      const text = title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '';
      const action = node.lookupMaybe(PDFName.of('A'), PDFDict);
      const dest = node.lookup(PDFName.of('Dest')) ?? action?.lookup(PDFName.of('D'));
      const target = dest instanceof PDFArray ? dest.get(0) : undefined;
      const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
      const children = walk(node.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
      if (page !== undefined) items.push({ title: text, page, ...(children.length ? { children } : {}) });
      else items.push(...children);
    }
    return items;
  };
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  return walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
}
