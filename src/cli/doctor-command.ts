import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { BROWSER_INSTALL_HINT, type FoundBrowser, findBrowser } from '../browser/find-browser.js';
import { PACKAGE_ROOT } from '../export/package-files.js';
import { UsageError } from './usage-error.js';

const SOURCES: Record<FoundBrowser['source'], string> = {
  option: 'from --browser',
  CHROME_PATH: 'from the CHROME_PATH environment variable',
  PUPPETEER_EXECUTABLE_PATH: 'from the PUPPETEER_EXECUTABLE_PATH environment variable',
  system: 'found in a usual install location',
};

/** `lectern doctor`: what lectern runs with. Exit 0 when a browser was found, else 1. */
export async function runDoctor(positionals: string[], values: Record<string, unknown>): Promise<number> {
  if (positionals.length > 0) throw new UsageError(`doctor takes no arguments, got ${positionals.join(' ')}`);
  const explicitPath = typeof values.browser === 'string' ? values.browser : undefined;
  const rows: [string, string][] = [];
  const manifest = readManifest(join(PACKAGE_ROOT, 'package.json'));
  rows.push(['lectern', manifest?.version ?? 'unknown']);

  const required = manifest?.engines?.node ?? '>=20.19';
  const nodeOk = satisfiesMinimum(process.versions.node, required);
  rows.push(['node', `${process.version} (${nodeOk ? 'ok' : 'too old'}: lectern needs ${required})`]);

  const found = findBrowser(explicitPath === undefined ? {} : { explicitPath });
  if (found) {
    rows.push(['browser', `${found.path} (${SOURCES[found.source]})`]);
    rows.push(['', await browserVersion(found.path)]);
  } else {
    rows.push(['browser', explicitPath === undefined ? 'not found' : `${explicitPath} is not an executable file`]);
  }

  rows.push(['reveal.js', packageVersion('reveal.js') ?? 'not installed (lectern cannot build decks without it)']);
  rows.push(['mermaid', packageVersion('mermaid') ?? 'not installed (diagrams stay as source)']);
  for (const tool of ['pdftotext', 'pdfinfo']) {
    rows.push([tool, `${onPath(tool) ?? 'not found'} (optional: used by lectern's own tests)`]);
  }

  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n') + '\n');
  if (!nodeOk) process.stderr.write(`lectern: Node ${process.versions.node} is older than lectern needs (${required})\n`);
  if (!found) {
    process.stderr.write(`lectern: no Chrome or Chromium was found\n  hint: ${BROWSER_INSTALL_HINT}\n`);
    return 1;
  }
  return 0;
}

interface Manifest {
  version?: string;
  engines?: { node?: string };
}

function readManifest(path: string): Manifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** True when `version` meets a `>=X.Y.Z` range; other range forms are taken as met. */
export function satisfiesMinimum(version: string, range: string): boolean {
  const minimum = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!minimum) return true;
  const have = version.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  const need = [minimum[1], minimum[2], minimum[3]].map((n) => Number.parseInt(n ?? '0', 10));
  for (let i = 0; i < 3; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The first line `<browser> --version` prints, or why there is none. */
function browserVersion(path: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const line = String(stdout).split('\n').map((l) => l.trim()).find(Boolean);
      if (line) resolve(line);
      else resolve(`version unknown${error ? ` (${error.killed ? 'timed out' : error.message.split('\n')[0]})` : ''}`);
    });
  });
}

/** A dependency's version, read from the nearest node_modules above lectern's own folder. */
function packageVersion(name: string): string | undefined {
  for (let dir = PACKAGE_ROOT; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return readManifest(manifest)?.version;
    if (dirname(dir) === dir) return undefined;
  }
}

function onPath(command: string): string | undefined {
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
