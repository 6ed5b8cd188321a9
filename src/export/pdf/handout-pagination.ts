/**
 * The handout's pages worked out before printing. Chromium tells a page nothing about where
 * its print pages break, but the handout's blocks are unbreakable (a slide's block moves whole
 * to the next page), so stacking their measured heights on pages of the known height gives
 * the page count and how full the last page is. A sliver of a last page is then avoided by
 * shortening the notes lines of the last blocks: every line is the same height, so a shorter
 * block's height is known without measuring again.
 */

/**
 * Something that does not break across pages (a slide's block, or a part of a block taller than
 * a page) unless it is itself taller than a page.
 */
export interface PrintUnit {
  /** Space above it when it follows another unit on the same page; none at the top of a page. */
  gapBefore: number;
  height: number;
  /** The slide block whose notes lines end this unit, if they do (its index in `notesLines`). */
  notesOf?: number;
}

export interface Pagination {
  pages: number;
  /** How far down the last page the content goes, 0..1. */
  lastPageFill: number;
  /** The page (from 1) each unit ends on. */
  endPages: number[];
}

/** Stacks the units on pages of `pageHeight`; a unit that does not fit starts the next page, unless it is taller than a page. */
export function paginate(units: readonly PrintUnit[], pageHeight: number): Pagination {
  let pages = 1;
  let used = 0;
  const endPages: number[] = [];
  for (const unit of units) {
    if (used > 0 && used + unit.gapBefore + unit.height <= pageHeight) {
      used += unit.gapBefore + unit.height;
    } else if (unit.height > pageHeight) {
      // Taller than a page, it is breakable: it starts where it is and runs on over the next pages.
      used += (used > 0 ? unit.gapBefore : 0) + unit.height;
      while (used > pageHeight) {
        pages += 1;
        used -= pageHeight;
      }
    } else {
      if (used > 0) pages += 1;
      used = unit.height;
    }
    endPages.push(pages);
  }
  return { pages, lastPageFill: used / pageHeight, endPages };
}

export interface NotesFitting {
  pageHeight: number;
  lineHeight: number;
  /** A last page filled less than this is worth shorter notes, if they save the sheet. */
  saveLastPageBelow: number;
  /** A last page filled less than this that cannot be saved gets more lines instead. */
  sliverBelow: number;
  /** Notes keep at least this many lines. */
  minLines: number;
  /**
   * Room kept free on a page when lines are changed: a saved page that fits to the pixel would
   * come back if Chromium's layout differed by one.
   */
  safety: number;
}

/**
 * Notes lines per slide block so the last page is not a sliver. Lines come off the blocks of
 * the last two pages one at a time, from the end backwards and round again, until the last
 * page's content moves onto the page before. When even the shortest notes cannot do that, the
 * page must be printed anyway: a sliver of one gets longer notes on its last block instead.
 */
export function fitNotesLines(units: readonly PrintUnit[], notesLines: readonly number[], fitting: NotesFitting): number[] {
  const before = paginate(units, fitting.pageHeight);
  if (before.pages === 1 || before.lastPageFill >= fitting.saveLastPageBelow) return [...notesLines];
  const lines = [...notesLines];
  const layout = () => paginate(withLines(units, notesLines, lines, fitting.lineHeight), fitting.pageHeight - fitting.safety);
  const lastBlocks = blocksEndingFrom(units, before, before.pages - 1);
  for (let shortened = true; shortened; ) {
    shortened = false;
    for (const block of lastBlocks) {
      if ((lines[block] ?? 0) <= fitting.minLines) continue;
      lines[block] = (lines[block] ?? 0) - 1;
      shortened = true;
      const after = layout();
      if (after.pages < before.pages && (after.pages === 1 || after.lastPageFill >= fitting.sliverBelow)) return lines;
    }
  }
  lines.splice(0, lines.length, ...notesLines);
  const last = blocksEndingFrom(units, before, before.pages)[0];
  if (last === undefined || before.lastPageFill >= fitting.sliverBelow) return lines;
  const missing = (fitting.sliverBelow - before.lastPageFill) * fitting.pageHeight;
  lines[last] = (lines[last] ?? 0) + Math.ceil(missing / fitting.lineHeight);
  return layout().pages === before.pages ? lines : [...notesLines];
}

/** The slide blocks whose notes end on `page` or later, last first. */
function blocksEndingFrom(units: readonly PrintUnit[], pagination: Pagination, page: number): number[] {
  const blocks = units.flatMap((unit, at) => (unit.notesOf !== undefined && (pagination.endPages[at] ?? 0) >= page ? [unit.notesOf] : []));
  return blocks.reverse();
}

/** The units with each block's notes at `lines` instead of `was`. */
export function withLines(units: readonly PrintUnit[], was: readonly number[], lines: readonly number[], lineHeight: number): PrintUnit[] {
  return units.map((unit) => {
    if (unit.notesOf === undefined) return unit;
    const removed = (was[unit.notesOf] ?? 0) - (lines[unit.notesOf] ?? 0);
    return { ...unit, height: unit.height - removed * lineHeight };
  });
}
