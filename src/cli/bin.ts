#!/usr/bin/env node
// The entry point stays tiny: `--version` and an old Node are answered before anything heavy loads.
import { readFileSync } from 'node:fs';
import module from 'node:module';

const MINIMUM_NODE = [20, 19];

function nodeIsTooOld(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major < (MINIMUM_NODE[0] ?? 0) || (major === MINIMUM_NODE[0] && minor < (MINIMUM_NODE[1] ?? 0));
}

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
}
