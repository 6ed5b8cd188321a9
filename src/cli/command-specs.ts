/**
 * Every command's usage, options and example, in one table: the argument parser reads its
 * options from here, and so do `lectern <command> --help` and the usage errors, so what the
 * help says is what the parser accepts. Plain data: loading it costs nothing at start.
 */

export interface OptionSpec {
  name: string;
  short?: string;
  type: 'string' | 'boolean';
  /** How the value is shown in help: `<dir>`. */
  value?: string;
  /** One line: what the option does. */
  meaning: string;
  /** What applies when the option is not given, in words (the command applies it). */
  default?: string;
}

export interface CommandSpec {
  name: string;
  /** What follows the command's name in its usage line. */
  operands: string;
  summary: string;
  /** A few more lines about what the command writes or prints. */
  details: string[];
  options: OptionSpec[];
  example: { command: string; meaning: string };
  /** Files of lectern's package, relative to its root, worth reading for this command. */
  docs: string[];
}

const OUT: OptionSpec = { name: 'out', short: 'o', type: 'string', value: '<dir>', meaning: 'output folder', default: 'dist' };
const QUIET: OptionSpec = { name: 'quiet', short: 'q', type: 'boolean', meaning: 'print only problems' };
const BROWSER: OptionSpec = {
  name: 'browser',
  type: 'string',
  value: '<path>',
  meaning: 'the Chrome/Chromium to use (lectern never downloads one)',
  default: 'CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, then the usual install locations',
};

/** reveal-md's flags: how slides are cut. A separator flag always takes the next word (`--separator ---`). */
export const SEPARATOR_OPTIONS: readonly OptionSpec[] = [
  { name: 'separator', type: 'string', value: '<regex>', meaning: 'what separates horizontal slides', default: 'front matter, reveal-md.json, else `---` alone on a line' },
  { name: 'vertical-separator', type: 'string', value: '<regex>', meaning: 'what separates vertical slides (empty: none)', default: 'front matter, reveal-md.json, else `----` alone on a line' },
  { name: 'notes-separator', type: 'string', value: '<regex>', meaning: 'what starts a slide\'s speaker notes', default: 'front matter, reveal-md.json, else `Note:` or `Notes:`' },
];

/** Every command takes these. */
const COMMON: readonly OptionSpec[] = [
  { name: 'no-color', type: 'boolean', meaning: 'never colour the output (also: NO_COLOR=1)' },
  { name: 'help', short: 'h', type: 'boolean', meaning: 'print this help' },
];

const DECK_FORMAT = 'docs/deck-format.md';
const README = 'README.md';

/** How the deck commands find their decks when none is named. */
const COURSE_FILE = 'With no deck or folder named, the current folder\'s course.yaml gives the decks, in its order.';

export const COMMAND_SPECS: readonly CommandSpec[] = ([
  {
    name: 'build',
    operands: '[<deck.md|dir>...]',
    summary: 'write each deck as an offline reveal.js folder',
    details: [
      'Writes <out>/<slug>/index.html with its assets/ and media/ for each deck; a folder',
      'argument also writes <out>/index.html, the course index. A deck with errors is not written.',
      COURSE_FILE,
    ],
    options: [OUT, QUIET, { name: 'render', type: 'boolean', meaning: 'also lay the slides out in Chromium and warn about overflows, as check --render' }, BROWSER, ...SEPARATOR_OPTIONS],
    example: { command: 'lectern build decks --out dist', meaning: 'every deck of decks/ and the course index, into dist/' },
    docs: [DECK_FORMAT, README],
  },
  {
    name: 'export',
    operands: '[<deck.md|dir>...]',
    summary: 'build, then print each deck\'s slides, handout and guide PDFs',
    details: [
      'Builds as build does, then writes <slug>.slides.pdf, .handout.pdf and .guide.pdf beside each',
      'deck\'s index.html, and warns about overflowing slides as check --render does. Several decks',
      'also give dist/course-handouts.pdf and course-guides.pdf; unchanged PDFs are reused.',
      COURSE_FILE,
    ],
    options: [
      OUT,
      QUIET,
      { name: 'only', type: 'string', value: '<kinds>', meaning: 'which PDFs: slides, handout, guide (comma-separated)', default: 'all three' },
      { name: 'paper', type: 'string', value: '<size>', meaning: 'paper of the handout and guide: A4 or Letter', default: 'A4' },
      BROWSER,
      ...SEPARATOR_OPTIONS,
    ],
    example: { command: 'lectern export decks --only slides,handout', meaning: 'the slides and handout PDFs of every deck of decks/, into dist/' },
    docs: [DECK_FORMAT, README],
  },
  {
    name: 'check',
    operands: '[<deck.md|dir>...]',
    summary: 'report every problem and print each deck\'s schedule; writes nothing',
    details: [
      'With --render the slides are also laid out in Chromium: overflowing slides and broken images are warnings.',
      'With --a11y each deck is built and checked with axe (WCAG 2.1 AA) on every slide, with its contrast',
      'as rendered, and so are the course index and the presenter view: each problem is an error at its line.',
      COURSE_FILE,
    ],
    options: [
      { name: 'render', type: 'boolean', meaning: 'also lay the slides out in Chromium' },
      { name: 'a11y', type: 'boolean', meaning: 'also check accessibility (WCAG 2.1 AA) in Chromium' },
      { name: 'strict', type: 'boolean', meaning: 'count warnings as errors (exit 1), e.g. an image without alt text' },
      BROWSER,
      ...SEPARATOR_OPTIONS,
    ],
    example: { command: 'lectern check decks/module-1-foundations.md --render', meaning: 'one deck\'s problems, its layout included, and its schedule' },
    docs: [DECK_FORMAT, README],
  },
  {
    name: 'serve',
    operands: '[<deck.md|dir>...]',
    summary: 'serve the decks live (reload on save) with a presenter view',
    details: ['Prints each deck\'s audience and presenter URLs; the presenter link is kept per project in .lectern/.', COURSE_FILE],
    options: [
      { name: 'port', short: 'p', type: 'string', value: '<port>', meaning: 'port to listen on', default: '4321' },
      { name: 'host', type: 'string', value: '<host>', meaning: 'address to listen on (0.0.0.0: the whole network)', default: '127.0.0.1' },
      { name: 'open', type: 'boolean', meaning: 'open the served decks in the default browser' },
      { name: 'rehearse', type: 'boolean', meaning: 'record a rehearsal: the time spent on each slide, into rehearsals/<slug>/' },
      { name: 'token', type: 'string', value: '<t>', meaning: 'the presenter token to use (16 to 128 letters, digits, - or _)', default: 'the one kept in .lectern/presenter-token' },
      { name: 'new-token', type: 'boolean', meaning: 'replace the kept presenter token with a new one' },
      BROWSER,
      ...SEPARATOR_OPTIONS,
    ],
    example: { command: 'lectern serve decks --open', meaning: 'serve every deck of decks/ and open them in the browser' },
    docs: [README, DECK_FORMAT],
  },
  {
    name: 'rehearsal',
    operands: '<slug|deck.md>',
    summary: 'compare the latest rehearsal of a deck with its plan',
    details: ['Reads the newest recording in rehearsals/<slug>/ (made by serve --rehearse) and prints it slide by slide against the plan.'],
    options: [
      { name: 'file', type: 'string', value: '<recording.json>', meaning: 'read this recording instead', default: 'the newest in rehearsals/<slug>/' },
      { name: 'apply', type: 'boolean', meaning: 'write the rehearsed times into the deck as time=' },
    ],
    example: { command: 'lectern rehearsal decks/module-1-foundations.md --apply', meaning: 'compare, then keep the rehearsed times in the deck' },
    docs: [README],
  },
  {
    name: 'doctor',
    operands: '',
    summary: 'show versions and which Chrome/Chromium lectern uses',
    details: [],
    options: [BROWSER],
    example: { command: 'lectern doctor', meaning: 'Node.js, lectern and browser versions, and how the browser was found' },
    docs: [README],
  },
  {
    name: 'init',
    operands: '[dir]',
    summary: 'start a course: course.yaml, a starter deck, package.json and a GitHub Pages workflow',
    details: [
      'Writes into dir (default: the current folder, made if missing) course.yaml, decks/module-1.md',
      'with its image, package.json, .gitignore and .github/workflows/course.yml. A file that exists',
      'is kept and named, never overwritten. Prints the next three commands to run.',
    ],
    options: [],
    example: { command: 'lectern init my-course', meaning: 'a new course in my-course/, ready for npm install' },
    docs: [README, DECK_FORMAT],
  },
] satisfies CommandSpec[]).map((spec) => ({ ...spec, options: [...spec.options, ...COMMON] }));

export function commandSpec(name: string): CommandSpec | undefined {
  return COMMAND_SPECS.find((spec) => spec.name === name);
}
