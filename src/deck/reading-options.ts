import { dirname, isAbsolute, resolve } from 'node:path';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { DeckMeta } from '../model/deck.js';
import { type ConfigFileText, parseRevealJson, parseRevealMdConfig } from './dialects/reveal-md.js';
import type { FrontMatterReading } from './front-matter.js';
import { checkPattern, type SeparatorPatterns } from './separators.js';

/** What the caller found outside the deck file: reveal-md's project files and the command's flags. */
export interface DeckReadingInput {
  /** reveal-md.json beside the deck, else where lectern runs. */
  revealMd?: ConfigFileText;
  /** reveal.json (reveal.js options for every deck), found the same way. */
  revealJson?: ConfigFileText;
  /** `--separator`, `--vertical-separator`, `--notes-separator` (checked by the CLI). */
  flags?: Partial<SeparatorPatterns>;
}

export interface ReadingOptions {
  patterns: SeparatorPatterns;
  diagnostics: Diagnostic[];
}

const FLAGS: Record<keyof SeparatorPatterns, string> = {
  separator: '--separator',
  verticalSeparator: '--vertical-separator',
  notesSeparator: '--notes-separator',
};

/**
 * The one place where a deck's reading options are merged, in reveal-md's order: a flag wins
 * over the front matter, which wins over reveal-md.json, which wins over the dialect's defaults
 * (lectern's, or Marp's with its heading divider). reveal-md's other options (revealOptions,
 * theme, highlightTheme, title) fill in `meta` where the front matter left them unset.
 */
export function resolveReadingOptions(file: string, front: FrontMatterReading, meta: DeckMeta, input: DeckReadingInput, defaults: SeparatorPatterns): ReadingOptions {
  const config = input.revealMd ? parseRevealMdConfig(input.revealMd) : undefined;
  const revealJson = input.revealJson ? parseRevealJson(input.revealJson) : undefined;
  const diagnostics = [...(config?.diagnostics ?? []), ...(revealJson?.diagnostics ?? [])];
  const patterns = { ...defaults };
  for (const key of Object.keys(FLAGS) as (keyof SeparatorPatterns)[]) {
    const flag = input.flags?.[key];
    const fromFront = front[key];
    const fromConfig = config?.separators[key];
    const badFlag = flag === undefined || flag === null ? undefined : checkPattern(flag);
    if (badFlag) {
      diagnostics.push(error('bad-separator', `${FLAGS[key]} \`${String(flag)}\` is not a regular expression (${badFlag})`, { file, line: 1, column: 1 },
        'pass the separator as reveal-md does, e.g. --separator \'^\\n\\n\\n\''));
    }
    const chosen = flag !== undefined && !badFlag ? { value: flag } : (fromFront ?? fromConfig);
    if (chosen) (patterns as Record<string, string | null>)[key] = chosen.value;
  }
  meta.reveal = { ...revealJson?.revealOptions, ...config?.revealOptions, ...meta.reveal };
  if (config?.theme && meta.positions.theme === undefined) meta.theme = themeRelativeTo(config.theme.value, config.theme.file);
  if (config?.highlightTheme && meta.highlightTheme === undefined) meta.highlightTheme = config.highlightTheme.value;
  if (config?.title && meta.title === undefined) meta.title = config.title.value;
  return { patterns, diagnostics };
}

/** A theme path in reveal-md.json is relative to that file's folder; a name stays a name. */
function themeRelativeTo(theme: string, configFile: string): string {
  const isPath = theme.endsWith('.css') || theme.includes('/') || theme.includes('\\');
  return isPath && !isAbsolute(theme) && !/^[a-z]+:\/\//i.test(theme) ? resolve(dirname(configFile), theme) : theme;
}
