import type { Token } from 'marked';
import type { Block, Deck, MarkdownBlock } from '../model/deck.js';

/**
 * How much highlighting a deck may ask for, in characters of code, each block counting
 * BLOCK_OVERHEAD more and an unlabelled block (detected by highlighting it in each candidate
 * language) UNLABELLED_FACTOR times as much. Each block is bounded (HIGHLIGHT_MAX_CHARS), yet
 * highlight.js can spend 10 µs a character on hostile text within those bounds, and some
 * 200 µs detecting the language of an empty block: 20,000 empty fences took 1.7 s. A course
 * deck asks for a few thousand; a deck that asks for more than this has all its code shown plain.
 * The whole deck decides, so a slide renders the same whether or not the others are rendered again.
 */
export const MAX_DECK_HIGHLIGHT_WORK = 150_000;
const BLOCK_OVERHEAD = 200;
const UNLABELLED_FACTOR = 10;

const decided = new WeakMap<Deck, boolean>();

/** Whether the deck's code is coloured: its code blocks ask for MAX_DECK_HIGHLIGHT_WORK or less. */
export function colourCodeIn(deck: Deck): boolean {
  let answer = decided.get(deck);
  if (answer === undefined) {
    let work = 0;
    const count = (block: MarkdownBlock | undefined) => (work += block ? highlightWork(block.tokens) : 0);
    for (const slide of deck.slides) {
      blocksOf(slide.blocks).forEach(count);
      slide.notes.forEach(count);
      count(slide.chrome?.header);
      count(slide.chrome?.footer);
    }
    answer = work <= MAX_DECK_HIGHLIGHT_WORK;
    decided.set(deck, answer);
  }
  return answer;
}

function blocksOf(blocks: readonly Block[]): MarkdownBlock[] {
  return blocks.flatMap((block) => (block.kind === 'markdown' ? [block] : blocksOf(block.children)));
}

/** The highlighting the code blocks in tokens ask for (lists and quotes nest at most 100 deep). */
function highlightWork(tokens: readonly Token[]): number {
  let work = 0;
  for (const token of tokens) {
    if (token.type === 'code') {
      const { text, lang } = token as { text: string; lang?: string };
      work += (text.length + BLOCK_OVERHEAD) * (lang?.trim() ? 1 : UNLABELLED_FACTOR);
    }
    const children = (token as { tokens?: Token[]; items?: Token[] }).tokens ?? (token as { items?: Token[] }).items;
    if (children) work += highlightWork(children);
  }
  return work;
}
