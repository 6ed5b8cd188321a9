/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an
 * argument, and a call takes only so many: 200,000 `:::` lines in one slide made 200,000
 * diagnostics, and the spread threw "Maximum call stack size exceeded".
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
