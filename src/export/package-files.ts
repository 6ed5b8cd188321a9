import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lectern package's own folder (holds themes/ and lib/). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

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
