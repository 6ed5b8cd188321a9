import type { TextAlternative } from './diagram-description.js';

/** The opening `<svg …>` tag, quoted attribute values skipped whole (they may hold `>`). */
const OPENING_TAG = /^(\s*)<svg\b((?:[^>"']|"[^"]*"|'[^']*')*)>/;

/**
 * Gives Mermaid's SVG text its text alternative: role="img", a `<title>` first and a `<desc>`,
 * both named by aria-labelledby. Mermaid marks its drawing as a graphics document, which screen
 * readers and Chromium's PDF tags walk into label by label; an image with a name is what both
 * read as one figure (Chromium tags it a Figure whose Alt is that name).
 *
 * The name is the title and the description together, on purpose: a PDF's Figure has one Alt
 * and Chromium fills it from the accessible name only, so aria-describedby would leave the
 * description out of every PDF.
 *
 * Ids are the SVG's own id (from the diagram's content hash at build time) plus a suffix, so they
 * are deterministic and as unique as the drawing is. Mermaid's own title and desc (from
 * accTitle/accDescr) are replaced: the alternative already carries them.
 */
export function withTextAlternative(svg: string, alternative: TextAlternative): string {
  const opening = OPENING_TAG.exec(svg);
  if (!opening) return svg;
  const attributes = opening[2] ?? '';
  const id = /\sid="([^"]*)"/.exec(attributes)?.[1] ?? 'lectern-diagram';
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const kept = attributes.replace(/\s(?:role|aria-labelledby|aria-describedby|aria-label)="[^"]*"/g, '');
  const tag = `${opening[1] ?? ''}<svg${kept} role="img" aria-labelledby="${titleId} ${descId}">`;
  const children = `<title id="${titleId}">${xmlText(sentence(alternative.title))}</title><desc id="${descId}">${xmlText(alternative.description)}</desc>`;
  const rest = svg.slice(opening[0].length).replace(mermaidAccessibleText(id), '');
  return `${tag}${children}${rest}`;
}

/**
 * The title as a sentence: the name a screen reader reads and a PDF's Alt run the title and the
 * description together, and "Flowchart, 7 steps. Commit → CI checks" reads as two thoughts.
 */
function sentence(title: string): string {
  const trimmed = title.trim();
  return trimmed === '' || /[.!?:;…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The `<title>` and `<desc>` Mermaid puts first for accTitle/accDescr (ids chart-title-<id>, chart-desc-<id>). */
function mermaidAccessibleText(id: string): RegExp {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(?:\\s*<(title|desc) id="chart-(?:title|desc)-${escaped}">[^<]*</\\1>)+`);
}

/**
 * Text for an SVG element, safe both as XML and inside HTML (decks inline their SVG): markup
 * characters escaped, and characters XML cannot carry at all (control characters, lone
 * surrogates) left out.
 */
export function xmlText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
    .replace(/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
