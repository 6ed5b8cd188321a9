import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lectern package's own folder (holds themes/ and lib/), wherever the bundle put this code. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'lectern') return dir;
    if (dirname(dir) === dir) throw new Error(`lectern's package.json was not found above ${start}`);
  }
}

const require = createRequire(import.meta.url);

/** reveal.js's dist/ folder, from node_modules: nothing is ever fetched from a CDN. */
export function revealDist(): string {
  return dirname(require.resolve('reveal.js'));
}

/** Files the page loads, by the name they get under the deck's assets/ folder. */
export function runtimeFiles(): Record<'reveal.css' | 'reveal.js' | 'notes.js' | 'highlight.css' | 'lectern.css' | 'lectern.js', string> {
  const dist = revealDist();
  return {
    'reveal.css': join(dist, 'reveal.css'),
    'reveal.js': join(dist, 'reveal.js'),
    'notes.js': join(dist, 'plugin', 'notes.js'),
    'highlight.css': join(dist, 'plugin', 'highlight', 'monokai.css'),
    'lectern.css': join(PACKAGE_ROOT, 'lib', 'client', 'lectern.css'),
    'lectern.js': join(PACKAGE_ROOT, 'lib', 'client', 'lectern.js'),
  };
}

/** Mermaid's browser bundle (drawn at build time in Chromium, or in the page as a fallback) and its version. */
export function mermaidBundle(): { path: string; version: string } | undefined {
  try {
    const manifest = require.resolve('mermaid/package.json');
    const version = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    return { path: join(dirname(manifest), 'dist', 'mermaid.min.js'), version };
  } catch {
    return undefined;
  }
}
