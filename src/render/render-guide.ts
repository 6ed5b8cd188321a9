import type { ActivityBlock, Block, Deck, HandoutBlock, Slide } from '../model/deck.js';
import { formatClock, formatDuration } from '../model/duration.js';
import type { Schedule, ScheduleEntry } from '../model/schedule.js';
import { escapeHtml } from './escape.js';
import { colourCodeIn } from './code-budget.js';
import { createMarkdownRenderer } from './markdown-renderer.js';
import { demoteHeadings, type GuidePageOptions, printDocument, renderPrintTitle, SLIDE_PREVIEW_CSS } from './print-page.js';
import type { RenderTokens } from './render-slides.js';

/** The guide's own print rules: the schedule table and one card per slide. */
const GUIDE_STYLES = `
.print-schedule { font-size: 9.5pt; margin-bottom: 6mm; }
.print-schedule td.num, .print-schedule th.num { text-align: right; white-space: nowrap; }
.print-schedule tfoot td { font-weight: 700; background: #f3f6f8; }
.print-schedule .print-over { color: #b3123c; }
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
.print-card__activity-time { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 9pt; font-weight: 700; color: #2b5c73; margin-left: 1mm; }
`;

/** The slide as itself (vector), else its screenshot, else its title in a box. */
function renderPicture(slide: Slide, options: GuidePageOptions): string {
  const section = options.previews?.sections.get(slide.index);
  if (section !== undefined) {
    const background = slideBackground(section);
    const style = background ? ` style="background: ${escapeHtml(background.css)}"` : '';
    const links = options.previews?.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('') ?? '';
    // A declarative shadow root: the deck's CSS styles the slide and nothing else, with no script.
    return `<div class="slide-preview${background?.dark ? ' slide-preview--dark' : ''}"${style}><template shadowrootmode="open">${links}<style>${SLIDE_PREVIEW_CSS}</style><div class="reveal"><div class="slides">${section}</div></div></template></div>`;
  }
  const thumbnail = options.thumbnails?.get(slide.index);
  return thumbnail
    ? `<img src="${escapeHtml(thumbnail)}" alt="${escapeHtml(`Slide ${slide.index + 1}: ${slide.title}`)}">`
    : `<span class="print-card__placeholder">${escapeHtml(slide.title)}</span>`;
}

/** reveal.js draws `data-background` with script; the preview needs it as CSS. */
function slideBackground(section: string): { css: string; dark: boolean } | undefined {
  const open = /^<section\b[^>]*>/.exec(section)?.[0] ?? '';
  const color = /\sdata-background(?:-color)?="([^"]+)"/.exec(open)?.[1];
  const image = /\sdata-background-image="([^"]+)"/.exec(open)?.[1];
  if (image) return { css: `center / cover no-repeat url("${image.replace(/"/g, '%22')}")`, dark: false };
  if (!color || !/^(#[0-9a-f]{3,8}|rgba?\([^)]*\)|[a-z]+)$/i.test(color)) return undefined;
  return { css: color, dark: isDarkColor(color) };
}

function isDarkColor(color: string): boolean {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return false;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
}

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
  const cards = deck.slides.map((slide) =>
    renderCard(slide, entries.get(slide.index), renderPicture(slide, options), render, rehearsal?.get(slide.index)));
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

function renderScheduleTable(schedule: Schedule, rehearsal: ReadonlyMap<number, number> | undefined): string {
  /** The "Rehearsed" cell of a row (only when there is a rehearsal). */
  const rehearsed = (seconds: number | undefined) =>
    rehearsal ? `<td class="num print-rehearsed">${seconds === undefined ? '–' : formatDuration(seconds)}</td>` : '';
  const rows = schedule.entries.map((entry) => {
    const activities = entry.activities
      .map((a) => `${escapeHtml(a.title)}${a.seconds === undefined ? '' : ` (${formatDuration(a.seconds)})`}`)
      .join('<br>');
    return `<tr><td class="num">${formatClock(entry.startSeconds)}</td><td class="num">${formatDuration(entry.seconds)}</td>${rehearsed(rehearsal?.get(entry.slideIndex))}<td class="num">${entry.slideIndex + 1}</td><td>${escapeHtml(entry.title)}</td><td>${activities}</td></tr>`;
  });
  const rehearsedTotal = rehearsal
    ? schedule.entries.reduce((sum, e) => sum + (rehearsal.get(e.slideIndex) ?? 0), 0)
    : undefined;
  const rehearsedHead = rehearsal ? '<th class="num">Rehearsed</th>' : '';
  return `<table class="print-schedule">
<thead><tr><th class="num">Start</th><th class="num">Time</th>${rehearsedHead}<th class="num">#</th><th>Slide</th><th>Activity</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td class="num">${formatClock(schedule.totalSeconds)}</td><td class="num">${formatDuration(schedule.totalSeconds)}</td>${rehearsed(rehearsedTotal)}<td></td><td colspan="2">${renderTotal(schedule)}</td></tr></tfoot>
</table>`;
}

/** The planned total against the deck's duration, so a plan that does not fit shows at once. */
function renderTotal(schedule: Schedule): string {
  const total = schedule.totalSeconds;
  const duration = schedule.durationSeconds;
  if (duration === undefined) return `Total ${formatDuration(total)} (no duration set)`;
  const difference = Math.round(total - duration);
  const comparison =
    difference === 0
      ? 'fits exactly'
      : difference > 0
        ? `<span class="print-over">${formatDuration(difference)} over</span>`
        : `${formatDuration(-difference)} to spare`;
  return `Total ${formatDuration(total)} of ${formatDuration(duration)} duration: ${comparison}`;
}

function renderCard(
  slide: Slide,
  entry: ScheduleEntry | undefined,
  picture: string,
  render: RenderTokens,
  rehearsedSeconds: number | undefined,
): string {
  const number = slide.index + 1;
  const timing = [
    entry ? `Slide ${number} · planned ${formatClock(entry.seconds)} at start ${formatClock(entry.startSeconds)}` : `Slide ${number}`,
    rehearsedSeconds === undefined ? '' : ` · <span class="print-rehearsed">rehearsed ${formatClock(rehearsedSeconds)}</span>`,
  ].join('');
  const notes = slide.notes.map((block) => render(block.tokens)).join('\n');
  const details = renderGuideBlocks(slide.blocks, render, false);
  return `<section class="print-card" id="slide-${number}" data-slide="${number}">
<div class="print-card__picture">${picture}</div>
<div class="print-card__body">
<h2>${escapeHtml(slide.title)}</h2>
<p class="print-card__timing">${timing}</p>
<div class="print-card__notes">${notes.trim() ? notes : '<p class="print-muted">No speaker notes.</p>'}</div>
${details}
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
