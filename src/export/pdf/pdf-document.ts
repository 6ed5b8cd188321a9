import { type PDFContext, type PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';
import { appendUpdate } from './append-update.js';
import { joinTaggedParts, loadPdf } from './join-tagged-parts.js';

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
}

/** A bookmark: its title, the page it opens (from 0), and bookmarks under it. */
export interface OutlineItem {
  title: string;
  page: number;
  children?: OutlineItem[];
}

export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Joins PDFs printed in parallel into one, in order, their structure trees joined too (a tagged
 * part stays tagged), with bookmarks and document metadata. Chromium writes neither an outline
 * for a page range nor an author, so both are added here. One part (a deck printed in one pass,
 * the handout, the guide) gets them as an incremental update appended to Chromium's bytes.
 */
export async function assemblePdf(parts: readonly Uint8Array[], metadata: PdfMetadata, outline: readonly OutlineItem[] = []): Promise<FinishedPdf> {
  const [only] = parts;
  if (only && parts.length === 1) {
    let pages = 0;
    const bytes = appendUpdate(only, (file) => {
      pages = file.pages.length;
      for (const [key, value] of Object.entries(infoEntries(metadata))) file.info.set(PDFName.of(key), PDFHexString.fromText(value));
      file.catalog.set(PDFName.of('ViewerPreferences'), file.context.obj({ DisplayDocTitle: true }));
      const root = outline.length > 0 ? writeOutline(file.context, file.pages, outline) : undefined;
      if (root) {
        file.catalog.set(PDFName.of('Outlines'), root);
        file.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
      }
    });
    if (bytes) return { bytes, pages };
  }
  const merged = only && parts.length === 1 ? await loadPdf(only) : await joinTaggedParts(parts);
  setMetadata(merged, metadata);
  if (outline.length > 0) addOutline(merged, outline);
  // Written in one go: pdf-lib pauses every 50 objects by default, and a tagged PDF has thousands.
  const bytes = await merged.save({ useObjectStreams: true, objectsPerTick: Number.POSITIVE_INFINITY });
  return { bytes, pages: merged.getPageCount() };
}

function setMetadata(document: PDFDocument, metadata: PdfMetadata): void {
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  const info = infoEntries(metadata);
  if (info.Author) document.setAuthor(info.Author);
  if (info.Subject) document.setSubject(info.Subject);
  if (metadata.keywords?.length) document.setKeywords(metadata.keywords);
  document.setCreator(info.Creator);
  document.setProducer(info.Producer);
}

/** The document information lectern writes, by its PDF key. */
function infoEntries(metadata: PdfMetadata): Record<'Title' | 'Creator' | 'Producer', string> & Partial<Record<'Author' | 'Subject' | 'Keywords', string>> {
  return {
    Title: metadata.title,
    ...(metadata.author ? { Author: metadata.author } : {}),
    ...(metadata.subject ? { Subject: metadata.subject } : {}),
    ...(metadata.keywords?.length ? { Keywords: metadata.keywords.join(' ') } : {}),
    Creator: 'lectern',
    Producer: 'lectern (Chromium, pdf-lib)',
  };
}

/** Bookmarks in the document's catalog (pdf-lib has no API for them). */
function addOutline(document: PDFDocument, items: readonly OutlineItem[]): void {
  const root = writeOutline(document.context, document.getPages().map((page) => page.ref), items);
  if (!root) return;
  document.catalog.set(PDFName.of('Outlines'), root);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

/** Writes the /Outlines tree's objects into `context`; its root, or undefined when no item has a page. */
export function writeOutline(context: PDFContext, pages: readonly PDFRef[], items: readonly OutlineItem[]): PDFRef | undefined {
  const root = context.nextRef();
  const write = (level: readonly OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef; count: number } | undefined => {
    const usable = level.filter((item) => pages[item.page] !== undefined);
    const refs = usable.map(() => context.nextRef());
    let count = 0;
    usable.forEach((item, i) => {
      const page = pages[item.page];
      const ref = refs[i];
      if (!page || !ref) return;
      const children = item.children?.length ? write(item.children, ref) : undefined;
      const entries: Record<string, unknown> = {
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: context.obj([page, PDFName.of('Fit')]),
      };
      if (refs[i - 1]) entries.Prev = refs[i - 1];
      if (refs[i + 1]) entries.Next = refs[i + 1];
      if (children) Object.assign(entries, { First: children.first, Last: children.last, Count: children.count });
      context.assign(ref, context.obj(entries as Parameters<typeof context.obj>[0]));
      count += 1 + (children?.count ?? 0);
    });
    const first = refs[0];
    const last = refs[refs.length - 1];
    return first && last ? { first, last, count } : undefined;
  };
  const top = write(items, root);
  if (!top) return undefined;
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  return root;
}
