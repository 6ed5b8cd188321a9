import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../diagnostics/did-you-mean.js';
import { type CommandSpec, SEPARATOR_OPTIONS } from './command-specs.js';
import { optionFlag } from './help-text.js';
import { UsageError } from './usage-error.js';

export interface ParsedCommandLine {
  values: Record<string, unknown>;
  positionals: string[];
}

/** A command's arguments, read with the options of its spec; an option it does not have is a usage error naming those it has. */
export function parseCommandLine(spec: CommandSpec, args: readonly string[]): ParsedCommandLine {
  const options = parseArgsOptions(spec);
  const joined = joinPatternValues(args);
  // A lenient pass first, only to find an unknown option: parseArgs' own message names neither
  // the command nor what it takes.
  const { tokens } = parseArgs({ args: joined, options, allowPositionals: true, strict: false, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option' && !(token.name in options)) throw unknownOption(spec, token.rawName);
  }
  const { values, positionals } = parseArgs({ args: joined, options, allowPositionals: true, strict: true });
  return { values, positionals };
}

function parseArgsOptions(spec: CommandSpec): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(spec.options.map((option) => [option.name, { type: option.type, ...(option.short ? { short: option.short } : {}) }]));
}

function unknownOption(spec: CommandSpec, given: string): UsageError {
  const flags = spec.options.map(optionFlag);
  const suggestion = closest(given.replace(/^-+/, ''), spec.options.map((o) => o.name));
  const didYouMean = suggestion ? `; did you mean --${suggestion}?` : '';
  return new UsageError(`${spec.name} has no option \`${given}\`${didYouMean}\n  ${spec.name} takes: ${flags.join(', ')}`);
}

/**
 * A separator is often a run of dashes (`--separator ---`), which parseArgs would take for an
 * option of its own: a separator flag always takes the next word as its value.
 */
function joinPatternValues(args: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = args[i + 1];
    if (SEPARATOR_FLAGS.has(arg) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

const SEPARATOR_FLAGS = new Set(SEPARATOR_OPTIONS.map(optionFlag));
