/**
 * Slide and notes separators as reveal.js's markdown plugin and reveal-md read them: regular
 * expressions over the whole Markdown text (`separator` and `verticalSeparator` with the flags
 * `mg`, `notesSeparator` with `mgi`). Lectern's own format is the default set.
 */
export interface SeparatorPatterns {
  /** Regular expression source text, as written in front matter, reveal-md.json or a flag. */
  separator: string;
  /** null: no vertical slides. */
  verticalSeparator: string | null;
  notesSeparator: string;
}

/** `---` and `----` alone on a line (trailing blanks allowed), `Note:` / `Notes:` at a line start. */
export const LECTERN_SEPARATORS: Readonly<SeparatorPatterns> = {
  separator: '^---[ \\t]*$',
  verticalSeparator: '^----[ \\t]*$',
  notesSeparator: '^[ \\t]*notes?:[ \\t]*',
};

export interface CompiledSeparators {
  /** Horizontal or vertical, in one pass (`mg`). */
  slides: RegExp;
  /** Tells a horizontal match from a vertical one (reveal.js tests the match text without flags). */
  horizontal: RegExp;
  notes: RegExp;
}

/** Compiles the patterns; throws SyntaxError for one that is not a regular expression (checked earlier with checkPattern). */
export function compileSeparators(patterns: SeparatorPatterns): CompiledSeparators {
  const either = patterns.verticalSeparator ? `${patterns.separator}|${patterns.verticalSeparator}` : patterns.separator;
  return {
    slides: new RegExp(either, 'mg'),
    horizontal: new RegExp(patterns.separator),
    notes: new RegExp(patterns.notesSeparator, 'mgi'),
  };
}

/** undefined when the text is a valid regular expression, else the engine's reason. */
export function checkPattern(source: string): string | undefined {
  try {
    new RegExp(source, 'mg');
    return undefined;
  } catch (cause) {
    return (cause as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
  }
}
