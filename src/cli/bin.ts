#!/usr/bin/env node
// The entry point stays tiny: `--version` and an old Node are answered before anything heavy loads.
import { readFileSync } from 'node:fs';
import module from 'node:module';

const MINIMUM_NODE = [20, 19];

function nodeIsTooOld(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major < (MINIMUM_NODE[0] ?? 0) || (major === MINIMUM_NODE[0] && minor < (MINIMUM_NODE[1] ?? 0));
}

/** Set when stdout or stderr failed for a reason other than its reader leaving (a full disk). */
let outputFailure: string | undefined;

/**
 * A reader that stops early (`lectern check decks | head`) closes our stdout or stderr: that
 * is its choice, not our failure, so nothing is said about it. Later writes to that stream are
 * dropped and the command finishes its work as if it had printed, so its `finally` blocks still
 * close the browser and remove temporary folders, no output file is left half-written, and the
 * exit code still tells whether the decks are fine. Exiting at once, as a process killed by
 * SIGPIPE would, could skip that cleanup mid-export.
 */
function stopPrintingWhenClosed(stream: NodeJS.WriteStream, name: string): void {
  stream.on('error', (cause: NodeJS.ErrnoException) => {
    if (cause.code === 'EPIPE' || cause.code === 'ERR_STREAM_DESTROYED') return;
    outputFailure ??= `lectern: cannot write to ${name}: ${cause.code ?? cause.message}`;
  });
}

stopPrintingWhenClosed(process.stdout, 'stdout');
stopPrintingWhenClosed(process.stderr, 'stderr');
// At exit, not after main(): a failed write reports its error a tick after the last write.
process.on('exit', () => {
  if (outputFailure === undefined) return;
  process.stderr.write(`${outputFailure}\n`);
  if (!process.exitCode) process.exitCode = 1;
});

const args = process.argv.slice(2);
if (nodeIsTooOld()) {
  process.stderr.write(
    `lectern needs Node.js ${MINIMUM_NODE.join('.')} or newer; this is ${process.versions.node}.\n` +
      'Install a current Node.js (https://nodejs.org, or `nvm install 22`) and run the command again.\n',
  );
  process.exit(2);
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  process.stdout.write(`${pkg.version}\n`);
} else {
  // Node 22.1+ keeps V8's compiled code between runs (a faster start for every command);
  // Node 20 has no such cache and skips this.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const { main } = await import('./main.js');
  process.exitCode = await main(args);
  // Every command closes what it opened; should anything still hold the process (a browser
  // page, a socket), lectern ends anyway instead of hanging after its work is done.
  setTimeout(() => process.exit(), 5_000).unref();
}
