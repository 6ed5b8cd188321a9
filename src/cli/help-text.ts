import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../export/package-files.js';
import { COMMAND_SPECS, type CommandSpec, type OptionSpec } from './command-specs.js';
import { displayPath } from './display-path.js';

const EXIT_CODES = 'Exit codes: 0 ok (warnings allowed), 1 a deck has errors or a needed browser is missing, 2 wrong usage.';

/** `lectern help`: every command in a line, and where to read more. */
export function overviewHelp(): string {
  const usages = COMMAND_SPECS.map((spec) => usageLine(spec));
  const width = Math.max(...usages.map((u) => u.length));
  const lines = [
    'lectern: Markdown lesson modules → offline reveal.js decks and PDFs',
    '',
    'Usage:',
    ...COMMAND_SPECS.map((spec, i) => `  ${(usages[i] ?? '').padEnd(width)}  ${spec.summary}`),
    `  ${'lectern --version'.padEnd(width)}  print the version`,
    `  ${'lectern help [<command>]'.padEnd(width)}  this text, or a command's options and an example`,
    '',
    'Run `lectern <command> --help` for its options, their defaults and an example.',
    EXIT_CODES,
    ...docsLines(['docs/deck-format.md', 'README.md']),
  ];
  return `${lines.join('\n')}\n`;
}

/** `lectern <command> --help`: usage, what it does, each option with its default, an example, the docs. */
export function commandHelp(spec: CommandSpec): string {
  const flags = spec.options.map(flagText);
  const width = Math.max(...flags.map((f) => f.length));
  const lines = [
    `Usage: ${usageLine(spec)}${spec.options.length > 0 ? ' [options]' : ''}`,
    '',
    `${capitalize(spec.summary)}.`,
    ...spec.details,
    '',
    'Options:',
    ...spec.options.flatMap((option, i) => optionLines((flags[i] ?? '').padEnd(width), option)),
    '',
    'Example:',
    `  ${spec.example.command}`,
    `      ${spec.example.meaning}`,
    '',
    EXIT_CODES,
    ...docsLines(spec.docs),
  ];
  return `${lines.join('\n')}\n`;
}

/** `--out`, `-o`: how an option is written on the command line. */
export function optionFlag(option: OptionSpec): string {
  return `--${option.name}`;
}

/** `lectern rehearsal <slug|deck.md> [--file <recording.json>] [--apply]`: the usage line with the command's own options. */
export function usageSynopsis(spec: CommandSpec): string {
  const own = spec.options.filter((option) => option.name !== 'help' && option.name !== 'no-color');
  return [usageLine(spec), ...own.map((option) => `[${optionFlag(option)}${option.value ? ` ${option.value}` : ''}]`)].join(' ');
}

function usageLine(spec: CommandSpec): string {
  return `lectern ${spec.name}${spec.operands ? ` ${spec.operands}` : ''}`;
}

function flagText(option: OptionSpec): string {
  const short = option.short ? `-${option.short}, ` : '    ';
  return `${short}${optionFlag(option)}${option.value ? ` ${option.value}` : ''}`;
}

/** What each doc a help text points at is about. */
const DOC_TOPICS: Record<string, string> = {
  'docs/deck-format.md': 'the deck format: front matter, directives, activities, timing',
  'README.md': 'every command, themes, decks from reveal-md and Marp, troubleshooting',
};

/**
 * Where the docs are on this machine: beside lectern's own package.json, wherever npm put it
 * (a checkout, node_modules, a global install), so a path can be opened as printed.
 */
function docsLines(files: readonly string[]): string[] {
  const found = files.map((file) => ({ path: displayPath(join(PACKAGE_ROOT, file)), topic: DOC_TOPICS[file] ?? '', exists: existsSync(join(PACKAGE_ROOT, file)) })).filter((doc) => doc.exists);
  if (found.length === 0) return [];
  const width = Math.max(...found.map((doc) => doc.path.length));
  return ['', 'Docs:', ...found.map((doc) => `  ${doc.path.padEnd(width)}  ${doc.topic}`)];
}

/** An option's meaning and default on one line when it fits, else the default on a line below. */
function optionLines(flag: string, option: OptionSpec): string[] {
  const line = `  ${flag}  ${option.meaning}`;
  if (!option.default) return [line];
  const withDefault = `${line} (default: ${option.default})`;
  return withDefault.length <= MAX_WIDTH ? [withDefault] : [line, `${' '.repeat(flag.length + 4)}(default: ${option.default})`];
}

const MAX_WIDTH = 100;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
