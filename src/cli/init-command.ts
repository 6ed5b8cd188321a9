import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PACKAGE_ROOT } from '../export/package-files.js';
import { displayPath } from './display-path.js';
import { courseFiles, nextCommands, type TemplateFile } from './init-files.js';
import { UsageError } from './usage-error.js';

/** The course template, in lectern's package (the package's "files" ship it). */
const TEMPLATE_FOLDER = join(PACKAGE_ROOT, 'templates', 'course');

/**
 * `lectern init [dir]`: writes a new course into dir (default: the current folder). A file that
 * exists is kept as it is and named; nothing is ever overwritten.
 */
export function runInit(positionals: readonly string[]): number {
  if (positionals.length > 1) throw new UsageError(`init takes one folder, not ${positionals.join(' ')}`);
  const folder = resolve(positionals[0] ?? '.');
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new UsageError(`${positionals[0] ?? '.'} is a file, not a folder`);

  const files = courseFiles(readTemplates(TEMPLATE_FOLDER), { folderName: basename(folder), lecternVersion: lecternVersion() });
  const created: string[] = [];
  const kept: string[] = [];
  for (const file of files) {
    const target = join(folder, ...file.path.split('/'));
    if (writeNew(target, file.content)) created.push(file.path);
    else kept.push(file.path);
  }

  const shown = displayPath(folder) || '.';
  const out: string[] = [];
  out.push(created.length > 0 ? `Created a course in ${shown}:` : `Nothing to create in ${shown}: every file of a new course is there.`);
  for (const path of created) out.push(`  created ${path}`);
  for (const path of kept) out.push(`  kept    ${path} (exists)`);
  out.push('', 'Next:');
  for (const command of nextCommands(shown)) out.push(`  ${command}`);
  out.push(
    '',
    'lectern is not on the public npm registry: if `npm install` cannot find it, install it the way',
    'you installed this one (npm install -D <lectern-x.y.z.tgz or git URL>); see lectern\'s README.',
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** Every file under the template folder, its path relative to it written with `/`. */
function readTemplates(root: string): TemplateFile[] {
  const files: TemplateFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ path: relative(root, path).split(sep).join('/'), content: readFileSync(path) });
    }
  };
  walk(root);
  return files;
}

/** Writes a file that does not exist yet (the `wx` flag: never one that does); false when it exists. */
function writeNew(target: string, content: Uint8Array): boolean {
  if (existsSync(target)) return false;
  mkdirSync(dirname(target), { recursive: true });
  try {
    writeFileSync(target, content, { flag: 'wx' });
    return true;
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw cause;
  }
}

function lecternVersion(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
