import type { Diagram, Slide } from '../model/deck.js';
import type { DiagramDrawing } from './deck-diagrams.js';

/**
 * A flowchart drawn left to right is as wide as its chain is long: on a slide that is what the
 * room needs, but fitted to a portrait page's text width its labels print at 6–7 pt. The same
 * chart drawn top to bottom is narrow, so the handout can print it with readable labels; it
 * chooses between the two when it lays out the page (export/pdf/fit-handout.ts).
 */
export function uprightSource(source: string): string | undefined {
  const lines = source.split('\n');
  // The header is the first line that is not blank, a %% comment or Mermaid's own front matter.
  let at = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
    if (close < 0) return undefined;
    at = close + 1;
  }
  while (at < lines.length && (lines[at]?.trim() === '' || lines[at]?.trim().startsWith('%%'))) at += 1;
  const header = /^(\s*(?:flowchart|graph)\s+)(LR|RL)\b(.*)$/.exec(lines[at] ?? '');
  if (!header) return undefined;
  return [...lines.slice(0, at), `${header[1]}TB${header[3]}`, ...lines.slice(at + 1)].join('\n');
}

/** The id an upright variant of a diagram is drawn under (never one of the deck's own ids: those are hashes). */
export const uprightId = (id: string) => `${id}-upright`;

/**
 * Draws the upright variant of each left-to-right flowchart of a deck: SVG by the diagram's own
 * id. A variant that fails to draw is left out (the chart prints as it is on the slide).
 */
export async function drawUprightDiagrams(
  drawing: DiagramDrawing,
  deck: { file: string; slides: readonly Pick<Slide, 'diagrams'>[] },
  themeCss: string,
  source: string,
): Promise<Map<string, string>> {
  const variants: Diagram[] = [];
  for (const diagram of deck.slides.flatMap((slide) => slide.diagrams)) {
    const upright = uprightSource(diagram.source);
    if (upright !== undefined) variants.push({ ...diagram, id: uprightId(diagram.id), source: upright });
  }
  if (variants.length === 0) return new Map();
  const drawn = await drawing.drawDeck({ file: deck.file, slides: [{ diagrams: variants }] }, themeCss, source);
  if (drawn.inPage) return new Map();
  const svgs = new Map<string, string>();
  for (const variant of variants) {
    const svg = drawn.svgs.get(variant.id);
    if (svg !== undefined) svgs.set(variant.id.slice(0, -'-upright'.length), svg);
  }
  return svgs;
}
