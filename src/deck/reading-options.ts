import { dirname, isAbsolute, resolve } from 'node:path';
import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { DeckMeta, Position } from '../model/deck.js';
import { type ConfigFileText, parseRevealJson, parseRevealMdConfig } from './dialects/reveal-md.js';
import type { FrontMatterReading } from './front-matter.js';
import { checkPattern, LECTERN_SEPARATORS, MARP_SEPARATORS, type SeparatorPatterns } from './separators.js';

/** What the caller found outside the deck file: reveal-md's project files and the command's flags. */
export interface DeckReadingInput {
  /** reveal-md.json beside the deck, else where lectern runs. */
  revealMd?: ConfigFileText;
  /** reveal.json (reveal.js options for every deck), found the same way. */
  revealJson?: ConfigFileText;
  /** `--separator`, `--vertical-separator`, `--notes-separator` (checked by the CLI). */
  flags?: Partial<SeparatorPatterns>;
}

/** Where a setting came from, for messages that must say which one to change. */
export type SettingSource =
  | { kind: 'default'; dialect: DeckMeta['dialect'] }
  | { kind: 'file'; file: string; position: Position }
  | { kind: 'flag'; flag: string };

export interface ReadingOptions {
  patterns: SeparatorPatterns;
  sources: Record<keyof SeparatorPatterns, SettingSource>;
  diagnostics: Diagnostic[];
}

const FLAGS: Record<keyof SeparatorPatterns, string> = {
  separator: '--separator',
  verticalSeparator: '--vertical-separator',
  notesSeparator: '--notes-separator',
};

/**
 * The one place where a deck's reading options are merged, in reveal-md's order: a flag wins
 * over the front matter, which wins over reveal-md.json, which wins over the dialect's
 * defaults. The front matter's other options of reveal-md's files (revealOptions, theme,
 * highlightTheme, title) are filled into `meta` where the front matter left them unset.
 */
export function resolveReadingOptions(file: string, front: FrontMatterReading, meta: DeckMeta, input: DeckReadingInput = {}, dialectDefaults?: SeparatorPatterns): ReadingOptions {
  const defaults = dialectDefaults ?? (meta.dialect === 'marp' ? MARP_SEPARATORS : LECTERN_SEPARATORS);
  const config = input.revealMd ? parseRevealMdConfig(input.revealMd) : undefined;
  const revealJson = input.revealJson ? parseRevealJson(input.revealJson) : undefined;
  const diagnostics = [...(config?.diagnostics ?? []), ...(revealJson?.diagnostics ?? [])];
  const patterns = { ...defaults };
  const sources = {} as ReadingOptions['sources'];
  for (const key of Object.keys(FLAGS) as (keyof SeparatorPatterns)[]) {
    const flag = input.flags?.[key];
    const fromFront = front[key];
    const fromConfig = config?.separators[key];
    const badFlag = flag === undefined || flag === null ? undefined : checkPattern(flag);
    if (badFlag) {
      diagnostics.push(error('bad-separator', `${FLAGS[key]} \`${String(flag)}\` is not a regular expression (${badFlag})`, { file, line: 1, column: 1 },
        'pass the separator as reveal-md does, e.g. --separator \'^\\n\\n\\n\''));
    }
    if (flag !== undefined && !badFlag) {
      (patterns as Record<string, string | null>)[key] = flag;
      sources[key] = { kind: 'flag', flag: FLAGS[key] };
    } else if (fromFront) {
      (patterns as Record<string, string | null>)[key] = fromFront.value;
      sources[key] = { kind: 'file', file, position: fromFront.position };
    } else if (fromConfig) {
      (patterns as Record<string, string | null>)[key] = fromConfig.value;
      sources[key] = { kind: 'file', file: fromConfig.file, position: fromConfig.position };
    } else sources[key] = { kind: 'default', dialect: meta.dialect };
  }
  meta.reveal = { ...revealJson?.revealOptions, ...config?.revealOptions, ...meta.reveal };
  if (config?.theme && meta.positions.theme === undefined) meta.theme = themeRelativeTo(config.theme.value, config.theme.file);
  if (config?.highlightTheme && meta.highlightTheme === undefined) meta.highlightTheme = config.highlightTheme.value;
  if (config?.title && meta.title === undefined) meta.title = config.title.value;
  return { patterns, sources, diagnostics };
}

/** A theme path in reveal-md.json is relative to that file's folder; a name stays a name. */
function themeRelativeTo(theme: string, configFile: string): string {
  const isPath = theme.endsWith('.css') || theme.includes('/') || theme.includes('\\');
  return isPath && !isAbsolute(theme) && !/^[a-z]+:\/\//i.test(theme) ? resolve(dirname(configFile), theme) : theme;
}

/** How a message names where a separator was set. */
export function describeSource(source: SettingSource): string {
  if (source.kind === 'flag') return source.flag;
  if (source.kind === 'file') return `${source.file}:${source.position.line}`;
  return source.dialect === 'marp' ? "Marp's default" : "lectern's default";
}
