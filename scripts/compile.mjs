#!/usr/bin/env node
// Compiles src/ to lib/: every Node module is transpiled one to one (so the CLI can load each
// command lazily and start fast), and the in-page client is bundled into one classic script
// that a deck opened from file:// can load. Type checking is `npm run typecheck`'s job.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync, cpSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const out = join(root, 'lib');

function listTs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'client' ? [] : listTs(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: listTs(src),
  outdir: out,
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: false,
  sourcemap: 'linked',
  logLevel: 'warning',
});
await build({
  entryPoints: [join(src, 'client', 'index.ts')],
  outfile: join(out, 'client', 'lectern.js'),
  format: 'iife',
  globalName: 'LecternClient',
  platform: 'browser',
  target: ['chrome100', 'firefox100', 'safari15'],
  bundle: true,
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
cpSync(join(src, 'client', 'lectern.css'), join(out, 'client', 'lectern.css'));
// Scripts written in TypeScript (the benchmark) run from lib/scripts/ on Node 20, which cannot strip types.
await build({
  entryPoints: readdirSync(join(root, 'scripts')).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'scripts', f)),
  outdir: join(out, 'scripts'),
  format: 'esm',
  platform: 'node',
  target: 'node20',
  bundle: false,
  logLevel: 'warning',
});
