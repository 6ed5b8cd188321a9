import { PDFArray, PDFContext, PDFDict, PDFName, PDFObjectParser, PDFRef, type PDFObject } from 'pdf-lib';

/**
 * Adds a document catalog's new entries and a new /Info to a PDF Chromium printed, as an
 * incremental update: the new objects, a cross-reference section for them and a trailer are
 * appended, and not one byte of Chromium's is rewritten. Loading and saving the whole file with
 * pdf-lib cost ~1 s for 200 tagged slides (11,500 objects); this reads the few objects it needs.
 *
 * Undefined when the file is not laid out as Chromium writes it (a classic cross-reference
 * table): the caller then rewrites it with pdf-lib.
 */
export function appendUpdate(bytes: Uint8Array, update: (file: UpdatableFile) => void): Uint8Array | undefined {
  const file = readFile(bytes);
  if (!file) return undefined;
  update(file);
  return file.write();
}

export interface UpdatableFile {
  /** Where new objects are made (numbered after the file's own). */
  context: PDFContext;
  /** The document catalog: a copy, written back under its own number. */
  catalog: PDFDict;
  /** The document information: a copy of the file's (or a new one), written as a new object. */
  info: PDFDict;
  /** The pages' references, in order. */
  pages: PDFRef[];
}

const latin1 = new TextDecoder('latin1');

function readFile(bytes: Uint8Array): (UpdatableFile & { write(): Uint8Array }) | undefined {
  const tail = latin1.decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!startxref) return undefined;
  const xrefAt = Number(startxref[1]);
  const xref = readXrefTable(bytes, xrefAt);
  if (!xref) return undefined;
  const context = PDFContext.create();
  const trailer = parseAt(bytes, xref.trailerAt, context);
  if (!(trailer instanceof PDFDict)) return undefined;
  const object = (ref: PDFObject | undefined): PDFObject | undefined => {
    if (!(ref instanceof PDFRef)) return ref;
    const offset = xref.offsets.get(ref.objectNumber);
    return offset === undefined ? undefined : parseIndirect(bytes, offset, context);
  };
  const rootRef = trailer.get(PDFName.of('Root'));
  const catalog = object(rootRef);
  if (!(rootRef instanceof PDFRef) || !(catalog instanceof PDFDict)) return undefined;
  const pages = pageRefs(catalog.get(PDFName.of('Pages')), object);
  if (!pages) return undefined;
  const oldInfo = object(trailer.get(PDFName.of('Info')));
  const info = oldInfo instanceof PDFDict ? oldInfo : context.obj({});
  const size = Math.max(...xref.offsets.keys()) + 1;
  context.largestObjectNumber = size - 1;
  const infoRef = context.nextRef();

  return {
    context,
    catalog,
    info,
    pages,
    write() {
      context.assign(rootRef, catalog);
      context.assign(infoRef, info);
      const chunks: string[] = [];
      const entries: [number, number][] = [];
      let offset = bytes.length + 1;
      chunks.push('\n');
      for (const [ref, value] of context.enumerateIndirectObjects()) {
        const text = `${ref.objectNumber} ${ref.generationNumber} obj\n${value.toString()}\nendobj\n`;
        entries.push([ref.objectNumber, offset]);
        chunks.push(text);
        offset += text.length;
      }
      entries.sort(([a], [b]) => a - b);
      const trailerEntries: Record<string, PDFObject | number> = { Size: Math.max(size, context.largestObjectNumber + 1), Root: rootRef, Info: infoRef, Prev: xrefAt };
      const id = trailer.get(PDFName.of('ID'));
      if (id) trailerEntries.ID = id;
      chunks.push(`xref\n${entries.map(([number, at]) => `${number} 1\n${String(at).padStart(10, '0')} 00000 n \n`).join('')}`);
      chunks.push(`trailer\n${context.obj(trailerEntries).toString()}\nstartxref\n${offset}\n%%EOF\n`);
      // One character, one byte: strings parsed from the file hold its bytes as characters 0–255.
      const appended = Buffer.from(chunks.join(''), 'latin1');
      const out = new Uint8Array(bytes.length + appended.length);
      out.set(bytes);
      out.set(appended, bytes.length);
      return out;
    },
  };
}

/** A classic cross-reference table: each object's offset, and where the trailer's dictionary starts. */
function readXrefTable(bytes: Uint8Array, at: number): { offsets: Map<number, number>; trailerAt: number } | undefined {
  const end = indexOf(bytes, 'trailer', at);
  if (end < 0) return undefined;
  const text = latin1.decode(bytes.subarray(at, end));
  if (!text.startsWith('xref')) return undefined;
  const offsets = new Map<number, number>();
  const lines = text.slice(4).split(/\r\n|\r|\n/).map((line) => line.trim()).filter(Boolean);
  let next = 0;
  for (const line of lines) {
    const subsection = /^(\d+) (\d+)$/.exec(line);
    if (subsection) {
      next = Number(subsection[1]);
      continue;
    }
    const entry = /^(\d{10}) (\d{5}) ([nf])$/.exec(line);
    if (!entry) return undefined;
    if (entry[3] === 'n') offsets.set(next, Number(entry[1]));
    next += 1;
  }
  return { offsets, trailerAt: end + 'trailer'.length };
}

function pageRefs(node: PDFObject | undefined, object: (ref: PDFObject | undefined) => PDFObject | undefined, depth = 0): PDFRef[] | undefined {
  const dict = object(node);
  if (!(node instanceof PDFRef) || !(dict instanceof PDFDict) || depth > 32) return undefined;
  if (dict.get(PDFName.of('Type')) === PDFName.of('Page')) return [node];
  const kids = object(dict.get(PDFName.of('Kids')));
  if (!(kids instanceof PDFArray)) return undefined;
  const refs: PDFRef[] = [];
  for (const kid of kids.asArray()) {
    const below = pageRefs(kid, object, depth + 1);
    if (!below) return undefined;
    refs.push(...below);
  }
  return refs;
}

function parseIndirect(bytes: Uint8Array, offset: number, context: PDFContext): PDFObject | undefined {
  const header = /^\s*\d+\s+\d+\s+obj/.exec(latin1.decode(bytes.subarray(offset, offset + 40)));
  return header ? parseAt(bytes, offset + header[0].length, context) : undefined;
}

function parseAt(bytes: Uint8Array, offset: number, context: PDFContext): PDFObject | undefined {
  try {
    return PDFObjectParser.forBytes(bytes.subarray(offset), context).parseObject();
  } catch {
    return undefined;
  }
}

function indexOf(bytes: Uint8Array, text: string, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, 'latin1');
}
