import type { Marked, Token } from 'marked';
import { type Diagnostic, error, warning } from '../diagnostics/diagnostic.js';
import type { ActivityBlock, Block, MarkdownBlock, Position, Slide } from '../model/deck.js';
import { slugify, uniqueId } from '../model/ids.js';
import { dropUnnameableAssets } from './asset-paths.js';
import { annotateTokens, positionFinder, type SegmentLocation } from './annotate-tokens.js';
import { lexMarkdown } from './lex-markdown.js';
import { MAX_NESTING } from './nesting-depth.js';
import { append } from '../model/append.js';
import { checkRawHtml } from './raw-html-check.js';
import { parseAttributes } from './attributes.js';
import { DURATION_HINT, parseDuration } from '../model/duration.js';
import { FenceTracker } from './fences.js';
import { closest } from './front-matter.js';
import { takeSlideComments } from './slide-comments.js';
import type { SlideChunk } from './split-slides.js';

const OPENER = /^( {0,3}):::\s*([A-Za-z][\w-]*)\s*(?:\{(.*)\})?\s*$/;
const CLOSER = /^ {0,3}:::\s*$/;
const LOOKS_LIKE_DIRECTIVE = /^ {0,3}:::/;
const KNOWN_DIRECTIVES = ['activity', 'notes', 'handout'] as const;
type DirectiveName = (typeof KNOWN_DIRECTIVES)[number];
type ContainerKind = 'slide' | DirectiveName | 'unknown';

/** What may open inside what. */
const ALLOWED: Record<ContainerKind, readonly DirectiveName[]> = {
  slide: ['activity', 'notes', 'handout'],
  activity: ['notes', 'handout'],
  notes: [],
  handout: [],
  unknown: ['activity', 'notes', 'handout'],
};

interface Line {
  text: string;
  line: number;
  column: number;
}

interface Container {
  kind: ContainerKind;
  position: Position;
  /** The text inside `{…}` and the column where it starts. */
  attributes: string;
  attributesColumn: number;
  /** Text lines not yet turned into a markdown block. */
  run: Line[];
  blocks: Block[];
  /** Notes opened by `Note:` run to the end of the slide: no `:::` closes them. */
  toSlideEnd?: boolean;
}

export interface SlideContext {
  file: string;
  marked: Marked;
  /** Activity ids already given out in this deck. */
  activityIds: Set<string>;
}

export interface SlideParseResult {
  slide: Slide;
  diagnostics: Diagnostic[];
}

/** Turns one chunk between separators into a Slide with positioned blocks. */
export function parseSlide(chunk: SlideChunk, index: number, context: SlideContext): SlideParseResult {
  return new SlideParser(chunk, index, context).parse();
}

class SlideParser {
  private readonly diagnostics: Diagnostic[] = [];
  /** Where the text of each block of notes opened by `Note:` stands in the file (for heading-in-notes), made when needed. */
  private noteLocations: Map<MarkdownBlock, SegmentLocation> | undefined;
  private readonly slide: Slide;
  private readonly stack: Container[];
  private readonly file: string;

  constructor(
    private readonly chunk: SlideChunk,
    index: number,
    private readonly context: SlideContext,
  ) {
    this.file = context.file;
    const position = { line: chunk.startLine, column: 1 };
    this.slide = {
      index,
      h: chunk.h,
      v: chunk.v,
      position,
      endLine: chunk.startLine + Math.max(0, chunk.lines.length - 1),
      attributes: {},
      title: '',
      blocks: [],
      notes: [],
      diagrams: [],
      assets: [],
    };
    this.stack = [container('slide', position)];
  }

  parse(): SlideParseResult {
    const fences = new FenceTracker();
    const { startLine, startColumn, notesCuts } = this.chunk;
    let nextCut = 0;
    /** Set while the lines of a notes separator that spans lines are skipped. */
    let notesFrom: Position | undefined;
    this.chunk.lines.forEach((raw, i) => {
      const line = startLine + i;
      const first = i === 0 ? startColumn : 1;
      if (notesFrom) {
        if (line < notesFrom.line) return;
        this.readNotesText(raw.slice(notesFrom.column - first), line, notesFrom.column);
        notesFrom = undefined;
        return;
      }
      if (fences.inCode(raw)) {
        this.top.run.push({ text: raw, line, column: first });
        return;
      }
      while ((notesCuts[nextCut]?.start.line ?? Infinity) < line) nextCut++;
      const cut = notesCuts[nextCut];
      // Notes start only at the slide's own level: a `Note:` inside a block is that block's text.
      if (cut && cut.start.line === line && this.top.kind === 'slide') {
        nextCut++;
        const before = raw.slice(0, cut.start.column - first);
        if (before.trim() !== '') this.readLine(takeSlideComments(before, line, this.slide, this.file, this.diagnostics, first), line);
        const indent = /^\s*/.exec(raw.slice(cut.start.column - first))?.[0].length ?? 0;
        this.openNotesToSlideEnd({ line, column: cut.start.column + indent });
        if (cut.end.line === line) this.readNotesText(raw.slice(cut.end.column - first), line, cut.end.column);
        else notesFrom = cut.end;
        return;
      }
      if (cut && cut.start.line === line && this.top.toSlideEnd) {
        nextCut++;
        this.warnAboutSecondNotes({ line, column: cut.start.column });
      }
      this.readLine(takeSlideComments(raw, line, this.slide, this.file, this.diagnostics, first), line);
    });
    while (this.stack.length > 1) {
      const open = this.top;
      if (!open.toSlideEnd) {
        this.report(error('unclosed-directive', `\`:::${open.kind}\` is never closed`, this.at(open.position),
          'close the block with a line that is exactly `:::` before the next slide separator'));
      }
      this.close();
    }
    const root = this.top;
    this.flush(root);
    this.slide.blocks = root.blocks;
    this.timeUntimedActivities();
    append(this.diagnostics, dropUnnameableAssets(this.slide, this.file));
    this.slide.title = slideTitle(this.slide) ?? `Slide ${this.slide.index + 1}`;
    return { slide: this.slide, diagnostics: this.diagnostics };
  }

  /**
   * An activity without a time on a slide that has one, and no other activity, counts down the
   * slide's time (what an instructor who timed the slide means); any other untimed activity is
   * a warning, since it gets no countdown.
   */
  private timeUntimedActivities(): void {
    const activities = this.slide.blocks.filter((b) => b.kind === 'activity');
    const [only] = this.untimed;
    if (only && this.untimed.length === 1 && activities.length === 1 && this.slide.timeSeconds !== undefined) {
      only.durationSeconds = this.slide.timeSeconds;
      return;
    }
    for (const activity of this.untimed) {
      this.report(warning('activity-without-time', `activity "${activity.title}" has no time, so it gets no countdown`,
        this.at(activity.position), 'add one: `:::activity{title="…" time="15m"}`, or give its slide a `time=`'));
    }
  }

  private readonly untimed: ActivityBlock[] = [];

  private get top(): Container {
    return this.stack[this.stack.length - 1] as Container;
  }

  private at(position: Position) {
    return { file: this.file, ...position };
  }

  private report(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }

  private readLine(text: string, line: number): void {
    const top = this.top;
    if (CLOSER.test(text)) {
      if (top.kind === 'slide' || top.toSlideEnd) {
        this.report(error('stray-directive-close', 'this `:::` closes no block', this.at({ line, column: 1 }),
          'a block opens with a line such as `:::activity{title="…" time="10m"}`; remove the extra `:::`'));
      } else this.close();
      return;
    }
    const opener = OPENER.exec(text);
    if (opener) {
      this.open(opener, line);
      return;
    }
    if (LOOKS_LIKE_DIRECTIVE.test(text)) {
      this.report(error('bad-directive', 'cannot read this block directive', this.at({ line, column: 1 }),
        'write `:::name{key="value"}` (e.g. `:::activity{title="Lab" time="15m"}`), or `:::` alone to close a block'));
      return;
    }
    top.run.push({ text, line, column: 1 });
  }

  /**
   * `.element` attributes with no element before them: first in the slide, reveal.js gives them to
   * the slide's `<section>`; anywhere else they have nothing to land on.
   */
  private applyToSection(attributes: Record<string, string>, target: Container, start: Line): void {
    if (Object.keys(attributes).length === 0) return;
    if (target.kind === 'slide' && target.blocks.length === 0) {
      mergeAttributes(this.slide.attributes, attributes);
      return;
    }
    this.report(warning('element-without-target', 'this `.element` comment follows no element; it is ignored', this.at({ line: start.line, column: start.column }),
      'put it right after the element it styles, e.g. at the end of a bullet line'));
  }

  /**
   * reveal.js gives a slide notes only when its notes separator occurs once: with two, all of it
   * stays on the slide. Lectern keeps everything after the first as notes, and says so.
   */
  private warnAboutSecondNotes(position: Position): void {
    if (this.diagnostics.some((d) => d.code === 'second-notes-separator')) return;
    this.report(warning('second-notes-separator', 'a second notes separator in this slide: it stays in the notes as text (reveal.js would show this slide\'s notes on the slide)',
      this.at(position), 'remove it, or put a slide separator above it if a new slide starts here'));
  }

  /** A notes separator: everything after it, to the end of the slide, is speaker notes. */
  private openNotesToSlideEnd(position: Position): void {
    this.flush(this.top);
    const notes = container('notes', position);
    notes.toSlideEnd = true;
    this.stack.push(notes);
  }

  /** The text on a notes separator's line after the separator: the first line of the notes. */
  private readNotesText(text: string, line: number, column: number): void {
    const rest = takeSlideComments(text, line, this.slide, this.file, this.diagnostics, column);
    if (rest.trim() !== '') this.top.run.push({ text: rest, line, column });
  }

  private open(opener: RegExpExecArray, line: number): void {
    const top = this.top;
    const column = (opener[1]?.length ?? 0) + 1;
    const written = opener[2] ?? '';
    const name = written.toLowerCase();
    const braces = opener[0].indexOf('{');
    const next = container('unknown', { line, column }, opener[3] ?? '', braces + 2);
    if (!(KNOWN_DIRECTIVES as readonly string[]).includes(name)) {
      const guess = closest(name, KNOWN_DIRECTIVES);
      this.report(error('unknown-directive', `unknown directive \`:::${written}\``, this.at({ line, column }),
        guess ? `did you mean \`:::${guess}\`?` : `known directives: ${KNOWN_DIRECTIVES.join(', ')}`));
    } else {
      next.kind = name as DirectiveName;
      if (!ALLOWED[top.kind].includes(next.kind)) {
        const inside = top.toSlideEnd ? 'speaker notes' : `\`:::${top.kind}\``;
        this.report(error('misplaced-directive', `\`:::${name}\` cannot stand inside ${inside}`, this.at({ line, column }),
          top.toSlideEnd ? 'everything after `Note:` is speaker notes; move this block above the `Note:` line' : 'close the outer block first'));
      }
    }
    this.flush(top);
    if (this.stack.length >= MAX_NESTING) {
      // Blocks inside blocks this deep are errors already (reported above); what they hold goes
      // straight into the block they stand in, so the model stays as shallow as renderers need.
      next.kind = 'unknown';
      next.blocks = top.blocks;
    }
    this.stack.push(next);
  }

  /** Pops the innermost block and hands what it holds to its parent or the slide. */
  private close(): void {
    const closing = this.stack.pop() as Container;
    const parent = this.top;
    this.flush(closing);
    // Only notes and handouts keep just their Markdown (a block too deep shares its parent's list: not filtered).
    const markdown = () => closing.blocks.filter((b): b is MarkdownBlock => b.kind === 'markdown');
    switch (closing.kind) {
      case 'unknown':
        if (closing.blocks !== parent.blocks) append(parent.blocks, closing.blocks);
        return;
      case 'notes': {
        this.readAttributes(closing, []);
        const notes = markdown();
        if (closing.toSlideEnd) this.warnAboutHeadingInNotes(notes);
        append(this.slide.notes, notes);
        return;
      }
      case 'handout':
        this.readAttributes(closing, []);
        parent.blocks.push({ kind: 'handout', position: closing.position, children: markdown() });
        return;
      case 'activity':
        parent.blocks.push(this.makeActivity(closing));
        return;
      case 'slide':
        return;
    }
  }

  /**
   * A heading in the notes after `Note:` is most often a slide whose separator went missing (or
   * is written for another tool): the audience would never see it.
   */
  private warnAboutHeadingInNotes(blocks: readonly MarkdownBlock[]): void {
    for (const block of blocks) {
      const index = block.tokens.findIndex((t) => t.type === 'heading');
      if (index < 0) continue;
      const heading = block.tokens[index] as Token;
      const offset = block.source.indexOf(heading.raw.trimStart());
      const where = this.noteLocations?.get(block);
      const position = where ? positionFinder(where)(Math.max(0, offset)) : block.position;
      this.report(warning('heading-in-notes', `the speaker notes hold the heading "${plainText(heading).trim()}", which no slide shows`,
        this.at(position), 'if a new slide starts here, put a slide separator above it (`---`, or the separator your deck sets); in notes, write it as **bold** text'));
      return;
    }
  }

  private makeActivity(closing: Container): ActivityBlock {
    const attributes = this.readAttributes(closing, ['title', 'time', 'id']);
    const title = attributes.get('title')?.value.trim();
    if (!title) {
      this.report(warning('activity-without-title', 'this activity has no title', this.at(closing.position),
        'add one: `:::activity{title="Pair review" time="10m"}`'));
    }
    const activity: ActivityBlock = {
      kind: 'activity',
      position: closing.position,
      id: uniqueId(slugify(attributes.get('id')?.value || title || 'activity', 'activity'), this.context.activityIds),
      title: title || 'Activity',
      children: closing.blocks,
    };
    const time = attributes.get('time');
    if (!time) {
      // Decided when the slide is read to its end: the slide's own time may still come.
      this.untimed.push(activity);
      return activity;
    }
    const seconds = parseDuration(time.value);
    if (seconds === undefined || seconds <= 0) {
      this.report(error('bad-time', `\`time="${time.value}"\` is not a time`,
        this.at({ line: closing.position.line, column: time.column }), DURATION_HINT));
    } else activity.durationSeconds = seconds;
    return activity;
  }

  /** Reads `{…}` of a directive; unknown names warn, unreadable text errs. */
  private readAttributes(block: Container, known: readonly string[]) {
    const found = new Map<string, { value: string; column: number }>();
    if (block.attributes.trim() === '') return found;
    const { line } = block.position;
    const parsed = parseAttributes(block.attributes);
    if (parsed.errorOffset !== undefined) {
      this.report(error('bad-directive-attributes', `cannot read the attributes of \`:::${block.kind}\``,
        this.at({ line, column: block.attributesColumn + parsed.errorOffset }),
        'write them as key="value" pairs: {title="Security Drill" time="20m"}'));
    }
    for (const pair of parsed.pairs) {
      const column = block.attributesColumn + pair.offset;
      if (known.includes(pair.name)) found.set(pair.name, { value: pair.value, column });
      else {
        this.report(warning('unknown-directive-attribute', `\`:::${block.kind}\` has no attribute \`${pair.name}\` (ignored)`,
          this.at({ line, column }), known.length ? `known attributes: ${known.join(', ')}` : `\`:::${block.kind}\` takes no attributes`));
      }
    }
    return found;
  }

  /** Turns a container's pending text lines into one lexed, annotated markdown block. */
  private flush(target: Container): void {
    const run = target.run;
    target.run = [];
    const first = run.findIndex((l) => l.text.trim() !== '');
    if (first < 0) return;
    let last = run.length - 1;
    while ((run[last]?.text.trim() ?? '') === '') last--;
    const lines = run.slice(first, last + 1);
    const start = lines[0] as Line;
    const where = segmentLocation(this.file, lines);
    const { tokens, diagnostics } = lexMarkdown(this.context.marked, where);
    const found = annotateTokens(tokens, where);
    append(append(append(this.diagnostics, diagnostics), found.diagnostics), checkRawHtml(tokens, where));
    this.applyToSection(found.slideAttributes, target, start);
    append(this.slide.diagrams, found.diagrams);
    append(this.slide.assets, found.assets);
    const block: MarkdownBlock = { kind: 'markdown', position: { line: start.line, column: start.column }, source: where.source, tokens };
    if (target.toSlideEnd) (this.noteLocations ??= new Map()).set(block, where);
    target.blocks.push(block);
  }

}

/** A run of text lines as one segment; the lines' own places are kept when they are not one stretch of the file. */
function segmentLocation(file: string, lines: readonly Line[]): SegmentLocation {
  const start = lines[0] as Line;
  const source = lines.map((l) => l.text).join('\n');
  const stretch = lines.every((l, i) => l.line === start.line + i && (i === 0 || l.column === 1));
  return stretch
    ? { file, source, line: start.line, column: start.column }
    : { file, source, line: start.line, column: start.column, lineStarts: lines.map((l) => ({ line: l.line, column: l.column })) };
}

function container(kind: ContainerKind, position: Position, attributes = '', attributesColumn = 0): Container {
  return { kind, position, attributes, attributesColumn, run: [], blocks: [] };
}

/** Attribute names of a section that an `.element` or `.slide` comment merges rather than replaces. */
function mergeAttributes(into: Record<string, string>, from: Record<string, string>): void {
  for (const [name, value] of Object.entries(from)) into[name] = name === 'class' && into[name] ? `${into[name]} ${value}` : value;
}

/** The first heading's text (h1–h3), else the first activity's title. */
function slideTitle(slide: Slide): string | undefined {
  for (const block of slide.blocks) {
    if (block.kind === 'markdown') {
      const heading = block.tokens.find((t) => t.type === 'heading' && (t as { depth: number }).depth <= 3);
      if (heading) return plainText(heading).trim() || undefined;
    } else if (block.kind === 'activity') return block.title;
  }
  return undefined;
}

/** The visible text of a token and its children, without markup. */
export function plainText(token: Token): string {
  const children = (token as { tokens?: Token[] }).tokens;
  if (children && children.length > 0) return children.map(plainText).join('');
  if (token.type === 'html') return '';
  return decodeEntities((token as { text?: string }).text ?? '');
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');
}
