/**
 * How big a diagram prints in the handout. Mermaid draws at the slide's scale: its labels are
 * in the SVG's own units (the theme's 20px), and its width is whatever the layout needed, so
 * fitted to the text width a wide flowchart's labels came out at 7 pt and a narrow one's at
 * 20 pt. Here the scale comes from the labels: the largest at the body size, the smallest not
 * under 9 pt, never wider than the text, and never so tall that its slide's block cannot
 * stay on one page.
 */

/** A diagram as drawn, at scale 1, in the SVG's own units. */
export interface DiagramLabels {
  width: number;
  height: number;
  /** Font size of every visible label. */
  labelSizes: readonly number[];
}

/** In CSS px of the printed page (1pt = 4/3 px). */
export interface PrintScaleLimits {
  textWidth: number;
  /** The most a diagram may take of a page: the page less room for its slide's title and notes. */
  maxHeight: number;
  minLabel: number;
  maxLabel: number;
}

export interface DiagramPrintScale {
  scale: number;
  /** Labels larger than this (SVG units) are set to it, so that none prints above the body size. */
  largestLabel?: number;
  /** The printed label sizes, smallest and largest, in CSS px (for the report and tests). */
  printedLabels?: { smallest: number; largest: number };
}

/** 9 pt and the body's 10.5 pt, in CSS px. */
export const LABEL_LIMITS_PX = { minLabel: 12, maxLabel: 14 } as const;

/**
 * The scale is the smallest that still prints the largest labels at the body size, raised if
 * that leaves the smallest under 9 pt (the larger ones are then set down to the body size:
 * text shrinks inside its box without spilling), and lowered to the text width, which wins:
 * a diagram too wide for its labels at text width prints them below 9 pt rather than off the page.
 */
export function diagramPrintScale(diagram: DiagramLabels, limits: PrintScaleLimits): DiagramPrintScale {
  const fits = Math.min(limits.textWidth / diagram.width, diagram.height > 0 ? limits.maxHeight / diagram.height : Infinity);
  if (diagram.labelSizes.length === 0 || !(diagram.width > 0)) return { scale: Math.min(1, fits) };
  const smallest = Math.min(...diagram.labelSizes);
  const largest = Math.max(...diagram.labelSizes);
  const wanted = Math.max(limits.maxLabel / largest, limits.minLabel / smallest);
  const scale = Math.min(wanted, fits);
  const tooLarge = largest * scale > limits.maxLabel + 0.01;
  return {
    scale,
    ...(tooLarge ? { largestLabel: limits.maxLabel / scale } : {}),
    printedLabels: { smallest: smallest * scale, largest: Math.min(largest * scale, limits.maxLabel) },
  };
}
