import { PDFDocument, PDFHexString, PDFName, type PDFRef } from 'pdf-lib';

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
 * Joins PDFs printed in parallel into one, in order, with bookmarks and document metadata
 * (one part: the metadata alone, as for the handout and guide). Chromium writes neither an
 * outline for a page range nor an author, so both are added here.
 */
export async function assemblePdf(parts: readonly Uint8Array[], metadata: PdfMetadata, outline: readonly OutlineItem[] = []): Promise<FinishedPdf> {
  const merged = parts.length === 1 && parts[0] ? await PDFDocument.load(parts[0]) : await mergeParts(parts);
  setMetadata(merged, metadata);
  if (outline.length > 0) addOutline(merged, outline);
  return { bytes: await merged.save({ useObjectStreams: true }), pages: merged.getPageCount() };
}

async function mergeParts(parts: readonly Uint8Array[]): Promise<PDFDocument> {
  const merged = await PDFDocument.create();
  for (const bytes of parts) {
    const part = await PDFDocument.load(bytes);
    const pages = await merged.copyPages(part, part.getPageIndices());
    for (const page of pages) merged.addPage(page);
  }
  return merged;
}

function setMetadata(document: PDFDocument, metadata: PdfMetadata): void {
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author) document.setAuthor(metadata.author);
  if (metadata.subject) document.setSubject(metadata.subject);
  if (metadata.keywords?.length) document.setKeywords(metadata.keywords);
  document.setCreator('lectern');
  document.setProducer('lectern (Chromium, pdf-lib)');
}

/** Writes the /Outlines tree by hand: pdf-lib has no API for bookmarks. */
function addOutline(document: PDFDocument, items: readonly OutlineItem[]): void {
  const { context } = document;
  const pages = document.getPages();
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
        Dest: context.obj([page.ref, PDFName.of('Fit')]),
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
  if (!top) return;
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }));
  document.catalog.set(PDFName.of('Outlines'), root);
  document.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
