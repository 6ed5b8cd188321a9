import { type Diagnostic, warning } from '../diagnostics/diagnostic.js';
import { cutsProtected, type ProtectedRange } from './protected-ranges.js';
import type { CompiledSeparators } from './separators.js';
import { locator } from './split-slides.js';

interface Lookalike {
  line: RegExp;
  what: string;
  option: 'separator' | 'verticalSeparator';
  flag: string;
  pattern: string;
}

/** Separators of other dialects that lectern's defaults do not cut at. */
const LOOKALIKES: readonly Lookalike[] = [
  { line: /^--[ \t]*$/, what: '`--` separates vertical slides in some reveal.js decks', option: 'verticalSeparator', flag: '--vertical-separator', pattern: '^--$' },
  { line: /^---v[ \t]*$/, what: '`---v` separates vertical slides in some reveal.js decks', option: 'verticalSeparator', flag: '--vertical-separator', pattern: '^---v$' },
  { line: /^<!--\s*s\s*-->[ \t]*$/, what: '`<!--s-->` separates slides in some reveal.js decks', option: 'separator', flag: '--separator', pattern: '<!--s-->' },
  { line: /^<!--\s*v\s*-->[ \t]*$/, what: '`<!--v-->` separates vertical slides in some reveal.js decks', option: 'verticalSeparator', flag: '--vertical-separator', pattern: '<!--v-->' },
];

const BLANK_RUN = /\n[ \t]*\n[ \t]*\n[ \t]*\n/g;

/**
 * One warning per deck at the first line that looks like another dialect's separator but cuts
 * nothing with this deck's separators, naming the option that would make it one. Three blank
 * lines count only when the whole deck came out as one slide (blank lines are common otherwise).
 */
export function findSeparatorLookalike(file: string, body: string, firstLine: number, ranges: readonly ProtectedRange[], separators: CompiledSeparators, slideCount: number): Diagnostic | undefined {
  const isSeparator = new RegExp(separators.slides.source, 'm');
  const locate = locator(body, firstLine);
  let offset = 0;
  for (const text of body.split('\n')) {
    const lookalike = LOOKALIKES.find((l) => l.line.test(text));
    if (lookalike && !cutsProtected(ranges, offset, offset + text.length) && !isSeparator.test(`\n${text}\n`)) {
      return advice(file, locate(offset), lookalike.what, lookalike.option, lookalike.flag, lookalike.pattern);
    }
    offset += text.length + 1;
  }
  if (slideCount !== 1) return undefined;
  const runs = [...body.matchAll(BLANK_RUN)].filter((m) => !cutsProtected(ranges, m.index, m.index + m[0].length));
  const first = runs[0];
  if (runs.length < 2 || !first) return undefined;
  return advice(file, locate(first.index + 1), 'three blank lines separate slides in some reveal.js decks', 'separator', '--separator', '^\\n\\n\\n');
}

function advice(file: string, position: { line: number; column: number }, what: string, option: string, flag: string, pattern: string): Diagnostic {
  return warning('separator-lookalike', `this looks like a slide separator of another tool (${what}), but this deck's separators do not cut here`,
    { file, ...position },
    `to cut here, set \`${option}: "${pattern.replace(/\\/g, '\\\\')}"\` in the front matter or reveal-md.json, or pass ${flag} '${pattern}'`);
}
