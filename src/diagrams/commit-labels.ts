/**
 * gitGraph commit labels clear of the branch lines. With `rotateCommitLabel: false` Mermaid
 * centres each label under its commit, right where the line to a branch below leaves it (or a
 * merge from below arrives), so the line runs through the label. This moves such a label
 * sideways, beside the line, where it meets no other line or label.
 *
 * Runs in the drawing page (self-contained: puppeteer sends its source): takes Mermaid's SVG
 * text, lays it out in the document to measure it, and returns the SVG text with labels moved.
 */
export function clearCommitLabels(svgText: string): string {
  if (!svgText.includes('aria-roledescription="gitGraph"')) return svgText;
  const holder = document.createElement('div');
  holder.innerHTML = svgText;
  document.body.append(holder);
  try {
    const svg = holder.querySelector<SVGSVGElement>('svg');
    if (!svg) return svgText;
    type Box = { left: number; top: number; right: number; bottom: number };
    // Between a line's edge and a moved label: half the widest stroke and a few pixels (screen units).
    let gap = 4;
    const points: { x: number; y: number }[] = [];
    for (const line of svg.querySelectorAll<SVGGeometryElement>('path.arrow, line.branch')) {
      const matrix = line.getScreenCTM();
      if (!matrix) continue;
      gap = Math.max(gap, (parseFloat(getComputedStyle(line).strokeWidth) || 0) * matrix.a * 0.5 + 4);
      const length = line.getTotalLength();
      for (let at = 0; at <= length; at += 1) points.push(line.getPointAtLength(at).matrixTransform(matrix));
    }
    const labels = [...svg.querySelectorAll<SVGTextElement>('text.commit-label')].map((text) => {
      const previous = text.previousElementSibling;
      const background = previous instanceof SVGRectElement && previous.classList.contains('commit-label-bkg') ? previous : undefined;
      return { text, background, box: (background ?? text).getBoundingClientRect() as Box };
    });
    const hitsLine = (box: Box) => points.some((p) => p.x > box.left && p.x < box.right && p.y > box.top && p.y < box.bottom);
    const hitsLabel = (box: Box, self: number) =>
      labels.some((other, i) => i !== self && box.left < other.box.right && other.box.left < box.right && box.top < other.box.bottom && other.box.top < box.bottom);
    labels.forEach((label, index) => {
      const { box } = label;
      if (!hitsLine(box)) return;
      // The lines crossing the label's band: the label goes just right of them, else just left.
      const crossing = points.filter((p) => p.y > box.top && p.y < box.bottom && p.x > box.left && p.x < box.right).map((p) => p.x);
      const width = box.right - box.left;
      const candidates = [Math.max(...crossing) + gap - box.left, Math.min(...crossing) - gap - width - box.left];
      for (const shift of candidates) {
        const moved = { ...box, left: box.left + shift, right: box.right + shift };
        if (hitsLine(moved) || hitsLabel(moved, index)) continue;
        const scale = label.text.getScreenCTM()?.a ?? 1;
        for (const element of [label.text, label.background]) {
          if (element) element.setAttribute('x', String(Number(element.getAttribute('x') ?? 0) + shift / scale));
        }
        label.box = moved;
        return;
      }
    });
    // A label moved past the drawing's edge widens the view box to keep it in.
    const view = svg.viewBox.baseVal;
    const drawn = svg.getBBox();
    const left = Math.min(view.x, drawn.x);
    const right = Math.max(view.x + view.width, drawn.x + drawn.width);
    if (left < view.x || right > view.x + view.width) {
      svg.setAttribute('viewBox', `${left} ${view.y} ${right - left} ${view.height}`);
      if (svg.style.maxWidth) svg.style.maxWidth = `${right - left}px`;
    }
    return holder.innerHTML;
  } finally {
    holder.remove();
  }
}
