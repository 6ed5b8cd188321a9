import { type Diagnostic, compareDiagnostics, error, warning } from '../diagnostics/diagnostic.js';
import { type Deck, type Slide, slideActivities } from '../model/deck.js';
import { contentHash } from '../model/ids.js';
import { append } from '../model/append.js';
import { parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { createMarked } from './linear-marked.js';
import { parseSlide, type SlideParseResult } from './parse-slide.js';
import { findImagesWithoutAlt } from './missing-alt.js';
import { applyMarpToSlide, findHeadingDivider, marpSeparators, readMarpComments, startMarp } from './dialects/marp.js';
import { type DeckReadingInput, resolveReadingOptions } from './reading-options.js';
import { findSeparatorLookalike } from './separator-lookalikes.js';
import { compileSeparators, LECTERN_SEPARATORS } from './separators.js';
import { splitSlides } from './split-slides.js';
import { markLoneImages } from './lone-images.js';

export interface ParseDeckResult {
  deck: Deck;
  diagnostics: Diagnostic[];
}

/**
 * Parsed slides of the previous parse, by everything a slide's parse depends on. The live
 * server keeps one per deck: after an edit, only the slides whose text (or place) changed are
 * parsed again. Pass a new Map each time; parseDeck fills `next` for the following call.
 */
export interface SlideCache {
  previous: ReadonlyMap<string, SlideParseResult>;
  next: Map<string, SlideParseResult>;
}

/**
 * Parses a deck file's text into the Deck model. Pure: the caller reads the file and passes
 * its name (used in every diagnostic) and the slug (the output folder's name).
 */
export function parseDeck(source: string, file: string, slug: string, cache?: SlideCache, input?: DeckReadingInput): ParseDeckResult {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const diagnostics: Diagnostic[] = [];
  const front = splitFrontMatter(lines);
  if (front.unclosed) {
    diagnostics.push(
      error('front-matter-unclosed', 'the front matter opened here is never closed', { file, line: 1, column: 1 },
        'end the front matter with a line that is exactly `---`'),
    );
  }
  const { meta, reading, diagnostics: metaProblems } = parseFrontMatter(front.yaml, file, front.yamlLine);
  append(diagnostics, metaProblems);
  const bodyLine = front.unclosed ? 2 : front.bodyLine;
  const body = lines.slice(bodyLine - 1).join('\n');
  const marp = meta.dialect === 'marp';
  const options = resolveReadingOptions(file, reading, meta, input ?? {}, marp ? marpSeparators(findHeadingDivider(reading.marpGlobals, body)) : LECTERN_SEPARATORS);
  append(diagnostics, options.diagnostics);
  const separators = compileSeparators(options.patterns);

  const marked = createMarked();
  const context = { file, marked, activityIds: new Set<string>() };
  const { chunks, ranges } = splitSlides(body, bodyLine, separators);
  const lookalike = marp ? undefined : findSeparatorLookalike(file, body, bodyLine, ranges, separators, chunks.length);
  if (lookalike) diagnostics.push(lookalike);
  let marpDirectives = marp ? startMarp(reading.marpGlobals, meta, file, diagnostics) : {};
  const slides: Slide[] = [];
  // What the activity ids given out so far are, in a few characters: a slide's cache key names them
  // (its activities' ids depend on them) without listing thousands of ids per slide.
  let idsDigest = '';
  for (const original of chunks) {
    // Marp's comments are read first: they set the slide's directives and notes, and leave blanks behind.
    const marpReading = marp ? readMarpComments(original, marpDirectives, meta, file) : undefined;
    if (marpReading) marpDirectives = marpReading.inherited;
    const chunk = marpReading?.chunk ?? original;
    const key = cache ? JSON.stringify([chunk, slides.length, idsDigest, marpReading?.directives, marpReading?.notes]) : '';
    const cached = cache?.previous.get(key);
    let parsed = cached;
    if (!parsed) {
      parsed = parseSlide(chunk, slides.length, context);
      if (marpReading) append(parsed.diagnostics, applyMarpToSlide(parsed.slide, marpReading, marked, file));
      // After Marp's image syntax, which hides backgrounds and sizes images.
      markLoneImages(parsed.slide);
      append(parsed.diagnostics, findImagesWithoutAlt(parsed.slide, file));
    } else for (const activity of slideActivities(parsed.slide)) context.activityIds.add(activity.id);
    cache?.next.set(key, parsed);
    if (cache) for (const activity of slideActivities(parsed.slide)) idsDigest = contentHash(`${idsDigest}\n${activity.id}`) + contentHash(`${activity.id}\n${idsDigest}`);
    slides.push(parsed.slide);
    append(diagnostics, parsed.diagnostics);
  }
  if (slides.length === 0 && !meta.titleSlide) {
    diagnostics.push(
      // After a front matter that ends the file, the body's first line is past its end: point at the last one.
      warning('empty-deck', 'this deck has no slides', { file, line: Math.min(front.bodyLine, lines.length), column: 1 },
        'write Markdown below the front matter, with `---` between slides'),
    );
  }
  const deck: Deck = { file, slug, meta, slides: meta.titleSlide ? withTitleSlide(slides, meta.title ?? slug) : slides };
  return { deck, diagnostics: diagnostics.sort(compareDiagnostics) };
}

/** Puts the generated title slide first and shifts every slide one stack to the right. */
function withTitleSlide(slides: Slide[], title: string): Slide[] {
  const titleSlide: Slide = {
    index: 0,
    h: 0,
    v: 0,
    position: { line: 1, column: 1 },
    endLine: 1,
    attributes: { class: 'lectern-title-slide' },
    title,
    blocks: [],
    notes: [],
    diagrams: [],
    assets: [],
    generated: 'title',
  };
  return [titleSlide, ...slides.map((s) => ({ ...s, index: s.index + 1, h: s.h + 1 }))];
}
