import type { Deck } from '../model/deck.js';
import type { Schedule } from '../model/schedule.js';
import { escapeHtml, scriptJson } from './escape.js';
import { colourCodeIn } from './code-budget.js';
import { createMarkdownRenderer, type MarkdownRenderOptions } from './markdown-renderer.js';
import { joinSlideSections, type RenderedSlide, renderSlideSections, type SectionCache } from './render-slides.js';

/** What the page links to, relative to the page; the build copies the files there. */
export const PAGE_ASSETS = {
  revealCss: 'assets/reveal.css',
  revealJs: 'assets/reveal.js',
  notesJs: 'assets/notes.js',
  themeCss: 'assets/theme.css',
  highlightCss: 'assets/highlight.css',
  lecternCss: 'assets/lectern.css',
  lecternJs: 'assets/lectern.js',
  mermaidJs: 'assets/mermaid.min.js',
} as const;

export interface RenderPageOptions extends MarkdownRenderOptions {
  /** Link the separate highlight stylesheet (a reveal built-in theme has no code colours). */
  highlightStylesheet: boolean;
  /** Mermaid settings when the page must draw its own diagrams (no browser at build time). */
  inPageDiagrams?: object;
  /** Served by `lectern serve`: the page connects to the live server. */
  live?: boolean;
  /** Sections of the previous render, reused for unchanged slides (the live server). */
  sectionCache?: SectionCache;
}

export interface RenderedDeck {
  html: string;
  /** Each slide's section, for the live server's in-place updates. */
  sections: RenderedSlide[];
}

/** Settings lectern picks for a classroom; the deck's `reveal:` front matter overrides them. */
export const REVEAL_DEFAULTS: Readonly<Record<string, unknown>> = {
  width: 1280,
  height: 720,
  margin: 0.04,
  hash: true,
  controls: true,
  progress: true,
  slideNumber: 'c/t',
  showSlideNumber: 'all',
  transition: 'slide',
  center: true,
};

/** The whole `index.html` of a deck. Pure: same deck and options, same bytes. */
export function renderDeckPage(deck: Deck, schedule: Schedule, options: RenderPageOptions): string {
  return renderDeck(deck, schedule, options).html;
}

export function renderDeck(deck: Deck, schedule: Schedule, options: RenderPageOptions): RenderedDeck {
  const render = createMarkdownRenderer({ ...options, colourCode: colourCodeIn(deck) });
  const sections = renderSlideSections(deck, schedule, render, options.sectionCache, options.assetUrl);
  const title = deck.meta.title ?? deck.slug;
  const { plugins: _ignored, ...userReveal } = deck.meta.reveal;
  // A Marp deck numbers its pages itself (`paginate`), slide by slide.
  // It also fills the slide and centres its content itself (lectern.css), so its header and footer sit at the edges.
  const dialectDefaults = deck.meta.dialect === 'marp' ? { slideNumber: false, center: false } : {};
  const config = { ...REVEAL_DEFAULTS, ...dialectDefaults, ...userReveal, totalTime: Math.round(schedule.totalSeconds) };
  const styles = [PAGE_ASSETS.revealCss, PAGE_ASSETS.themeCss, ...(options.highlightStylesheet ? [PAGE_ASSETS.highlightCss] : []), PAGE_ASSETS.lecternCss];
  const start = { deckId: deck.slug, ...(options.inPageDiagrams ? { mermaid: options.inPageDiagrams } : {}), ...(options.live ? { live: true } : {}) };
  const html = `<!doctype html>
<html lang="${escapeHtml(deck.meta.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lectern">
<title>${escapeHtml(title)}</title>
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}${deck.meta.css ? `\n<style>\n${deck.meta.css.replace(/<\/style/gi, '<\\/style')}</style>` : ''}
</head>
<body>
<main class="lectern-main">
<div class="reveal"${deck.meta.dialect === 'marp' ? ' data-lectern-dialect="marp"' : ''}${options.highlightStylesheet ? ' data-lectern-code-colours="stylesheet"' : ''}${slideSizeStyle(config)}>
<div class="slides" data-lectern-total="${deck.slides.length}">
${joinSlideSections(sections)}
</div>
</div>
</main>
<script src="${PAGE_ASSETS.revealJs}"></script>
<script src="${PAGE_ASSETS.notesJs}"></script>
<script src="${PAGE_ASSETS.lecternJs}"></script>${options.inPageDiagrams ? `\n<script src="${PAGE_ASSETS.mermaidJs}"></script>` : ''}
<script>
const config = ${scriptJson(config)};
config.plugins = [RevealNotes];
LecternClient.prepare(config);
Reveal.initialize(config).then(() => LecternClient.start(Reveal, ${scriptJson(start)}));
</script>
</body>
</html>
`;
  return { html, sections };
}

/**
 * The slide's size as CSS variables on `.reveal`: the theme's safe margin is a share of the slide's
 * height (a padding percentage would be of its width), and the print view sizes Marp pages by it.
 * A size reveal.js reads as a percentage of the window has no fixed height: the CSS falls back.
 */
function slideSizeStyle(config: Record<string, unknown>): string {
  const pixels = (value: unknown) => {
    const number = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
  };
  const width = pixels(config.width);
  const height = pixels(config.height);
  const declarations = [
    ...(width === undefined ? [] : [`--lectern-slide-width: ${width}px`]),
    ...(height === undefined ? [] : [`--lectern-slide-height: ${height}px`]),
  ];
  return declarations.length > 0 ? ` style="${escapeHtml(declarations.join('; '))}"` : '';
}
