import type { Token } from 'marked';

/** A place in the deck file; lines and columns count from 1. */
export interface Position {
  line: number;
  column: number;
}

export interface DeckMeta {
  title?: string;
  subtitle?: string;
  course?: string;
  module?: string;
  author?: string;
  /** Length of the teaching session, from `duration:`. */
  durationSeconds?: number;
  /** Where each front matter value stands, so later checks (theme, schedule) can point at it. */
  positions: Record<string, Position>;
  theme: string;
  lang: string;
  /** Options passed to Reveal.initialize, as written. */
  reveal: Record<string, unknown>;
  titleSlide: boolean;
  /** reveal-md's `highlightTheme`: a highlight.js style for code. */
  highlightTheme?: string;
  /** Extra CSS for the deck's page (Marp's `style` directive). */
  css?: string;
  /** Whose conventions the file follows: lectern's (reveal-md's) or Marp's (`marp: true`). */
  dialect: 'lectern' | 'marp';
}

/** Markdown as marked lexed it; tokens carry lectern's annotations (see annotate-tokens). */
export interface MarkdownBlock {
  kind: 'markdown';
  position: Position;
  source: string;
  tokens: Token[];
}

export interface ActivityBlock {
  kind: 'activity';
  position: Position;
  /** Stable id from the title (unique within the deck): timers and handouts key on it. */
  id: string;
  title: string;
  durationSeconds?: number;
  children: Block[];
}

/** `::: handout`: for the printed handout and guide, never on the slides. */
export interface HandoutBlock {
  kind: 'handout';
  position: Position;
  children: MarkdownBlock[];
}

export type Block = MarkdownBlock | ActivityBlock | HandoutBlock;

export interface Diagram {
  /** Content hash of the source: the same diagram has the same id everywhere. */
  id: string;
  source: string;
  /** Line of the opening fence. */
  position: Position;
}

/**
 * What a file is to the slide that names it (the wording of the message when it is missing):
 * an image (`<img>`, `![]()`, a video's poster), a video or audio file (`<video>`, `<audio>`,
 * `<source>`, `<track>`), an embedded page (`<iframe>`, `<embed>`, `<object>`), a slide
 * background, or a linked file (`[handout](sheet.pdf)`, `<a href>`).
 */
export type AssetKind = 'image' | 'media' | 'frame' | 'background' | 'link';

/** A local file the deck refers to; the build copies it next to the HTML. */
export interface AssetRef {
  kind: AssetKind;
  /** The URL exactly as written in the deck. */
  url: string;
  position: Position;
}

export interface Slide {
  /** Order in the deck, from 0. */
  index: number;
  /** reveal.js indices: horizontal stack and place in it. */
  h: number;
  v: number;
  position: Position;
  endLine: number;
  /** The `<section>`'s attributes from `<!-- .slide: … -->` (without `time`). */
  attributes: Record<string, string>;
  /** Planned time set on the slide itself (`time=`). */
  timeSeconds?: number;
  /** First heading, else the activity's title, else "Slide N". */
  title: string;
  blocks: Block[];
  notes: MarkdownBlock[];
  diagrams: Diagram[];
  assets: AssetRef[];
  /** A header, a footer and a page number drawn on the slide (Marp's directives). */
  chrome?: { header?: MarkdownBlock; footer?: MarkdownBlock; pageNumber?: boolean };
  /** Set on slides lectern made itself (the title slide). */
  generated?: 'title';
}

export interface Deck {
  /** The deck file as the user named it (used in every diagnostic). */
  file: string;
  slug: string;
  meta: DeckMeta;
  slides: Slide[];
}

/** Every activity in a slide, nested ones included, in source order. */
export function slideActivities(slide: Slide): ActivityBlock[] {
  return slide.blocks.filter((b): b is ActivityBlock => b.kind === 'activity');
}

export function deckActivities(deck: Deck): ActivityBlock[] {
  return deck.slides.flatMap(slideActivities);
}
