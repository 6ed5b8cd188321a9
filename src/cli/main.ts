import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SEPARATOR_OPTIONS } from './separator-flags.js';
import { UsageError } from './usage-error.js';

export const HELP = `lectern: Markdown lesson modules → offline reveal.js decks and PDFs

Usage:
  lectern build <deck.md|dir>... [--out dist]    write <out>/<slug>/index.html for each deck
        [--render]                               (a folder also gets <out>/index.html, the course index);
                                                 --render also lays the slides out, as check --render
  lectern export <deck.md|dir>... [--out dist]   build, then write <slug>.slides.pdf, .handout.pdf
        [--only slides,handout,guide]            and .guide.pdf beside each deck's index.html; warns
        [--paper A4|Letter]                      about overflowing slides, as check --render
  lectern check <deck.md|dir>... [--render]      report every problem and print each deck's schedule;
                                                 --render also lays the slides out in Chromium and
                                                 warns about overflowing slides and broken images
  lectern serve <deck.md|dir>... [--port 4321]   serve the decks live (reload on save) with a presenter
        [--host 127.0.0.1] [--open] [--rehearse] view; prints the audience and presenter URLs (the
        [--token <t>] [--new-token]              presenter link is kept per project in .lectern/)
  lectern rehearsal <slug|deck.md>               the latest rehearsal (rehearsals/<slug>/) against the plan;
        [--file <recording.json>] [--apply]      --apply writes the rehearsed times into the deck as time=
  lectern doctor                                 show versions and which Chrome/Chromium lectern uses
  lectern --version                              print the version
  lectern help                                   this text

Options:
  -o, --out <dir>      output folder (default: dist)
  -q, --quiet          build, export: print only problems
      --only <kinds>   export: which PDFs (default: all three)
      --paper <size>   export: handout and guide paper, A4 (default) or Letter
      --separator <re>, --vertical-separator <re>, --notes-separator <re>
                       build, export, check, serve: how slides are cut, as reveal-md's options
                       (regular expressions; also from front matter or a reveal-md.json)
      --browser <path> the Chrome/Chromium to use (default: CHROME_PATH, PUPPETEER_EXECUTABLE_PATH,
                       then the usual install locations; lectern never downloads one)
      --no-color       never colour the output (also: NO_COLOR=1)

Exit codes: 0 ok (warnings allowed), 1 a deck has errors or a needed browser is missing, 2 wrong usage.
Deck format and examples: README.md and docs/deck-format.md.
`;

interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run: (positionals: string[], values: Record<string, unknown>) => Promise<number>;
}

const COMMON = { 'no-color': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

const COMMANDS: Record<string, Command> = {
  build: {
    options: { ...COMMON, ...SEPARATOR_OPTIONS, out: { type: 'string', short: 'o', default: 'dist' }, quiet: { type: 'boolean', short: 'q' }, render: { type: 'boolean' }, browser: { type: 'string' } },
    run: async (positionals, values) => (await import('./build-command.js')).runBuild(positionals, values),
  },
  export: {
    options: {
      ...COMMON,
      ...SEPARATOR_OPTIONS,
      out: { type: 'string', short: 'o', default: 'dist' },
      quiet: { type: 'boolean', short: 'q' },
      only: { type: 'string' },
      paper: { type: 'string' },
      browser: { type: 'string' },
    },
    run: async (positionals, values) => (await import('./export-command.js')).runExport(positionals, values),
  },
  serve: {
    options: {
      ...COMMON,
      ...SEPARATOR_OPTIONS,
      port: { type: 'string', short: 'p' },
      token: { type: 'string' },
      'new-token': { type: 'boolean' },
      host: { type: 'string' },
      open: { type: 'boolean' },
      rehearse: { type: 'boolean' },
      browser: { type: 'string' },
    },
    run: async (positionals, values) => (await import('./serve-command.js')).runServe(positionals, values),
  },
  rehearsal: {
    options: { ...COMMON, apply: { type: 'boolean' }, file: { type: 'string' } },
    run: async (positionals, values) => (await import('./rehearsal-command.js')).runRehearsal(positionals, values),
  },
  check: {
    options: { ...COMMON, ...SEPARATOR_OPTIONS, render: { type: 'boolean' }, browser: { type: 'string' } },
    run: async (positionals, values) => (await import('./check-command.js')).runCheck(positionals, values),
  },
  doctor: {
    options: { ...COMMON, browser: { type: 'string' } },
    run: async (positionals, values) => (await import('./doctor-command.js')).runDoctor(positionals, values),
  },
};

/** Runs one command line; returns the exit code. The only place argv is read. */
export async function main(args: readonly string[]): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command \`${name}\``);
    const { values, positionals } = parseArgs({ args: joinPatternValues(rest), options: command.options, allowPositionals: true, strict: true });
    if (values.help) {
      process.stdout.write(HELP);
      return 0;
    }
    return await command.run(positionals, values);
  } catch (cause) {
    if (cause instanceof UsageError || isParseArgsError(cause)) {
      process.stderr.write(`lectern: ${(cause as Error).message}\nRun \`lectern help\` for usage.\n`);
      return 2;
    }
    process.stderr.write(`${describeFailure(cause)}\n`);
    return 1;
  }
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

const SEPARATOR_FLAGS = new Set(Object.keys(SEPARATOR_OPTIONS).map((name) => `--${name}`));

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
