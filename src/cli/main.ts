import { closest } from '../diagnostics/did-you-mean.js';
import { COMMAND_SPECS, commandSpec } from './command-specs.js';
import { commandHelp, overviewHelp } from './help-text.js';
import { parseCommandLine } from './parse-command-line.js';
import { UsageError } from './usage-error.js';

type Run = (positionals: string[], values: Record<string, unknown>) => Promise<number>;

/** What each command of COMMAND_SPECS runs, imported only when it runs: help and usage errors load none of them. */
const RUNS: Record<string, Run> = {
  build: async (positionals, values) => (await import('./build-command.js')).runBuild(positionals, values),
  export: async (positionals, values) => (await import('./export-command.js')).runExport(positionals, values),
  serve: async (positionals, values) => (await import('./serve-command.js')).runServe(positionals, values),
  rehearsal: async (positionals, values) => (await import('./rehearsal-command.js')).runRehearsal(positionals, values),
  check: async (positionals, values) => (await import('./check-command.js')).runCheck(positionals, values),
  doctor: async (positionals, values) => (await import('./doctor-command.js')).runDoctor(positionals, values),
  init: async (positionals) => (await import('./init-command.js')).runInit(positionals),
};

/** Runs one command line; returns the exit code. The only place argv is read. */
export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  const spec = name === undefined ? undefined : commandSpec(name);
  try {
    if (name === undefined || name === '--help' || name === '-h') return printHelp(undefined);
    if (name === 'help') return printHelp(rest);
    const run = RUNS[name];
    if (!spec || !run) throw unknownCommand(name);
    const { values, positionals } = parseCommandLine(spec, rest);
    if (values.help) return printHelp([name]);
    return await run(positionals, values);
  } catch (cause) {
    if (cause instanceof UsageError || isParseArgsError(cause)) {
      const helpCommand = spec ? `lectern ${spec.name} --help` : 'lectern help';
      process.stderr.write(`lectern: ${(cause as Error).message}\nRun \`${helpCommand}\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`${describeFailure(cause)}\n`);
    return 1;
  }
}

/** `lectern help [<command>]`: the overview, or one command's help. */
function printHelp(topics: readonly string[] | undefined): number {
  const [topic, ...more] = topics ?? [];
  if (topic === undefined) {
    process.stdout.write(overviewHelp());
    return 0;
  }
  if (more.length > 0) throw new UsageError(`help takes one command, not ${topics?.join(' ')}`);
  const spec = commandSpec(topic);
  if (!spec) throw unknownCommand(topic);
  process.stdout.write(commandHelp(spec));
  return 0;
}

function unknownCommand(name: string): UsageError {
  const names = COMMAND_SPECS.map((spec) => spec.name);
  const suggestion = closest(name, names);
  return new UsageError(`unknown command \`${name}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}\n  commands: ${names.join(', ')}, help`);
}

function isParseArgsError(cause: unknown): boolean {
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** A file system failure reads as one line; anything else is a bug and keeps its stack. */
function describeFailure(cause: unknown): string {
  const system = cause as NodeJS.ErrnoException;
  if (system && typeof system.code === 'string' && typeof system.path === 'string') {
    const what = { ENOENT: 'not found', EACCES: 'permission denied', EPERM: 'not permitted', ENOSPC: 'no space left on device', EROFS: 'read-only file system', EISDIR: 'is a folder', ENOTDIR: 'not a folder' }[system.code] ?? system.code;
    return `lectern: cannot ${system.syscall ?? 'access'} ${system.path}: ${what}`;
  }
  const stack = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
  return `lectern: internal error (please report it with the deck that caused it)\n${stack}`;
}
