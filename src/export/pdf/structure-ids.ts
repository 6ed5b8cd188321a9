import { PDFArray, PDFDict, type PDFDocument, PDFHexString, PDFName, type PDFObject, PDFString } from 'pdf-lib';

/**
 * Structure element ids of a tagged PDF: a table's header cells have ids (`/ID`), its data cells
 * name their headers (`/Headers` in their attributes), and the root's `/IDTree` finds an element
 * by id. Chromium numbers ids from the page's DOM nodes, so two parts printed apart can use the
 * same id: before joining, a part's ids get a prefix of their own.
 */
export function prefixStructureIds(document: PDFDocument, topLevel: readonly PDFObject[], prefix: string): void {
  const { context } = document;
  const seen = new Set<PDFDict>();
  const visit = (object: PDFObject | undefined): void => {
    const element = context.lookup(object);
    if (element instanceof PDFArray) return element.asArray().forEach(visit);
    if (!(element instanceof PDFDict) || !element.has(PDFName.of('S')) || seen.has(element)) return;
    seen.add(element);
    const id = textOf(element.get(PDFName.of('ID')));
    if (id !== undefined) element.set(PDFName.of('ID'), PDFString.of(prefix + id));
    for (const attributes of listOf(document, element.get(PDFName.of('A')))) {
      const headers = attributes instanceof PDFDict ? attributes.lookupMaybe(PDFName.of('Headers'), PDFArray) : undefined;
      headers?.asArray().forEach((header, i) => {
        const name = textOf(context.lookup(header));
        if (name !== undefined) headers.set(i, PDFString.of(prefix + name));
      });
    }
    visit(element.get(PDFName.of('K')));
  };
  topLevel.forEach(visit);
}

/** A name tree's entries (the `/IDTree`), its `/Kids` walked; keys with `prefix` put before them. */
export function readIdTree(document: PDFDocument, node: PDFDict | undefined, prefix: string): [string, PDFObject][] {
  if (!node) return [];
  const entries: [string, PDFObject][] = [];
  const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = textOf(names.lookup(i));
    const value = names.get(i + 1);
    if (key !== undefined && value) entries.push([prefix + key, value]);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) entries.push(...readIdTree(document, kids.lookupMaybe(i, PDFDict), prefix));
  return entries;
}

function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

function listOf(document: PDFDocument, value: PDFObject | undefined): PDFObject[] {
  const resolved = document.context.lookup(value);
  if (resolved instanceof PDFArray) return resolved.asArray().map((item) => document.context.lookup(item) ?? item);
  return resolved ? [resolved] : [];
}
