#!/usr/bin/env node
// Compiles src/ to lib/. The CLI is bundled with its pure dependencies (marked, yaml,
// highlight.js) and split per command: resolving and parsing ~150 small module files cost
// more than the build itself. Heavy optional modules (puppeteer-core, chokidar) stay external
// and load only in the commands that use them. The in-page client is bundled into one classic
// script that a deck opened from file:// can load. Type checking is `npm run typecheck`'s job.
import { build } from 'esbuild';
import { chmodSync, cpSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const lib = join(root, 'lib');
// Built beside lib/ and swapped in at the end, so a test or a command running from lib/ while
// another compile runs never sees a half-written folder.
const out = join(root, `lib.tmp-${process.pid}`);
rmSync(out, { recursive: true, force: true });
await build({
  // The live server's build thread shares the CLI's chunks (lib/cli/build-worker.js).
  entryPoints: { bin: join(src, 'cli', 'bin.ts'), 'build-worker': join(src, 'server', 'build-worker.ts') },
  outdir: join(out, 'cli'),
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: true,
  splitting: true,
  external: ['puppeteer-core', 'chokidar', 'ws', 'mermaid', 'qrcode', 'pdf-lib'],
  // Bundled CommonJS dependencies (yaml) may call require(): give the ESM bundle one.
  banner: { js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
chmodSync(join(out, 'cli', 'bin.js'), 0o755);

/** Code that runs in the page: one classic script (a global), so a deck opened from file:// runs it. */
async function bundleClient(entry, name, globalName, css) {
  await build({
    entryPoints: [join(src, 'client', ...entry)],
    outfile: join(out, 'client', `${name}.js`),
    format: 'iife',
    globalName,
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    bundle: true,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  cpSync(join(src, 'client', ...css), join(out, 'client', `${name}.css`));
}

await bundleClient(['index.ts'], 'lectern', 'LecternClient', ['lectern.css']);
// The presenter view of `lectern serve`, served by the live server.
await bundleClient(['presenter', 'index.ts'], 'presenter', 'LecternPresenter', ['presenter', 'presenter.css']);

// Scripts written in TypeScript (the benchmark) run from lib/scripts/ on Node 20, which cannot strip types.
await build({
  entryPoints: readdirSync(join(root, 'scripts')).filter((f) => f.endsWith('.ts') && f !== 'fuzz.ts').map((f) => join(root, 'scripts', f)),
  outdir: join(out, 'scripts'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: false,
  logLevel: 'warning',
});

// The deck fuzzer checks decks in its own worker threads with lectern's code: bundled like the CLI, so it needs no src/.
await build({
  entryPoints: [join(root, 'scripts', 'fuzz.ts')],
  outdir: join(out, 'scripts'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: true,
  external: ['puppeteer-core', 'chokidar', 'ws', 'mermaid', 'qrcode', 'pdf-lib'],
  banner: { js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);" },
  logLevel: 'warning',
});

rmSync(lib, { recursive: true, force: true });
renameSync(out, lib);
