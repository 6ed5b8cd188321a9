import type { Page } from 'puppeteer-core';
import { PAPER_MM, PRINT_MARGINS_MM, RULED_LINE_MM, type PrintPageOptions } from '../../render/print-page.js';
import { type DiagramLabels, type DiagramPrintScale, diagramPrintScale, LABEL_LIMITS_PX } from './diagram-print-scale.js';
import { fitNotesLines, paginate, type PrintUnit, withLines } from './handout-pagination.js';

/** What the fitting did, for tests and for anyone tuning it. */
export interface HandoutFit {
  diagrams: DiagramPrintScale[];
  notesLines: number[];
  /** The pages the fitting expects Chromium to print. */
  pages: number;
  lastPageFill: number;
}

const px = (mm: number) => (mm * 96) / 25.4;

/**
 * A last page less than a third full is worth a few shorter notes if that saves the sheet; one
 * under a fifth that cannot be saved is a sliver (the tests want none under 15 %).
 */
const LAST_PAGE = { saveLastPageBelow: 1 / 3, sliverBelow: 0.2, safety: px(2) };
const MIN_NOTES_LINES = 1;
/** What a page keeps beside a diagram: the slide's title and its notes lines. */
const DIAGRAM_PAGE_ROOM_MM = 50;

/**
 * Lays the loaded handout out for its paper before it is printed: diagrams scaled for their
 * labels, then the notes lines of the last blocks shortened if the last page would hold only a
 * sliver. The page is measured at the print text width with print media, so its layout is the
 * one Chromium paginates; one pass, no second print.
 */
export async function fitHandoutPage(page: Page, paper: PrintPageOptions['paper']): Promise<HandoutFit> {
  const textWidthMm = PAPER_MM[paper].width - 2 * PRINT_MARGINS_MM.side;
  const pageHeight = px(PAPER_MM[paper].height - PRINT_MARGINS_MM.top - PRINT_MARGINS_MM.bottom);
  await page.emulateMediaType('print');
  await page.evaluate((width: number) => {
    document.body.style.width = `${width}mm`;
  }, textWidthMm);
  try {
    const drawn = await page.evaluate(measureDiagrams);
    const limits = { textWidth: px(textWidthMm), maxHeight: pageHeight - px(DIAGRAM_PAGE_ROOM_MM), ...LABEL_LIMITS_PX };
    const scales = drawn.map((diagram) => diagramPrintScale(diagram, limits));
    const kept = chooseVariants(drawn, scales, limits.minLabel);
    await page.evaluate(keepVariants, kept);
    const diagrams = scales.filter((_, at) => kept[at]);
    await page.evaluate(applyDiagramScales, diagrams);

    const { units, notesLines } = await page.evaluate(measureBlocks, pageHeight);
    const lineHeight = px(RULED_LINE_MM);
    const fitted = fitNotesLines(units, notesLines, { pageHeight, lineHeight, ...LAST_PAGE, minLines: MIN_NOTES_LINES });
    if (fitted.some((lines, at) => lines !== notesLines[at])) await page.evaluate(applyNotesLines, fitted);
    const expected = paginate(withLines(units, notesLines, fitted, lineHeight), pageHeight);
    return { diagrams, notesLines: fitted, pages: expected.pages, lastPageFill: expected.lastPageFill };
  } finally {
    await page.evaluate(() => {
      document.body.style.width = '';
    });
  }
}

/**
 * Which drawings to print: every diagram's only one; of a flowchart drawn both ways
 * (diagrams/upright-diagrams.ts), the one drawn as on the slide unless its labels would print
 * under the smallest size and the upright one prints them larger.
 */
export function chooseVariants(drawn: readonly Pick<MeasuredDiagram, 'variant'>[], scales: readonly DiagramPrintScale[], minLabel: number): boolean[] {
  const smallest = (at: number) => scales[at]?.printedLabels?.smallest ?? 0;
  return drawn.map((diagram, at) => {
    if (diagram.variant === undefined) return true;
    const other = diagram.variant === 'wide' ? at + 1 : at - 1;
    const uprightWins = (wide: number, upright: number) => smallest(wide) < minLabel && smallest(upright) > smallest(wide);
    return diagram.variant === 'wide' ? !uprightWins(at, other) : uprightWins(other, at);
  });
}

/** A diagram as measured in the page, and which drawing it is when there are two. */
interface MeasuredDiagram extends DiagramLabels {
  variant?: 'wide' | 'upright';
}

/** Runs in the page: the drawings not chosen are removed, and the measuring shows no more of them. */
function keepVariants(kept: boolean[]): void {
  Array.from(document.querySelectorAll<SVGSVGElement>('.lectern-diagram > svg')).forEach((svg, at) => {
    if (kept[at] === false) svg.remove();
    else svg.removeAttribute('data-lectern-variant');
  });
  document.body.classList.remove('print-measuring-variants');
}

/**
 * Runs in the page: each diagram's width and label sizes in its own units. A label's size is
 * its computed font size times its own scale on screen over the SVG's, so labels inside
 * foreignObject (flowcharts) and SVG text (git graphs) count alike. Each label is tagged with
 * its size for `applyDiagramScales`.
 */
function measureDiagrams(): MeasuredDiagram[] {
  // Both drawings of a two-way flowchart are shown while they are measured.
  document.body.classList.add('print-measuring-variants');
  const scaleOf = (element: SVGGraphicsElement) => {
    const matrix = element.getScreenCTM();
    return matrix ? Math.hypot(matrix.a, matrix.b) : 1;
  };
  return Array.from(document.querySelectorAll<SVGSVGElement>('.lectern-diagram > svg')).map((svg) => {
    const svgScale = scaleOf(svg);
    const viewBox = svg.viewBox.baseVal;
    const box = svg.getBoundingClientRect();
    const [width, height] = viewBox && viewBox.width > 0 ? [viewBox.width, viewBox.height] : [box.width / svgScale, box.height / svgScale];
    const labelSizes: number[] = [];
    const walker = document.createTreeWalker(svg, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || !node.textContent?.trim() || element.closest('style, title, desc') || element.hasAttribute('data-label-size')) continue;
      if (element.getBoundingClientRect().width === 0) continue;
      const carrier = element instanceof SVGGraphicsElement ? element : element.closest('foreignObject');
      if (!carrier) continue;
      const size = (Number.parseFloat(getComputedStyle(element).fontSize) * scaleOf(carrier)) / svgScale;
      element.setAttribute('data-label-size', String(size));
      labelSizes.push(size);
    }
    const variant = svg.getAttribute('data-lectern-variant');
    return { width, height, labelSizes, ...(variant === 'wide' || variant === 'upright' ? { variant } : {}) };
  });
}

/** Runs in the page: each diagram at its print width, its too-large labels set down to the largest allowed. */
function applyDiagramScales(scales: DiagramPrintScale[]): void {
  const svgs = Array.from(document.querySelectorAll<SVGSVGElement>('.lectern-diagram > svg'));
  svgs.forEach((svg, at) => {
    const fit = scales[at];
    if (!fit) return;
    const viewBox = svg.viewBox.baseVal;
    const width = viewBox && viewBox.width > 0 ? viewBox.width : svg.getBoundingClientRect().width;
    svg.style.width = `${width * fit.scale}px`;
    svg.style.maxWidth = '100%';
    svg.style.height = 'auto';
    const largest = fit.largestLabel;
    if (largest === undefined) return;
    for (const label of Array.from(svg.querySelectorAll<HTMLElement | SVGElement>('[data-label-size]'))) {
      const size = Number(label.getAttribute('data-label-size'));
      if (size <= largest) continue;
      const local = Number.parseFloat(getComputedStyle(label).fontSize);
      // SVG text sits on its baseline: smaller, it would ride up in its box. It keeps its centre.
      const text = label instanceof SVGElement ? label.closest('text') : null;
      const before = text?.getBBox();
      label.style.fontSize = `${(local * largest) / size}px`;
      if (!text || !before || text.transform.baseVal.numberOfItems > 0) continue;
      const after = text.getBBox();
      const shift = (from: number, fromSize: number, to: number, toSize: number) => from + fromSize / 2 - (to + toSize / 2);
      text.style.translate = `${shift(before.x, before.width, after.x, after.width)}px ${shift(before.y, before.height, after.y, after.height)}px`;
    }
  });
}

/**
 * Runs in the page: the title block, then each slide's block as one unit, except a block taller
 * than a page (marked `--tall`), whose parts are the units, its notes joined to the part before;
 * a part taller than a page is marked too, to break where it is.
 * A gap is the distance from the previous unit: what Chromium drops at the top of a page.
 */
function measureBlocks(pageHeight: number): { units: PrintUnit[]; notesLines: number[] } {
  const units: PrintUnit[] = [];
  const notesLines: number[] = [];
  let previousBottom: number | undefined;
  const add = (top: number, bottom: number, notesOf?: number) => {
    units.push({ gapBefore: previousBottom === undefined ? 0 : Math.max(0, top - previousBottom), height: bottom - top, ...(notesOf === undefined ? {} : { notesOf }) });
    previousBottom = bottom;
  };
  const front = document.querySelector('.print-front')?.getBoundingClientRect();
  if (front) add(front.top, front.bottom);
  for (const block of Array.from(document.querySelectorAll<HTMLElement>('.print-slide'))) {
    const index = notesLines.length;
    const lines = block.querySelector<HTMLElement>('.print-notes .print-lines');
    notesLines.push(Number(lines?.style.getPropertyValue('--lines') || 0));
    const notesOf = lines ? index : undefined;
    const box = block.getBoundingClientRect();
    const tall = box.height > pageHeight;
    block.classList.toggle('print-slide--tall', tall);
    if (!tall) {
      add(box.top, box.bottom, notesOf);
      continue;
    }
    const parts = Array.from(block.children).map((part) => {
      const partBox = part.getBoundingClientRect();
      // A part taller than a page (a long listing) breaks where it is rather than leave a page empty.
      part.classList.toggle('print-part--tall', partBox.height > pageHeight);
      return { box: partBox, notes: part.classList.contains('print-notes') };
    });
    parts.forEach((part, at) => {
      const next = parts[at + 1];
      if (part.notes) return;
      // The notes never start a page: they travel with the part before them.
      const bottom = next?.notes ? next.box.bottom : part.box.bottom;
      add(at === 0 ? box.top : part.box.top, bottom, next?.notes ? notesOf : undefined);
    });
  }
  return { units, notesLines };
}

/** Runs in the page: each slide block's notes at its fitted number of lines. */
function applyNotesLines(lines: number[]): void {
  Array.from(document.querySelectorAll<HTMLElement>('.print-slide')).forEach((block, at) => {
    const ruled = block.querySelector<HTMLElement>('.print-notes .print-lines');
    const count = lines[at];
    if (ruled && count !== undefined) ruled.style.setProperty('--lines', String(count));
  });
}
