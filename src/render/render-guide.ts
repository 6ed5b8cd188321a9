import type { ActivityBlock, Block, Deck, HandoutBlock, Slide } from '../model/deck.js';
import { formatClock, formatDuration } from '../model/duration.js';
import type { Schedule, ScheduleEntry } from '../model/schedule.js';
import { escapeHtml } from './escape.js';
import { colourCodeIn } from './code-budget.js';
import { COLUMN_PICTURE_MM, renderPicture, slideDetail, textWidthMm } from './guide-picture.js';
import { markedTime, renderScheduleTable } from './guide-schedule.js';
import { createMarkdownRenderer } from './markdown-renderer.js';
import { demoteHeadings, type GuidePageOptions, printDocument, renderPrintTitle, sourceLine } from './print-page.js';
import type { RenderTokens } from './render-slides.js';

/** The guide's own print rules: the schedule table and one card per slide. */
const GUIDE_STYLES = `
.print-schedule { font-size: 9.5pt; margin-bottom: 6mm; }
.print-schedule td.num, .print-schedule th.num { text-align: right; white-space: nowrap; }
.print-schedule tfoot td { font-weight: 700; background: #f3f6f8; }
.print-schedule .print-over { color: #b3123c; }
.print-schedule:has(+ .print-schedule__legend) { margin-bottom: 1.5mm; }
.print-schedule__legend { margin: 0 0 6mm; font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 9pt; color: #5b6770; }
.print-card { display: grid; grid-template-columns: 80mm 1fr; gap: 5mm; margin: 0 0 5mm; padding-top: 3mm; border-top: 0.3mm solid #c9d6de; break-inside: avoid; page-break-inside: avoid; }
.print-card h2 { margin-top: 0; font-size: 12pt; }
.print-card__picture { align-self: start; aspect-ratio: 16 / 9; width: 100%; border: 0.3mm solid #9aa6ae; overflow: hidden; background: #f3f6f8; display: flex; align-items: center; justify-content: center; text-align: center; padding: 2mm; }
.print-card__picture img { display: block; width: 100%; height: 100%; object-fit: contain; }
.print-card__picture:has(.slide-preview) { padding: 0; display: block; }
.slide-preview { display: block; width: 100%; height: 100%; }
.print-card__picture:has(img) { padding: 0; background: #fff; }
.print-card__placeholder { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 12pt; font-weight: 600; color: #3d4b55; }
.print-card__timing { margin: 0 0 1.5mm; font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 9pt; color: #5b6770; }
.print-card__notes { margin-bottom: 2mm; }
.print-card__activity { margin: 2mm 0; padding: 2mm 3mm; border: 0.4mm solid #2b5c73; border-radius: 1mm; }
.print-card__activity h3 { margin: 0 0 1mm; font-size: 10.5pt; }
/* A slide with a diagram, code or a table: title and timing, the picture across the text width, the notes under it. */
.print-card--wide { display: block; break-inside: auto; page-break-inside: auto; }
.print-card__head { break-inside: avoid; break-after: avoid; page-break-after: avoid; }
.print-card--wide .print-card__picture { margin: 0 0 3mm; }
.print-card--wide .print-card__picture:has(.slide-preview--fit) { aspect-ratio: auto; }
.print-card--wide .slide-preview--fit { height: auto; }
.print-card__activity-time { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 9pt; font-weight: 700; color: #2b5c73; margin-left: 1mm; }
`;

/**
 * The instructor guide: the schedule first (it is what the instructor checks the clock
 * against), then one card per slide with its picture, timing, speaker notes, activities and
 * what the students find about it in their handout.
 */
export function renderGuidePage(deck: Deck, schedule: Schedule, options: GuidePageOptions): string {
  const markdown = createMarkdownRenderer({ ...options, codeSteps: 'final', colourCode: colourCodeIn(deck) });
  const render: RenderTokens = (tokens) => markdown(demoteHeadings(tokens));
  const title = deck.meta.title ?? deck.slug;
  const entries = new Map(schedule.entries.map((entry) => [entry.slideIndex, entry]));
  const rehearsal = options.rehearsal;
  const cards = deck.slides.map((slide) => {
    // Only a slide whose diagram, code or table the notes may point at gets the full width: the guide stays short.
    const wide = slideDetail(slide) !== undefined;
    const picture = wide ? renderPicture(slide, options, textWidthMm(options.paper), true) : renderPicture(slide, options, COLUMN_PICTURE_MM);
    return renderCard(slide, { entry: entries.get(slide.index), picture, wide, rehearsedSeconds: rehearsal?.get(slide.index) }, render);
  });
  const body = `${renderPrintTitle(deck.meta, title, schedule, 'Instructor guide')}
<main class="print-guide-page">
<h2 id="schedule">Schedule</h2>
${renderScheduleTable(schedule, rehearsal)}
${cards.join('\n')}
</main>`;
  return printDocument({
    // The theme's variables (colours, fonts) reach the previews from the page.
    ...(options.previews ? { stylesheets: options.previews.stylesheets.filter((href) => href.endsWith('theme.css')) } : {}),
    lang: deck.meta.lang,
    title: `${title} — Instructor guide`,
    ...(deck.meta.author ? { author: deck.meta.author } : {}),
    paper: options.paper,
    styles: GUIDE_STYLES,
    body,
  });
}

interface CardParts {
  entry: ScheduleEntry | undefined;
  /** The picture's HTML, drawn at the card's width. */
  picture: string;
  /** The picture across the text width, the notes under it (instead of beside it). */
  wide: boolean;
  rehearsedSeconds: number | undefined;
}

function renderCard(slide: Slide, { entry, picture, wide, rehearsedSeconds }: CardParts, render: RenderTokens): string {
  const number = slide.index + 1;
  const timing = [
    entry ? `Slide ${number} · planned ${markedTime(entry, formatClock)} at start ${formatClock(entry.startSeconds)}` : `Slide ${number}`,
    rehearsedSeconds === undefined ? '' : ` · <span class="print-rehearsed">rehearsed ${formatClock(rehearsedSeconds)}</span>`,
  ].join('');
  const notes = slide.notes.map((block) => render(block.tokens)).join('\n');
  const details = renderGuideBlocks(slide.blocks, render, false);
  const heading = `<h2>${escapeHtml(slide.title)}</h2>
<p class="print-card__timing">${timing}</p>`;
  const body = `<div class="print-card__notes">${notes.trim() ? notes : '<p class="print-muted">No speaker notes.</p>'}</div>
${details}`;
  // A wide card is a plain column: title, picture, notes; the notes may go on over the page.
  if (wide) {
    return `<section class="print-card print-card--wide" id="slide-${number}" data-slide="${number}"${sourceLine(slide)}>
<div class="print-card__head">${heading}
<div class="print-card__picture">${picture}</div>
</div>
${body}
</section>`;
  }
  return `<section class="print-card" id="slide-${number}" data-slide="${number}"${sourceLine(slide)}>
<div class="print-card__picture">${picture}</div>
<div class="print-card__body">
${heading}
${body}
</div>
</section>`;
}

/**
 * What the guide shows of a slide's blocks: activities and handout material. The slide's own
 * markdown is in the picture; inside an activity it is the instructions, so it is kept there.
 */
function renderGuideBlocks(blocks: readonly Block[], render: RenderTokens, inActivity: boolean): string {
  return blocks
    .map((block) => {
      if (block.kind === 'activity') return renderGuideActivity(block, render);
      if (block.kind === 'handout') return renderGuideHandout(block, render);
      return inActivity ? render(block.tokens) : '';
    })
    .filter((html) => html.trim() !== '')
    .join('\n');
}

function renderGuideActivity(activity: ActivityBlock, render: RenderTokens): string {
  const time = activity.durationSeconds === undefined ? 'no time set' : formatDuration(activity.durationSeconds);
  return `<div class="print-card__activity" data-activity-id="${escapeHtml(activity.id)}">
<span class="print-label">Activity</span> <span class="print-card__activity-time">${time}</span>
<h3>${escapeHtml(activity.title)}</h3>
${renderGuideBlocks(activity.children, render, true)}
</div>`;
}

function renderGuideHandout(block: HandoutBlock, render: RenderTokens): string {
  return `<aside class="print-handout">
<span class="print-label">In the student handout</span>
${block.children.map((child) => render(child.tokens)).join('\n')}
</aside>`;
}
