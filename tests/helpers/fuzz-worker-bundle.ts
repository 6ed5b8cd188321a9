/**
 * The fuzz worker as one ES module file, for the unit test: a worker thread on Node 20 cannot
 * load TypeScript, so esbuild bundles it (a fraction of a second) the way scripts/compile.mjs
 * bundles scripts/fuzz.ts. It is written under node_modules/.cache, inside the repo, because
 * lectern finds its package folder (themes, reveal.js) upwards from its own code.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './cli.js';

export async function bundleFuzzWorker(): Promise<{ script: string; remove: () => void }> {
  const dir = join(ROOT, 'node_modules', '.cache', 'lectern-fuzz');
  mkdirSync(dir, { recursive: true });
  const script = join(dir, `worker-${process.pid}-${Date.now()}.mjs`);
  await build({
    stdin: { contents: "import { serveFuzzCases } from './fuzz-worker.ts';\nserveFuzzCases();\n", resolveDir: join(ROOT, 'tests', 'helpers'), loader: 'ts' },
    outfile: script,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: true,
    external: ['puppeteer-core', 'chokidar', 'ws', 'mermaid', 'qrcode', 'pdf-lib'],
    banner: { js: "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return { script, remove: () => rmSync(script, { force: true }) };
}
