/**
 * Moving the focus in the overview grid with the keyboard, free of the DOM: arrows move by a
 * cell or a row, Home and End go to the first and last cell, PageUp/PageDown by three rows.
 */

const PAGE_ROWS = 3;

/** The cell a key moves to from `index` in a grid of `count` cells, `columns` wide; undefined for other keys. */
export function gridStep(index: number, count: number, columns: number, key: string): number | undefined {
  if (count <= 0) return undefined;
  const width = Math.max(1, Math.floor(columns));
  const clamp = (n: number) => Math.min(count - 1, Math.max(0, n));
  switch (key) {
    case 'ArrowRight':
      return clamp(index + 1);
    case 'ArrowLeft':
      return clamp(index - 1);
    case 'ArrowDown':
      // Above a shorter last row, down lands on its last cell rather than nowhere.
      return Math.floor(index / width) < Math.floor((count - 1) / width) ? clamp(index + width) : index;
    case 'ArrowUp':
      return index - width >= 0 ? index - width : index;
    case 'PageDown':
      return clamp(index + width * PAGE_ROWS);
    case 'PageUp':
      return clamp(index - width * PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return undefined;
  }
}
