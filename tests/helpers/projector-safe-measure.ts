/**
 * Measures the slide reveal.js shows now, in the page, for the projector-safe checks: where its
 * content lies against the safe margin and the navigation arrows, how large its diagrams' text
 * is drawn, whether gitGraph commit labels are rotated or lie on a line, and whether a centred
 * slide's blocks are all centred. Everything is in slide pixels (reveal's scale taken out).
 * Runs inside the page: self-contained, no imports.
 */

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface SlideMeasure {
  slide: string;
  /** Content elements reaching into the safe margin, with their box. */
  outsideSafeArea: string[];
  /** Content elements under a navigation arrow. */
  underControls: string[];
  /** Body text size (the slide's paragraphs), and every diagram text drawn smaller than 60 % of it. */
  bodyFontSize: number;
  smallestDiagramText: number | null;
  smallDiagramText: string[];
  /** gitGraph commit labels turned, or lying on a branch line or arrow. */
  rotatedCommitLabels: string[];
  commitLabelsOnLines: string[];
  /** On a centred slide, the blocks that are not centred. */
  offCentreBlocks: string[];
}

export function measureShownSlide(safeShare: number, minDiagramShare: number): SlideMeasure {
  const reveal = (window as unknown as { Reveal: { getCurrentSlide(): HTMLElement; getScale(): number; getIndices(): { h: number; v?: number } } }).Reveal;
  const section = reveal.getCurrentSlide();
  const scale = reveal.getScale();
  const slides = document.querySelector<HTMLElement>('.reveal .slides');
  if (!slides) throw new Error('no .reveal .slides in the page');
  const origin = slides.getBoundingClientRect();
  const width = slides.offsetWidth;
  const height = slides.offsetHeight;
  const indices = reveal.getIndices();
  const slide = `${indices.h + 1}${indices.v ? `.${indices.v + 1}` : ''}`;
  const inSlide = (r: { left: number; top: number; right: number; bottom: number }): Box => ({
    left: (r.left - origin.left) / scale,
    top: (r.top - origin.top) / scale,
    right: (r.right - origin.left) / scale,
    bottom: (r.bottom - origin.top) / scale,
  });
  const round = (b: Box) => `[${[b.left, b.top, b.right, b.bottom].map((v) => Math.round(v)).join(', ')}]`;
  const describe = (el: Element) => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''}> "${text}"`;
  };
  const intersects = (a: Box, b: Box, slack = 0) =>
    a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;

  // Content: every element of the slide with a size, except what a scrolling or clipping
  // ancestor hides (that ancestor's own box is measured) and what never shows (speaker notes).
  const clipped = (el: Element) => {
    for (let up = el.parentElement; up && up !== section; up = up.parentElement) {
      if (up instanceof SVGElement || getComputedStyle(up).overflow !== 'visible') return true;
    }
    return false;
  };
  const content = [...section.querySelectorAll<HTMLElement>('*')].filter((el) => {
    if (el.closest('aside.notes') || el.closest('section') !== section || clipped(el)) return false;
    const rect = el.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  });

  const tolerance = 1;
  const safe: Box = { left: width * safeShare, top: height * safeShare, right: width * (1 - safeShare), bottom: height * (1 - safeShare) };
  const outsideSafeArea: string[] = [];
  for (const el of content) {
    const box = inSlide(el.getBoundingClientRect());
    if (box.left < safe.left - tolerance || box.top < safe.top - tolerance || box.right > safe.right + tolerance || box.bottom > safe.bottom + tolerance) {
      outsideSafeArea.push(`${describe(el)} at ${round(box)}`);
    }
  }

  const arrows = [...document.querySelectorAll('.reveal .controls button')]
    .filter((button) => getComputedStyle(button).visibility !== 'hidden')
    .map((button) => inSlide(button.getBoundingClientRect()))
    .filter((box) => box.right > box.left);
  const underControls = content
    .filter((el) => arrows.some((arrow) => intersects(arrow, inSlide(el.getBoundingClientRect()))))
    .map((el) => `${describe(el)} at ${round(inSlide(el.getBoundingClientRect()))}`);

  // Diagram text: the computed size times the SVG's scale on screen, in slide pixels.
  const paragraph = section.querySelector(':scope > p') ?? section;
  const bodyFontSize = parseFloat(getComputedStyle(paragraph).fontSize);
  const smallDiagramText: string[] = [];
  let smallestDiagramText: number | null = null;
  for (const svg of section.querySelectorAll<SVGSVGElement>('.lectern-diagram svg')) {
    const labels = [...svg.querySelectorAll<SVGGraphicsElement>('text, foreignObject')];
    for (const label of labels) {
      const words = (label.textContent ?? '').trim();
      const matrix = label.getScreenCTM();
      if (!words || !matrix) continue;
      const styled = label instanceof SVGForeignObjectElement ? label.querySelector('span, div, p') ?? label : label;
      const size = (parseFloat(getComputedStyle(styled).fontSize) * Math.hypot(matrix.a, matrix.b)) / scale;
      smallestDiagramText = Math.min(smallestDiagramText ?? size, size);
      if (size < bodyFontSize * minDiagramShare - 0.05) smallDiagramText.push(`"${words.slice(0, 30)}" drawn at ${size.toFixed(1)} px`);
    }
  }

  // gitGraph commit labels: no rotation on the label or its groups; its box clear of every line.
  const rotatedCommitLabels: string[] = [];
  const commitLabelsOnLines: string[] = [];
  for (const svg of section.querySelectorAll<SVGSVGElement>('.lectern-diagram svg[aria-roledescription="gitGraph"]')) {
    const lines = [...svg.querySelectorAll<SVGGeometryElement>('path.arrow, line.branch')];
    for (const label of svg.querySelectorAll<SVGTextElement>('text.commit-label')) {
      const name = (label.textContent ?? '').trim();
      for (let up: Element | null = label; up && up !== svg; up = up.parentElement) {
        // A rotation shows in the attribute, or in the computed matrix's skew terms.
        const [, b = '0', c = '0'] = /matrix\(([^)]*)\)/.exec(getComputedStyle(up).transform)?.[1]?.split(',') ?? [];
        if (/rotate/.test(up.getAttribute('transform') ?? '') || Math.abs(parseFloat(b)) > 1e-6 || Math.abs(parseFloat(c)) > 1e-6) {
          rotatedCommitLabels.push(name);
          break;
        }
      }
      const background = label.previousElementSibling?.matches('rect.commit-label-bkg') ? label.previousElementSibling : label;
      const box = background.getBoundingClientRect();
      const crossing = lines.find((line) => {
        const matrix = line.getScreenCTM();
        if (!matrix) return false;
        const length = line.getTotalLength();
        for (let at = 0; at <= length; at += 1) {
          const point = line.getPointAtLength(at).matrixTransform(matrix);
          if (point.x > box.left + 0.5 && point.x < box.right - 0.5 && point.y > box.top + 0.5 && point.y < box.bottom - 0.5) return true;
        }
        return false;
      });
      if (crossing) commitLabelsOnLines.push(`"${name}" crosses <${crossing.tagName} class="${crossing.getAttribute('class') ?? ''}">`);
    }
  }

  // A centred slide: each block's visible extent (a text block's lines, another block's box)
  // centred on the slide's content box.
  const offCentreBlocks: string[] = [];
  if (section.classList.contains('center')) {
    const padded = section.getBoundingClientRect();
    const style = getComputedStyle(section);
    const middle = (padded.left + parseFloat(style.paddingLeft) + padded.right - parseFloat(style.paddingRight)) / 2;
    for (const block of section.children) {
      if (block.matches('aside.notes, script, style') || block.getBoundingClientRect().height === 0) continue;
      let extent: DOMRect | Box = block.getBoundingClientRect();
      if (block.matches('p, h1, h2, h3, h4, h5, h6')) {
        const range = document.createRange();
        range.selectNodeContents(block);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (rects.length > 0) extent = { left: Math.min(...rects.map((r) => r.left)), right: Math.max(...rects.map((r) => r.right)), top: 0, bottom: 0 };
      }
      const offset = ((extent.left + extent.right) / 2 - middle) / scale;
      if (Math.abs(offset) > 4) offCentreBlocks.push(`${describe(block)} off centre by ${Math.round(offset)} px`);
    }
  }

  return { slide, outsideSafeArea, underControls, bodyFontSize, smallestDiagramText, smallDiagramText, rotatedCommitLabels, commitLabelsOnLines, offCentreBlocks };
}
