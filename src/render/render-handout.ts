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
  withoutTitleHeading,
} from './print-page.js';
import type { RenderTokens } from './render-slides.js';

/** The handout's own print rules: a slide's block, worksheets, lines to write notes on. */
const HANDOUT_STYLES = `
.print-notes { margin: 2mm 0 4mm; break-inside: avoid; }
.print-notes .print-lines { --lines: 3; }
.print-worksheet { margin: 3mm 0 4mm; border: 0.5mm solid #2b5c73; border-radius: 1.5mm; padding: 3mm 4mm 4mm; break-inside: avoid; page-break-inside: avoid; }
.print-worksheet__header { display: flex; align-items: baseline; gap: 3mm; margin-bottom: 2mm; }
.print-worksheet__header h3 { margin: 0; flex: 1; }
.print-worksheet__time { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-weight: 700; color: #2b5c73; }
.print-worksheet__answer { margin-top: 3mm; border-top: 0.25mm dashed #a9b4bb; padding-top: 1mm; }
`;

/**
 * The student handout: every slide's content re-flowed for paper, activities as worksheets
 * with room to answer, `::: handout` material in its own box. Speaker notes never appear:
 * they are for the instructor and are not read here at all.
 */
export function renderHandoutPage(deck: Deck, schedule: Schedule, options: PrintPageOptions): string {
  const markdown = createMarkdownRenderer({ ...options, codeSteps: 'final', colourCode: colourCodeIn(deck) });
  const render: RenderTokens = (tokens) => markdown(demoteHeadings(tokens));
  const title = deck.meta.title ?? deck.slug;
  const slides = deck.slides.filter((slide) => slide.generated !== 'title').map((slide) => renderHandoutSlide(slide, render));
  const body = `${renderPrintTitle(deck.meta, title, schedule, 'Student handout')}
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

function renderHandoutSlide(slide: Slide, render: RenderTokens): string {
  const content = renderHandoutBlocks(withoutTitleHeading(slide.blocks), render);
  return `<section class="print-slide" id="slide-${slide.index + 1}">
<h2>${escapeHtml(slide.title)}</h2>
${content}
<div class="print-notes"><span class="print-label">Notes</span><div class="print-lines" aria-hidden="true"></div></div>
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
