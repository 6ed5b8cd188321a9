/**
 * What `lectern init` writes, worked out without touching the disk: the course's template files
 * (templates/course/ of lectern's package) with the course's name put in, and its package.json.
 * The command (init-command.ts) reads the templates and writes what does not exist yet.
 */

/** A file of templates/course/, its path relative to that folder, written with `/`. */
export interface TemplateFile {
  path: string;
  content: Uint8Array;
}

/** A file of the new course, its path relative to the course folder, written with `/`. */
export interface CourseFile {
  path: string;
  content: Uint8Array;
}

/** Where the course's title goes in a template (always in YAML: it is put in as a quoted string). */
const TITLE_PLACEHOLDER = '{{title}}';
/** Templates whose text gets the title; images and other files are copied as they are. */
const TEXT_FILE = /\.(md|ya?ml)$/;
/**
 * A path part starting with `dot-` is written with a `.` (`dot-gitignore` → `.gitignore`): npm
 * leaves a package's `.gitignore` files out, so the template cannot be called that.
 */
const DOT_PREFIX = 'dot-';

/** The npm package name and the course title a folder's name gives: `My Course` → `my-course`, "My Course". */
export function courseNames(folderName: string): { packageName: string; title: string } {
  const packageName = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+$/, '')
    .slice(0, 214) || 'course';
  const words = folderName.replace(/[-_\s]+/g, ' ').trim();
  const title = words ? words.charAt(0).toUpperCase() + words.slice(1) : 'My course';
  return { packageName, title };
}

/** Every file of a new course, in the order they are reported: the templates', then package.json. */
export function courseFiles(templates: readonly TemplateFile[], options: { folderName: string; lecternVersion: string }): CourseFile[] {
  const { packageName, title } = courseNames(options.folderName);
  const files = templates.map((template) => ({
    path: coursePath(template.path),
    content: TEXT_FILE.test(template.path) ? withTitle(template.content, title) : template.content,
  }));
  files.push({ path: 'package.json', content: new TextEncoder().encode(packageJson(packageName, options.lecternVersion)) });
  return files.sort((a, b) => fileRank(a.path) - fileRank(b.path) || a.path.localeCompare(b.path));
}

/** A template's path in the course: `dot-github/workflows/course.yml` → `.github/workflows/course.yml`. */
export function coursePath(templatePath: string): string {
  return templatePath
    .split('/')
    .map((part) => (part.startsWith(DOT_PREFIX) ? `.${part.slice(DOT_PREFIX.length)}` : part))
    .join('/');
}

/** The course's package.json: private, lectern as its dev dependency, and a script per command. */
export function packageJson(name: string, lecternVersion: string): string {
  const manifest = {
    name,
    private: true,
    description: 'Lesson decks, built with lectern',
    scripts: {
      check: 'lectern check',
      build: 'lectern build --out dist',
      export: 'lectern export --out dist',
      serve: 'lectern serve --open',
    },
    devDependencies: { lectern: `^${lecternVersion}` },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The three commands a new instructor runs next: into the folder, install, see the deck. */
export function nextCommands(folderShown: string): string[] {
  const serve = 'npx lectern serve --open';
  if (folderShown === '.' || folderShown === '') return ['npm install', 'npx lectern check', serve];
  return [`cd ${shellWord(folderShown)}`, 'npm install', serve];
}

/** A path as the shell reads it: quoted when it holds anything but plain characters. */
function shellWord(path: string): string {
  return /^[\w./~-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function withTitle(content: Uint8Array, title: string): Uint8Array {
  const text = new TextDecoder().decode(content);
  return new TextEncoder().encode(text.split(TITLE_PLACEHOLDER).join(JSON.stringify(title)));
}

/** The course file and package.json first, the decks next, the repository's own files last. */
function fileRank(path: string): number {
  if (path === 'course.yaml') return 0;
  if (path === 'package.json') return 1;
  if (path.startsWith('decks/')) return 2;
  return 3;
}
