import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFPage, PDFPageLeaf, PDFRef, PDFString, ParseSpeeds, type PDFObject } from 'pdf-lib';
import { prefixStructureIds, readIdTree } from './structure-ids.js';

/**
 * Joins PDFs that Chromium printed in parallel (`tagged: true`) into one tagged PDF: the pages in
 * order, and one structure tree whose Document element holds every part's elements.
 *
 * A tagged PDF ties its two halves together by numbers: each page's content marks its text with
 * ids, the page has a `/StructParents` key, and the structure tree's `/ParentTree` maps that key
 * to the elements drawn on the page. Every part counts its keys from 0, so a part's keys are
 * shifted past the ones before it. Pages and elements are copied by one copier per part, which
 * maps each object once: an element's `/Pg` then points at the copied page, not a second copy.
 */
export async function joinTaggedParts(parts: readonly Uint8Array[]): Promise<PDFDocument> {
  const joined = await PDFDocument.create();
  const { context } = joined;
  const documentRef = context.nextRef();
  const documentKids: PDFObject[] = [];
  const parentTreeNums: PDFObject[] = [];
  const ids: [string, PDFObject][] = [];
  let nextKey = 0;
  for (const [index, bytes] of parts.entries()) {
    const part = await loadPdf(bytes);
    const copier = PDFObjectCopier.for(part.context, context);
    const tree = readStructTree(part, index === 0 ? '' : `part${index + 1}-`);
    for (const page of part.getPages()) {
      const ref = copier.copy(page.ref) as PDFRef;
      const leaf = context.lookup(ref);
      if (!(leaf instanceof PDFPageLeaf)) throw new Error(`page ${page.ref.toString()} of part ${index + 1} did not copy as a page`);
      shiftKeys(leaf, nextKey);
      joined.addPage(PDFPage.of(leaf, ref, joined));
    }
    if (index === 0) copyCatalogEntries(part, joined, copier);
    if (!tree) continue;
    for (const kid of tree.topLevel) {
      const copied = copier.copy(kid);
      const element = copied instanceof PDFRef ? context.lookup(copied) : copied;
      if (element instanceof PDFDict) element.set(PDFName.of('P'), documentRef);
      documentKids.push(copied);
    }
    for (const [key, value] of tree.parentTree) parentTreeNums.push(PDFNumber.of(key + nextKey), copier.copy(value));
    for (const [id, element] of tree.ids) ids.push([id, copier.copy(element)]);
    nextKey += tree.nextKey;
  }
  if (documentKids.length === 0) return joined;
  const rootRef = context.nextRef();
  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: documentKids }));
  const parentTree = context.register(context.obj({ Nums: parentTreeNums }));
  const root = context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: parentTree, ParentTreeNextKey: nextKey });
  if (ids.length > 0) {
    // A name tree's keys are sorted: a reader looks an id up by bisection.
    const names = ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([id, element]) => [PDFString.of(id), element]);
    root.set(PDFName.of('IDTree'), context.register(context.obj({ Names: names })));
  }
  context.assign(rootRef, root);
  joined.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  joined.catalog.set(PDFName.of('MarkInfo'), context.obj({ Marked: true }));
  return joined;
}

/** Parsing without pausing every 100 objects (pdf-lib's default): a tagged PDF has thousands. */
export function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
}

interface StructTree {
  /** The elements under the part's Document element (or its root, if it has none). */
  topLevel: PDFObject[];
  /** The parent tree's entries, flattened out of its number tree. */
  parentTree: [number, PDFObject][];
  nextKey: number;
  /** The id tree's entries, ids prefixed as the elements' own. */
  ids: [string, PDFObject][];
}

/** Reads a part's structure tree, unlinking its top level and prefixing its ids for the join. */
function readStructTree(document: PDFDocument, idPrefix: string): StructTree | undefined {
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return undefined;
  const rootKids = asList(root.get(PDFName.of('K')));
  const onlyKid = rootKids.length === 1 ? document.context.lookup(rootKids[0]) : undefined;
  const isDocument = onlyKid instanceof PDFDict && onlyKid.get(PDFName.of('S')) === PDFName.of('Document');
  const topLevel = isDocument ? asList(onlyKid.get(PDFName.of('K'))) : rootKids;
  // Their parent becomes the joined Document: unlinked first, so copying them copies not the part's root.
  for (const kid of topLevel) {
    const element = document.context.lookup(kid);
    if (element instanceof PDFDict) element.delete(PDFName.of('P'));
  }
  if (idPrefix) prefixStructureIds(document, topLevel, idPrefix);
  const ids = readIdTree(document, root.lookupMaybe(PDFName.of('IDTree'), PDFDict), idPrefix);
  const parentTree: [number, PDFObject][] = [];
  collectNumbers(document, root.lookupMaybe(PDFName.of('ParentTree'), PDFDict), parentTree);
  const declared = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber();
  const nextKey = Math.max(declared ?? 0, ...parentTree.map(([key]) => key + 1));
  return { topLevel, parentTree, nextKey, ids };
}

/** A number tree's entries, its `/Kids` walked. */
function collectNumbers(document: PDFDocument, node: PDFDict | undefined, into: [number, PDFObject][]): void {
  if (!node) return;
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
    const key = nums.lookup(i);
    if (key instanceof PDFNumber) into.push([key.asNumber(), nums.get(i + 1)]);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) collectNumbers(document, kids.lookupMaybe(i, PDFDict), into);
}

/** Moves a copied page's structure keys (and its links') past the earlier parts' keys. */
function shiftKeys(page: PDFPageLeaf, by: number): void {
  if (by === 0) return;
  shiftKey(page, 'StructParents', by);
  const annotations = page.lookupMaybe(PDFName.of('Annots'), PDFArray);
  for (let i = 0; annotations && i < annotations.size(); i++) {
    const annotation = annotations.lookupMaybe(i, PDFDict);
    if (annotation) shiftKey(annotation, 'StructParent', by);
  }
}

function shiftKey(dict: PDFDict, name: string, by: number): void {
  const value = dict.lookupMaybe(PDFName.of(name), PDFNumber);
  if (value) dict.set(PDFName.of(name), PDFNumber.of(value.asNumber() + by));
}

/** The document's language and viewer settings, which Chromium writes into each part alike. */
function copyCatalogEntries(from: PDFDocument, to: PDFDocument, copier: PDFObjectCopier): void {
  for (const name of ['Lang', 'ViewerPreferences']) {
    const value = from.catalog.get(PDFName.of(name));
    if (value) to.catalog.set(PDFName.of(name), copier.copy(value));
  }
}

function asList(value: PDFObject | undefined): PDFObject[] {
  if (value instanceof PDFArray) return value.asArray();
  return value ? [value] : [];
}
