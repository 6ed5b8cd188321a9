import { checkPattern, type SeparatorPatterns } from '../deck/separators.js';
import { UsageError } from './usage-error.js';

/** The separator flags given (SEPARATOR_OPTIONS of command-specs.ts), checked: a pattern that is not a regular expression is a usage error. */
export function separatorFlags(values: Record<string, unknown>): Partial<SeparatorPatterns> | undefined {
  const flags: Partial<SeparatorPatterns> = {};
  const read = (flag: string): string | undefined => {
    const value = values[flag];
    if (typeof value !== 'string') return undefined;
    const invalid = checkPattern(value);
    if (invalid) throw new UsageError(`--${flag} \`${value}\` is not a regular expression (${invalid})`);
    return value;
  };
  const separator = read('separator');
  const vertical = read('vertical-separator');
  const notes = read('notes-separator');
  if (separator !== undefined) flags.separator = separator;
  // An empty --vertical-separator turns vertical slides off.
  if (vertical !== undefined) flags.verticalSeparator = vertical === '' ? null : vertical;
  if (notes !== undefined) flags.notesSeparator = notes;
  return Object.keys(flags).length > 0 ? flags : undefined;
}
