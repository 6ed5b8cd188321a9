import type { ActivityBlock, Block, Deck, HandoutBlock, Slide } from '../model/deck.js';
import { formatDuration } from '../model/duration.js';
import type { Schedule } from '../model/schedule.js';
import { escapeHtml } from './escape.js';
import { colourCodeIn } from './code-budget.js';
import { createMarkdownRenderer } from './markdown-renderer.js';
import {
  answerLines,
  demoteHeadings,
  printDocument,
  type PrintPageOptions,
  renderPrintTitle,
  sourceLine,
  withoutTitleHeading,
} from './print-page.js';
import type { RenderTokens } from './render-slides.js';

/**
 * The handout's own print rules. A slide's block is one unit on paper: it moves whole to the
 * next page rather than leave its notes (or a worksheet's answer lines) alone at the top of a
 * page. A block taller than a page (`--tall`, set when the page is fitted before printing)
 * breaks between its parts instead (inside a part only if that is taller than a page too), and
 * still never just before its notes. The block's space
 * above is a margin of its own (the heading's is zero), so at the top of a page Chromium
 * truncates it and the fitting's pagination matches the print.
 */
const HANDOUT_STYLES = `
.print-student { display: flex; gap: 8mm; margin: -2mm 0 2mm; font-family: "Source Sans 3", "Source Sans Pro", Helvetica, Arial, "DejaVu Sans", sans-serif; font-size: 10pt; color: #3d4b55; }
.print-student__field { display: flex; align-items: baseline; gap: 2mm; flex: 2; }
.print-student__field--date { flex: 1; }
.print-student__line { flex: 1; border-bottom: 0.3mm solid #5b6770; min-height: 6mm; }
.print-slide { display: flow-root; margin-top: 6mm; break-inside: avoid; page-break-inside: avoid; }
.print-slide--tall, .print-slide--tall > .print-part--tall { break-inside: auto; page-break-inside: auto; }
.print-slide__head { display: flex; align-items: baseline; gap: 3mm; margin-bottom: 2mm; padding-bottom: 1mm; border-bottom: 0.4mm solid #2b5c73; break-after: avoid; page-break-after: avoid; }
.print-slide__head h2 { flex: 1; margin: 0; padding: 0; border: 0; }
.print-slide__number { font-family: "Source Sans 3", "Source Sans Pro", Helvetica, Arial, "DejaVu Sans", sans-serif; font-size: 9pt; font-weight: 700; color: #2b5c73; white-space: nowrap; }
.print-notes { margin: 2mm 0 0; break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.print-worksheet { margin: 3mm 0 4mm; border: 0.5mm solid #2b5c73; border-radius: 1.5mm; padding: 3mm 4mm 4mm; break-inside: avoid; page-break-inside: avoid; }
.print-worksheet__header { display: flex; align-items: baseline; gap: 3mm; margin-bottom: 2mm; }
.print-worksheet__header h3 { margin: 0; flex: 1; }
.print-worksheet__time { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-weight: 700; color: #2b5c73; }
.print-worksheet__answer { margin-top: 3mm; border-top: 0.25mm dashed #a9b4bb; padding-top: 1mm; break-inside: avoid; break-before: avoid; page-break-before: avoid; }
.lectern-diagram { break-inside: avoid; }
.lectern-diagram > svg[data-lectern-variant="upright"] { display: none; }
.print-measuring-variants .lectern-diagram > svg[data-lectern-variant="upright"] { display: inline; }
`;

/** Ruled lines under each slide for the student's notes; the fitting may shorten the last few. */
export const HANDOUT_NOTES_LINES = 3;

export interface HandoutPageOptions extends PrintPageOptions {
  /** Left-to-right flowcharts drawn top to bottom, by diagram id (diagrams/upright-diagrams.ts). */
  uprightDiagrams?: ReadonlyMap<string, string>;
}

/**
 * A diagram with an upright variant carries both drawings, marked; the upright one stays hidden
 * unless the print layout (export/pdf/fit-handout.ts) finds it prints the labels larger.
 */
function withUprightVariants(diagrams: ReadonlyMap<string, string> | undefined, upright: ReadonlyMap<string, string> | undefined): ReadonlyMap<string, string> | undefined {
  if (!diagrams || !upright || upright.size === 0) return diagrams;
  const mark = (svg: string, variant: string) => svg.replace(/^\s*<svg\b/, `<svg data-lectern-variant="${variant}"`);
  return new Map([...diagrams].map(([id, svg]) => {
    const other = upright.get(id);
    return [id, other === undefined ? svg : `${mark(svg, 'wide')}${mark(other, 'upright')}`];
  }));
}

/**
 * The student handout: every slide's content re-flowed for paper, activities as worksheets
 * with room to answer, `::: handout` material in its own box. Speaker notes never appear:
 * they are for the instructor and are not read here at all.
 */
export function renderHandoutPage(deck: Deck, schedule: Schedule, options: HandoutPageOptions): string {
  const diagrams = withUprightVariants(options.diagrams, options.uprightDiagrams);
  const markdown = createMarkdownRenderer({ ...options, ...(diagrams ? { diagrams } : {}), codeSteps: 'final', colourCode: colourCodeIn(deck) });
  const render: RenderTokens = (tokens) => markdown(demoteHeadings(tokens));
  const title = deck.meta.title ?? deck.slug;
  const slides = deck.slides.filter((slide) => slide.generated !== 'title').map((slide) => renderHandoutSlide(slide, render));
  const body = `<div class="print-front">
${renderPrintTitle(deck.meta, title, schedule, 'Student handout')}
${STUDENT_LINES}
</div>
<main class="print-handout-page">
${slides.join('\n')}
</main>`;
  return printDocument({
    lang: deck.meta.lang,
    title: `${title} — Student handout`,
    ...(deck.meta.author ? { author: deck.meta.author } : {}),
    paper: options.paper,
    styles: HANDOUT_STYLES,
    body,
  });
}

/** Where the student writes their name and the date, under the title on the first page. */
const STUDENT_LINES = `<div class="print-student">
<span class="print-student__field">Name<span class="print-student__line"></span></span>
<span class="print-student__field print-student__field--date">Date<span class="print-student__line"></span></span>
</div>`;

/**
 * One slide's block. Its number is the one the deck counts (the slides PDF, the presenter), the
 * generated title slide included, so "see slide 12" finds it. The heading stays a plain h2:
 * Chromium's bookmarks are the slide titles.
 */
function renderHandoutSlide(slide: Slide, render: RenderTokens): string {
  const number = slide.index + 1;
  const content = renderHandoutBlocks(withoutTitleHeading(slide.blocks), render);
  return `<section class="print-slide" id="slide-${number}" data-slide-number="${number}"${sourceLine(slide)}>
<header class="print-slide__head"><h2>${escapeHtml(slide.title)}</h2><span class="print-slide__number">Slide ${number}</span></header>
${content}
<div class="print-notes"><span class="print-label">Notes</span><div class="print-lines" style="--lines: ${HANDOUT_NOTES_LINES}" aria-hidden="true"></div></div>
</section>`;
}

function renderHandoutBlocks(blocks: readonly Block[], render: RenderTokens): string {
  return blocks
    .map((block) => {
      if (block.kind === 'markdown') return render(block.tokens);
      if (block.kind === 'activity') return renderWorksheet(block, render);
      return renderHandoutBox(block, render);
    })
    .filter((html) => html.trim() !== '')
    .join('\n');
}

/** An activity as a worksheet: instructions, then ruled space sized to the planned time. */
function renderWorksheet(activity: ActivityBlock, render: RenderTokens): string {
  const seconds = activity.durationSeconds;
  const time = seconds === undefined ? '' : `<span class="print-worksheet__time">${formatDuration(seconds)}</span>`;
  return `<section class="print-worksheet" id="activity-${escapeHtml(activity.id)}" data-activity-id="${escapeHtml(activity.id)}">
<div class="print-worksheet__header"><span class="print-label">Activity</span><h3>${escapeHtml(activity.title)}</h3>${time}</div>
<div class="print-worksheet__instructions">
${renderHandoutBlocks(activity.children, render)}
</div>
<div class="print-worksheet__answer"><span class="print-label">Your answers</span><div class="print-lines" style="--lines: ${answerLines(seconds)}" aria-hidden="true"></div></div>
</section>`;
}

function renderHandoutBox(block: HandoutBlock, render: RenderTokens): string {
  return `<aside class="print-handout">
<span class="print-label">Further reading</span>
${block.children.map((child) => render(child.tokens)).join('\n')}
</aside>`;
}
