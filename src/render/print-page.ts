import type { Token, Tokens } from 'marked';
import type { Block, DeckMeta, Slide } from '../model/deck.js';
import { formatDuration } from '../model/duration.js';
import type { Schedule } from '../model/schedule.js';
import { escapeHtml } from './escape.js';

/** What the printed pages (handout, guide) need besides the deck; Chromium prints them. */
export interface PrintPageOptions {
  paper: 'A4' | 'Letter';
  /** Rendered SVG by diagram id, as for the slides. */
  diagrams?: ReadonlyMap<string, string>;
  /** Where a local file the deck refers to ends up, relative to the page. */
  assetUrl?: (url: string) => string | undefined;
}

/** Slides drawn as themselves in the guide: their sections, and the deck's stylesheets to draw them with. */
export interface SlidePreviews {
  sections: ReadonlyMap<number, string>;
  /** URLs of reveal.js's, the theme's and lectern's stylesheets, relative to the page. */
  stylesheets: readonly string[];
}

export interface GuidePageOptions extends PrintPageOptions {
  /** Each slide as vector HTML (sharp, selectable, no screenshots); wins over `thumbnails`. */
  previews?: SlidePreviews;
  /** Picture of each slide (a URL or data: URL) by slide index; a slide without one gets a placeholder. */
  thumbnails?: ReadonlyMap<number, string>;
  /** Actual seconds by slide index from the latest rehearsal: adds a "Rehearsed" column and a note on each card. */
  rehearsal?: ReadonlyMap<number, number>;
}

/**
 * Height of one ruled answer line. The rule sits just above the band's end: a rule touching
 * the end would bleed into the top of the area, where the repeating gradient wraps.
 */
export const RULED_LINE_MM = 7.5;

/** Light highlight.js colours: code must stay readable on paper and in greyscale. */
const HIGHLIGHT_CSS = `
.hljs { color: #24292e; }
.hljs-comment, .hljs-quote { color: #6a737d; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-type, .hljs-doctag, .hljs-template-tag { color: #b3123c; }
.hljs-string, .hljs-regexp, .hljs-meta .hljs-string, .hljs-char.escape_ { color: #0a3d80; }
.hljs-number, .hljs-literal, .hljs-symbol, .hljs-bullet, .hljs-variable.constant_ { color: #005cc5; }
.hljs-title, .hljs-title.class_, .hljs-title.function_, .hljs-section { color: #6f42c1; font-weight: 600; }
.hljs-attr, .hljs-attribute, .hljs-property, .hljs-selector-attr, .hljs-selector-class, .hljs-selector-id { color: #005cc5; }
.hljs-built_in, .hljs-name, .hljs-selector-pseudo, .hljs-tag { color: #1a7f37; }
.hljs-meta, .hljs-meta .hljs-keyword { color: #735c0f; }
.hljs-variable, .hljs-template-variable, .hljs-params, .hljs-subst { color: #24292e; }
.hljs-addition { color: #1a7f37; background: #f0fff4; }
.hljs-deletion { color: #b31d28; background: #ffeef0; }
.hljs-link { text-decoration: underline; }
.hljs-emphasis { font-style: italic; }
.hljs-strong { font-weight: 700; }
`;

/**
 * Inside a slide preview's shadow root (the guide): the slide at its own 1280×720, zoomed to the
 * picture's width (`--lectern-preview-zoom`, set by the guide per picture), every fragment shown.
 * The shadow root keeps the guide's styles and the deck's apart; the theme's variables and the
 * zoom still inherit from the page.
 */
export const SLIDE_PREVIEW_CSS = `:host { display: block; position: relative; width: 100%; height: 100%; overflow: hidden; background: var(--r-background-color, #fff); }
.reveal { position: absolute; left: 0; top: 0; width: 1280px; height: 720px; zoom: var(--lectern-preview-zoom, 0.23622); overflow: hidden; }
.reveal .slides { position: absolute; inset: 0; width: 1280px; height: 720px; margin: 0; transform: none; perspective: none; pointer-events: none; }
.reveal .slides > section { display: flex !important; flex-direction: column; justify-content: safe center; position: absolute !important; top: 0 !important; left: 0 !important; width: 1280px !important; height: 720px !important; padding: 0 26px; box-sizing: border-box; transform: none !important; opacity: 1 !important; visibility: visible !important; }
/* A flex item with auto side margins (a diagram's figure) would shrink to its content, and an SVG 100% wide with it to a 300 px default: on the slide it is a block as wide as the slide's content. */
.reveal .slides > section > .lectern-diagram { width: 100%; }
/* A picture as tall as the slide's content (the guide's full-width ones): the blank above and below is paper, not information. */
:host(.slide-preview--fit) .reveal, :host(.slide-preview--fit) .reveal .slides { position: relative; height: auto; }
:host(.slide-preview--fit) .reveal .slides > section { position: relative !important; height: auto !important; }
.reveal .fragment { opacity: 1 !important; visibility: visible !important; transform: none !important; }
/* Paper does not scroll: code the theme lets scroll on screen is drawn cut as the slide shows it, not as a region no one can reach. */
.reveal pre, .reveal pre code { overflow: hidden !important; }
.reveal aside.notes { display: none; }
:host(.slide-preview--dark) .reveal .slides > section, :host(.slide-preview--dark) .reveal h1, :host(.slide-preview--dark) .reveal h2, :host(.slide-preview--dark) .reveal h3 { color: #fff; }`;

/** The printed documents' page margins (`@page`); the handout's fitting lays pages out with them. */
export const PRINT_MARGINS_MM = { top: 16, side: 14, bottom: 18 } as const;

/** Paper sizes in millimetres, portrait. */
export const PAPER_MM = { A4: { width: 210, height: 297 }, Letter: { width: 215.9, height: 279.4 } } as const;

/** The stylesheet both printed documents share; the paper size goes into `@page`. */
export function printStyles(paper: PrintPageOptions['paper']): string {
  return `
@page { size: ${paper} portrait; margin: ${PRINT_MARGINS_MM.top}mm ${PRINT_MARGINS_MM.side}mm ${PRINT_MARGINS_MM.bottom}mm; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Source Serif 4", "Source Serif Pro", Charter, "Bitstream Charter", Georgia, "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.45; color: #1b1f23; background: #fff; }
h1, h2, h3, h4, h5, h6 { font-family: "Source Sans 3", "Source Sans Pro", "Segoe UI", Helvetica, Arial, "DejaVu Sans", sans-serif; line-height: 1.2; break-after: avoid; page-break-after: avoid; break-inside: avoid; }
h1 { font-size: 20pt; margin: 0 0 2mm; }
h2 { font-size: 14pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 0.4mm solid #2b5c73; color: #17384a; }
h3 { font-size: 11.5pt; margin: 4mm 0 1.5mm; }
h4, h5, h6 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p, ul, ol, blockquote, table, pre, figure { margin: 0 0 2.5mm; }
ul, ol { padding-left: 6mm; }
li { margin: 0.5mm 0; }
p, li { orphans: 2; widows: 2; }
a { color: #0b5394; text-decoration: underline; }
blockquote { margin-left: 0; padding: 1mm 4mm; border-left: 1mm solid #c9d6de; color: #3d4b55; }
img { max-width: 100%; height: auto; }
figure { break-inside: avoid; }
.lectern-diagram { text-align: center; }
.lectern-diagram svg { max-width: 100%; height: auto; }
.lectern-diagram pre { text-align: left; }
code, pre { font-family: "JetBrains Mono", "Source Code Pro", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 8.8pt; }
:not(pre) > code { background: #f1f3f5; padding: 0 0.8mm; border-radius: 0.6mm; }
pre { background: #f6f8fa; border: 0.25mm solid #dde2e6; border-radius: 1mm; padding: 2.5mm 3mm; white-space: pre-wrap; overflow-wrap: anywhere; break-inside: avoid; }
pre code { background: none; padding: 0; white-space: inherit; }
table { border-collapse: collapse; width: 100%; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 0.25mm solid #9aa6ae; padding: 1mm 2mm; text-align: left; vertical-align: top; }
th { background: #e8eef2; }
.fragment { opacity: 1 !important; visibility: visible !important; }
.print-title { margin-bottom: 6mm; padding-bottom: 3mm; border-bottom: 0.6mm solid #17384a; }
.print-title__course { margin: 0 0 1mm; font-family: "Source Sans 3", Helvetica, Arial, sans-serif; text-transform: uppercase; letter-spacing: 0.06em; font-size: 9pt; color: #2b5c73; }
.print-title__kind { float: right; font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 9pt; color: #5b6770; }
.print-title__subtitle { margin: 0 0 1.5mm; font-size: 12pt; color: #3d4b55; }
.print-title__meta { margin: 0; font-size: 9.5pt; color: #5b6770; }
.print-label { font-family: "Source Sans 3", Helvetica, Arial, sans-serif; font-size: 8pt; font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: #5b6770; }
.print-lines { min-height: calc(var(--lines, 3) * ${RULED_LINE_MM}mm); background-image: repeating-linear-gradient(to bottom, transparent 0, transparent ${RULED_LINE_MM - 0.5}mm, #a9b4bb ${RULED_LINE_MM - 0.5}mm, #a9b4bb ${RULED_LINE_MM - 0.25}mm, transparent ${RULED_LINE_MM - 0.25}mm, transparent ${RULED_LINE_MM}mm); }
.print-handout { margin: 3mm 0 4mm; border-left: 1.5mm solid #c08a1e; background: #fdf6e7; padding: 2.5mm 4mm; break-inside: avoid; }
.print-handout > .print-label { display: block; margin-bottom: 1mm; color: #8a5f0c; }
.print-muted { color: #5b6770; font-style: italic; }
${HIGHLIGHT_CSS}`;
}

export interface PrintDocument {
  lang: string;
  title: string;
  author?: string;
  paper: PrintPageOptions['paper'];
  body: string;
  /** Stylesheets the page links (the guide's slide previews use the deck's own). */
  stylesheets?: readonly string[];
  /** The document's own rules (handout, guide), after the shared ones. */
  styles: string;
}

/** The whole page around a document's body: no scripts; only the deck's own stylesheets linked. */
export function printDocument(doc: PrintDocument): string {
  const author = doc.author ? `\n<meta name="author" content="${escapeHtml(doc.author)}">` : '';
  // The deck's stylesheets come first: the document's own styles must win over a theme's.
  const links = (doc.stylesheets ?? []).map((href) => `\n<link rel="stylesheet" href="${escapeHtml(href)}">`).join('');
  return `<!doctype html>
<html lang="${escapeHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="generator" content="lectern">${author}
<title>${escapeHtml(doc.title)}</title>${links}
<style>${printStyles(doc.paper)}${doc.styles}</style>
</head>
<body>
${doc.body}
</body>
</html>
`;
}

/** Course line, title, subtitle, author and planned length at the top of a document. */
export function renderPrintTitle(meta: DeckMeta, title: string, schedule: Schedule, kind: string): string {
  const course = [meta.course, meta.module ? `Module ${meta.module}` : undefined].filter(Boolean).join(' · ');
  const planned = schedule.durationSeconds ?? schedule.totalSeconds;
  const details = [meta.author, `Planned time: ${formatDuration(planned)}`].filter(Boolean).map((s) => escapeHtml(s ?? ''));
  return `<header class="print-title">
<span class="print-title__kind">${escapeHtml(kind)}</span>
${course ? `<p class="print-title__course">${escapeHtml(course)}</p>\n` : ''}<h1>${escapeHtml(title)}</h1>
${meta.subtitle ? `<p class="print-title__subtitle">${escapeHtml(meta.subtitle)}</p>\n` : ''}<p class="print-title__meta">${details.join(' · ')}</p>
</header>`;
}

/**
 * Heading levels 1–2 inside content become h3: the document owns h1 and h2, so Chromium's
 * PDF outline has the document and one bookmark per slide, nothing else.
 */
export function demoteHeadings(tokens: readonly Token[]): Token[] {
  return tokens.map((token) => {
    if (token.type !== 'heading') return token;
    const heading = token as Tokens.Heading;
    return heading.depth >= 3 ? token : ({ ...heading, depth: 3 } as Token);
  });
}

/**
 * The blocks without the heading that gave the slide its title (the page prints that title
 * itself), found the way the parser found it: first h1–h3 unless an activity comes first.
 */
export function withoutTitleHeading(blocks: readonly Block[]): Block[] {
  const out = [...blocks];
  for (let i = 0; i < out.length; i += 1) {
    const block = out[i];
    if (!block || block.kind === 'activity') break;
    if (block.kind !== 'markdown') continue;
    const at = block.tokens.findIndex((t) => t.type === 'heading' && (t as Tokens.Heading).depth <= 3);
    if (at < 0) continue;
    out[i] = { ...block, tokens: block.tokens.filter((_, j) => j !== at) };
    break;
  }
  return out;
}

/** Ruled lines for writing: more time planned, more room to answer. */
export function answerLines(seconds: number | undefined): number {
  if (seconds === undefined) return 6;
  return Math.min(14, Math.max(4, Math.round(seconds / 120)));
}

/** The slide's line in the deck on its block, so `check --a11y` reports a problem of the page at its slide. */
export function sourceLine(slide: Slide): string {
  return slide.generated ? '' : ` data-lectern-line="${slide.position.line}"`;
}
