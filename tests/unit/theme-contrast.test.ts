/**
 * WCAG 2.1 contrast of lectern's themes, computed from the stylesheets themselves: the theme's
 * custom properties (high-contrast with course.css inlined, as the build does), the concrete
 * colours written without a variable (highlight.js tokens, table stripes) and lectern.css's
 * rules for the activity timer, with every var() resolved. Code colours come from the theme:
 * with a lectern theme the build links no highlight.js stylesheet (only reveal's built-in
 * themes get monokai), so the theme's `.hljs-*` rules are the ones on screen.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../src/export/theme.js';
import { ROOT } from '../helpers/cli.js';

// ── colours ───────────────────────────────────────────────────────────────────────────────

interface Rgba { r: number; g: number; b: number; a: number }

const NAMED: Record<string, string> = { white: '#ffffff', black: '#000000', transparent: '#00000000', orange: '#ffa500', green: '#008000' };

export function parseColour(value: string): Rgba {
  const text = (NAMED[value.trim().toLowerCase()] ?? value).trim();
  const hex = /^#([0-9a-f]{3,8})$/i.exec(text)?.[1];
  if (hex && [3, 4, 6, 8].includes(hex.length)) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d) : (hex.match(/../g) ?? []);
    const [r = 0, g = 0, b = 0, a = 255] = digits.map((d) => parseInt(d, 16));
    return { r, g, b, a: a / 255 };
  }
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*(?:[,/]\s*([\d.]+)(%?))?\s*\)$/i.exec(text);
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : Number(rgb[4]) / (rgb[5] ? 100 : 1);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha };
  }
  throw new Error(`not a colour this check reads: ${value}`);
}

/** The colour in a value that may hold more (`outline: 3px solid #5aa9ff`). */
function colourIn(value: string): Rgba {
  const token = value.match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)/i)?.[0] ?? value;
  return parseColour(token);
}

/** A translucent colour laid over an opaque one, as the browser paints it. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => Math.round(t * top.a + b * (1 - top.a));
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

function hexOf({ r, g, b }: Rgba): string {
  return `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function luminance({ r, g, b }: Rgba): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// ── stylesheets ───────────────────────────────────────────────────────────────────────────

interface Rule { selectors: string[]; declarations: Map<string, string> }

const normalSelector = (s: string) => s.replace(/\s+/g, ' ').replace(/\s*([>+~,])\s*/g, '$1').trim();

/** Innermost `selector { declarations }` blocks: rules inside @media come out as rules too. */
function parseRules(css: string): Rule[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((match) => {
    const declarations = new Map<string, string>();
    for (const part of (match[2] ?? '').split(';')) {
      const colon = part.indexOf(':');
      if (colon > 0) declarations.set(part.slice(0, colon).trim(), part.slice(colon + 1).trim());
    }
    return { selectors: splitTopLevel(match[1] ?? '').map(normalSelector), declarations };
  });
}

export class Stylesheet {
  private readonly rules: Rule[];
  private readonly properties = new Map<string, string>();

  constructor(css: string) {
    this.rules = parseRules(css);
    // The theme's custom properties live on :root; the last declaration wins, as in the browser.
    for (const rule of this.rules) {
      if (!rule.selectors.includes(':root')) continue;
      for (const [name, value] of rule.declarations) if (name.startsWith('--')) this.properties.set(name, value);
    }
  }

  /** The value the last rule with exactly this selector gives the property. */
  declared(selector: string, property: string): string {
    const wanted = normalSelector(selector);
    const rule = this.rules.findLast((r) => r.selectors.includes(wanted) && r.declarations.has(property));
    const value = rule?.declarations.get(property);
    if (value === undefined) throw new Error(`no \`${property}\` for \`${selector}\``);
    return value;
  }

  /** A value with every var() replaced: the property's value, else the fallback. */
  resolve(value: string, depth = 0): string {
    if (depth > 20) throw new Error(`var() cycle in ${value}`);
    const start = value.indexOf('var(');
    if (start < 0) return value.replace(/\s*!important$/, '').trim();
    let end = start + 4;
    for (let open = 1; open > 0 && end < value.length; end++) open += value[end] === '(' ? 1 : value[end] === ')' ? -1 : 0;
    const inner = value.slice(start + 4, end - 1);
    const comma = topLevelComma(inner);
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma < 0 ? undefined : inner.slice(comma + 1).trim();
    const replacement = this.properties.get(name) ?? fallback;
    if (replacement === undefined) throw new Error(`${name} is not defined`);
    return this.resolve(value.slice(0, start) + replacement + value.slice(end), depth + 1);
  }
}

/** A selector list cut at its own commas, not those inside `:is(…)`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  for (let comma = topLevelComma(rest); comma >= 0; comma = topLevelComma(rest)) {
    parts.push(rest.slice(0, comma));
    rest = rest.slice(comma + 1);
  }
  return [...parts, rest];
}

function topLevelComma(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) return i;
  }
  return -1;
}

// ── the pairs ─────────────────────────────────────────────────────────────────────────────

/** A colour: a CSS value (var() allowed), or the value a rule of the page gives a property. */
type Source = string | { selector: string; property: string };
const rule = (selector: string, property: string): Source => ({ selector, property });

export interface Pair {
  name: string;
  fg: Source;
  /** The background, top layer first: translucent layers are laid over the ones below. */
  bg: Source | Source[];
  /** 4.5 for text, 3 for large text (≥ 24px, or ≥ 18.66px bold) and for focus rings and controls. */
  required: 4.5 | 3;
  /** The foreground's own opacity (the paused timer's dimmed display, reveal's faded arrows). */
  opacity?: number | { selector: string; property: 'opacity' };
}

export interface ContrastRow { theme: string; pair: string; fg: string; bg: string; ratio: number; required: number; pass: boolean }

const PAGE = 'var(--r-background-color)';
const TIMER = '.reveal .lectern-timer';
const WARNING = `${TIMER}[data-warning="true"]`;
const DONE = `${TIMER}[data-state="done"]`;
const FADED_BACK_ARROW = '.reveal:not(.rtl) .controls[data-controls-back-arrows="faded"] .navigate-left.enabled';
const FOCUS_RING = rule('.reveal .lectern-timer__button:focus-visible', 'outline-color');

const HIGHLIGHT_TOKENS = ['comment', 'keyword', 'string', 'number', 'title', 'attr', 'built_in', 'meta', 'deletion'];

/** Every pair lectern's themes must keep readable on a normal (light or black) slide. */
export const PAGE_PAIRS: Pair[] = [
  { name: 'body text', fg: 'var(--r-main-color)', bg: PAGE, required: 4.5 },
  { name: 'headings', fg: 'var(--r-heading-color)', bg: PAGE, required: 4.5 },
  { name: 'bold text', fg: rule('.reveal strong', 'color'), bg: PAGE, required: 4.5 },
  { name: 'links', fg: 'var(--r-link-color)', bg: PAGE, required: 4.5 },
  { name: 'links, hovered', fg: 'var(--r-link-color-hover)', bg: PAGE, required: 4.5 },
  { name: 'small / muted text', fg: 'var(--lectern-muted)', bg: PAGE, required: 4.5 },
  { name: 'selected text', fg: 'var(--r-selection-color)', bg: 'var(--r-selection-background-color)', required: 4.5 },
  { name: 'title slide course line', fg: 'var(--lectern-accent)', bg: PAGE, required: 4.5 },
  { name: 'slide number', fg: rule('.reveal .slide-number', 'color'), bg: PAGE, required: 4.5 },
  { name: 'print page-number pill', fg: rule('html.reveal-print .reveal .slide-number-pdf', 'color'), bg: rule('html.reveal-print .reveal .slide-number-pdf', 'background'), required: 4.5 },
  { name: 'navigation arrows (control)', fg: rule('.reveal .controls', 'color'), bg: PAGE, required: 3 },
  { name: 'navigation arrow back, faded', fg: rule('.reveal .controls', 'color'), opacity: { selector: FADED_BACK_ARROW, property: 'opacity' }, bg: PAGE, required: 3 },
  { name: 'inline code', fg: rule('.reveal :not(pre) > code', 'color'), bg: 'var(--lectern-code-bg)', required: 4.5 },
  { name: 'code block text', fg: 'var(--r-main-color)', bg: 'var(--lectern-code-bg)', required: 4.5 },
  ...HIGHLIGHT_TOKENS.map((token): Pair => ({ name: `code: hljs-${token}`, fg: rule(`.hljs-${token}`, 'color'), bg: 'var(--lectern-code-bg)', required: 4.5 })),
  // Code steps mark the step's lines with a band: every colour must stay readable on it too.
  { name: 'code step: line numbers', fg: 'var(--lectern-muted)', bg: 'var(--lectern-code-bg)', required: 4.5 },
  { name: 'code step: text on the band', fg: 'var(--r-main-color)', bg: 'var(--lectern-step-bg)', required: 4.5 },
  ...HIGHLIGHT_TOKENS.map((token): Pair => ({ name: `code step: hljs-${token} on the band`, fg: rule(`.hljs-${token}`, 'color'), bg: 'var(--lectern-step-bg)', required: 4.5 })),
  { name: 'table header', fg: rule('.reveal table th', 'color'), bg: rule('.reveal table th', 'background'), required: 4.5 },
  { name: 'table row', fg: 'var(--r-main-color)', bg: PAGE, required: 4.5 },
  { name: 'table striped row', fg: 'var(--r-main-color)', bg: rule('.reveal table tbody tr:nth-child(even) td', 'background'), required: 4.5 },
  { name: 'blockquote', fg: 'var(--r-main-color)', bg: 'var(--lectern-panel-bg)', required: 4.5 },
  { name: 'activity text', fg: 'var(--r-main-color)', bg: 'var(--lectern-panel-bg)', required: 4.5 },
  { name: 'activity title', fg: 'var(--r-heading-color)', bg: 'var(--lectern-panel-bg)', required: 4.5 },
  { name: 'activity planned time', fg: rule('.reveal .lectern-activity__planned', 'color'), bg: 'var(--lectern-panel-bg)', required: 4.5 },
  { name: 'activity label', fg: rule('.reveal .lectern-activity__label', 'color'), bg: 'var(--lectern-accent)', required: 4.5 },
  { name: 'timer display', fg: rule('.reveal .lectern-timer__display', 'color'), bg: rule(TIMER, 'background'), required: 4.5 },
  { name: 'timer display, paused (dimmed)', fg: rule('.reveal .lectern-timer__display', 'color'), opacity: 0.6, bg: rule(TIMER, 'background'), required: 3 },
  { name: 'timer status', fg: rule('.reveal .lectern-timer__status', 'color'), bg: rule(TIMER, 'background'), required: 4.5 },
  { name: 'timer status, running', fg: rule(`${TIMER}[data-state="running"] .lectern-timer__status`, 'color'), bg: rule(TIMER, 'background'), required: 4.5 },
  { name: 'timer buttons', fg: rule('.reveal .lectern-timer__button', 'color'), bg: rule(TIMER, 'background'), required: 4.5 },
  { name: 'timer start button', fg: rule('.reveal .lectern-timer__button[data-action="toggle"]', 'color'), bg: 'var(--lectern-accent)', required: 4.5 },
  { name: 'timer last minute: display', fg: rule(`${WARNING} .lectern-timer__display`, 'color'), bg: rule(WARNING, 'background'), required: 4.5 },
  { name: 'timer last minute: buttons', fg: rule('.reveal .lectern-timer__button', 'color'), bg: rule(WARNING, 'background'), required: 4.5 },
  { name: "timer time's up: display", fg: rule(`${DONE} .lectern-timer__display`, 'color'), bg: rule(DONE, 'background'), required: 4.5 },
  { name: "timer time's up: buttons", fg: rule(`${DONE} .lectern-timer__button`, 'color'), bg: rule(DONE, 'background'), required: 4.5 },
  { name: "timer time's up: restart button", fg: rule(`${DONE} .lectern-timer__button[data-action="toggle"]`, 'color'), bg: rule(`${DONE} .lectern-timer__button[data-action="toggle"]`, 'background'), required: 4.5 },
  // A focus ring must stand out from what lies beside it: the page or panel, the last-minute timer.
  { name: 'focus ring on the page', fg: FOCUS_RING, bg: PAGE, required: 3 },
  { name: 'focus ring on a panel', fg: FOCUS_RING, bg: 'var(--lectern-panel-bg)', required: 3 },
  { name: 'focus ring on the last-minute timer', fg: FOCUS_RING, bg: rule(WARNING, 'background'), required: 3 },
  { name: "focus ring on the time's-up timer", fg: rule(`${DONE} .lectern-timer__button:focus-visible`, 'outline-color'), bg: rule(DONE, 'background'), required: 3 },
];

/** On a slide reveal.js finds dark (`has-dark-background`): text, links and the slide number. */
export function darkSlidePairs(background: string): Pair[] {
  const slide = `dark slide ${background}`;
  const DARK = 'section.has-dark-background';
  const CARD = `${DARK} :is(.lectern-activity, blockquote, table)`;
  return [
    { name: `${slide}: text`, fg: rule(DARK, 'color'), bg: background, required: 4.5 },
    { name: `${slide}: headings`, fg: rule(`${DARK} h2`, 'color'), bg: background, required: 4.5 },
    { name: `${slide}: links`, fg: rule(`${DARK} a`, 'color'), bg: background, required: 4.5 },
    { name: `${slide}: small / muted text`, fg: rule(`${DARK} small`, 'color'), bg: background, required: 4.5 },
    { name: `${slide}: slide number`, fg: rule('.reveal.has-dark-background .slide-number', 'color'), bg: [rule('.reveal.has-dark-background .slide-number', 'background'), background], required: 4.5 },
    { name: `${slide}: link focus ring`, fg: rule(`${DARK} a`, 'color'), bg: background, required: 3 },
    { name: `${slide}: navigation arrow back, faded`, fg: rule('.reveal.has-dark-background .controls', 'color'), opacity: { selector: FADED_BACK_ARROW, property: 'opacity' }, bg: background, required: 3 },
    // Cards keep their light (or, high-contrast, near-black) backgrounds and the page's text on them.
    { name: `${slide}: activity / quote text`, fg: rule(CARD, 'color'), bg: 'var(--lectern-panel-bg)', required: 4.5 },
    { name: `${slide}: activity title`, fg: rule(`${CARD} :is(h1, h2, h3, h4, strong)`, 'color'), bg: 'var(--lectern-panel-bg)', required: 4.5 },
    { name: `${slide}: link in a card`, fg: rule(`${CARD} a`, 'color'), bg: 'var(--lectern-panel-bg)', required: 4.5 },
    { name: `${slide}: table row`, fg: rule(CARD, 'color'), bg: rule(`${DARK} table td`, 'background'), required: 4.5 },
  ];
}

/** The slide-number pill over a picture: its own background must carry it even over white. */
const PICTURE_PAIRS: Pair[] = [
  { name: 'slide number over a light picture', fg: rule('.reveal.has-dark-background .slide-number', 'color'), bg: [rule('.reveal.has-dark-background .slide-number', 'background'), '#ffffff'], required: 4.5 },
];

/** The dark backgrounds lectern's own decks give slides (those reveal.js marks has-dark-background). */
function darkBackgroundsInDecks(): string[] {
  const folder = join(ROOT, 'decks');
  const found = new Set<string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.md'))) {
    for (const match of readFileSync(join(folder, file), 'utf8').matchAll(/data-background(?:-color)?="(#[0-9a-f]{3,6})"/gi)) {
      const { r, g, b } = parseColour(match[1] ?? '');
      // reveal.js's own test: perceived brightness under 128 is dark.
      if ((r * 299 + g * 587 + b * 114) / 1000 < 128) found.add((match[1] ?? '').toLowerCase());
    }
  }
  return [...found].sort();
}

export function themePairs(): Pair[] {
  return [...PAGE_PAIRS, ...darkBackgroundsInDecks().flatMap(darkSlidePairs), ...PICTURE_PAIRS];
}

/** The table of a stylesheet's pairs: each colour resolved, translucency laid over what is below. */
export function contrastTable(theme: string, sheet: Stylesheet, pairs: readonly Pair[]): ContrastRow[] {
  const colour = (source: Source) => colourIn(sheet.resolve(typeof source === 'string' ? source : sheet.declared(source.selector, source.property)));
  return pairs.map((pair) => {
    try {
      return row(pair);
    } catch (error) {
      // A rule the pair needs is gone: a failing row that says why, not a crash of the whole table.
      return { theme, pair: pair.name, fg: String(error), bg: '', ratio: 0, required: pair.required, pass: false };
    }
  });
  function row(pair: Pair): ContrastRow {
    const layers = (Array.isArray(pair.bg) ? pair.bg : [pair.bg]).map(colour);
    const bg = layers.reduceRight((below, layer) => over(layer, below), parseColour('#ffffff'));
    const ownFg = colour(pair.fg);
    const opacity = typeof pair.opacity === 'object' ? Number(sheet.declared(pair.opacity.selector, 'opacity')) : (pair.opacity ?? 1);
    const fg = over({ ...ownFg, a: ownFg.a * opacity }, bg);
    const ratio = Math.round(contrastRatio(fg, bg) * 100) / 100;
    return { theme, pair: pair.name, fg: hexOf(fg), bg: hexOf(bg), ratio, required: pair.required, pass: ratio >= pair.required };
  }
}

// ── the themes ────────────────────────────────────────────────────────────────────────────

const LECTERN_CSS = readFileSync(join(ROOT, 'src', 'client', 'lectern.css'), 'utf8');
/** reveal.js's own rules (the arrows turn white on a dark slide): first, as the page links it. */
const REVEAL_CSS = readFileSync(join(ROOT, 'node_modules', 'reveal.js', 'dist', 'reveal.css'), 'utf8');
const THEMES = ['course', 'high-contrast'] as const;

/** The theme as the build inlines it, between reveal.css and lectern.css, in the page's order. */
function themeCss(name: string): string {
  const { theme } = resolveTheme(name, ROOT, 'deck.md', { line: 1, column: 1 });
  if (!theme) throw new Error(`no theme ${name}`);
  return theme.css;
}

function tableFor(name: string, css = themeCss(name)): ContrastRow[] {
  return contrastTable(name, new Stylesheet(`${REVEAL_CSS}\n${css}\n${LECTERN_CSS}`), themePairs());
}

describe('theme contrast (WCAG 2.1 AA)', () => {
  it('finds the dark slide backgrounds of the decks', () => {
    expect(darkBackgroundsInDecks()).toContain('#123c4a');
  });

  for (const name of THEMES) {
    it(`${name}: every pair meets its ratio`, () => {
      const failing = tableFor(name).filter((row) => !row.pass);
      expect(failing).toEqual([]);
    });
  }

  it('bites: a pale body text colour is reported as failing', () => {
    const pale = themeCss('course').replace(/--r-main-color:\s*#[0-9a-f]+;/i, '--r-main-color: #bbbbbb;');
    expect(pale).toContain('--r-main-color: #bbbbbb;');
    const body = tableFor('course', pale).find((row) => row.pair === 'body text');
    expect(body).toMatchObject({ fg: '#bbbbbb', pass: false });
    expect(body?.ratio).toBeLessThan(2);
  });

  it('reads colours as the browser does: var() fallbacks, translucency, WCAG luminance', () => {
    const sheet = new Stylesheet(':root { --a: #000; --b: var(--a); }');
    expect(sheet.resolve('var(--missing, var(--b))')).toBe('#000');
    expect(contrastRatio(parseColour('#000'), parseColour('#fff'))).toBe(21);
    expect(hexOf(over(parseColour('rgb(0 0 0 / 0.5)'), parseColour('#ffffff')))).toBe('#808080');
  });
});

/** The presenter view's own colours: its focus ring on each of its dark surfaces. */
const PRESENTER_PAIRS: Pair[] = ['--lp-bg', '--lp-panel', '--lp-panel-2'].map((surface) => ({
  name: `presenter focus ring on ${surface}`,
  fg: rule('.lp-button:focus-visible', 'outline'),
  bg: `var(${surface})`,
  required: 3,
}));

function presenterTable(): ContrastRow[] {
  const css = readFileSync(join(ROOT, 'src', 'client', 'presenter', 'presenter.css'), 'utf8');
  return contrastTable('presenter', new Stylesheet(css), PRESENTER_PAIRS);
}

describe('presenter view contrast', () => {
  it('keeps its focus ring at 3:1 on every panel', () => {
    expect(presenterTable().filter((row) => !row.pass)).toEqual([]);
  });
});

describe('contrast table', () => {
  it('has a row for every pair of both themes and of the presenter view (LECTERN_CONTRAST_TABLE=1 prints it)', () => {
    const rows = [...THEMES.flatMap((name) => tableFor(name)), ...presenterTable()];
    expect(rows).toHaveLength(THEMES.length * themePairs().length + PRESENTER_PAIRS.length);
    expect(rows.every((row) => /^#[0-9a-f]{6}$/.test(row.fg) && /^#[0-9a-f]{6}$/.test(row.bg))).toBe(true);
    if (process.env.LECTERN_CONTRAST_TABLE !== '1') return;
    const lines = rows.map((r) => `| ${r.theme} | ${r.pair} | ${r.fg} | ${r.bg} | ${r.ratio.toFixed(2)} | ${r.required} | ${r.pass ? 'pass' : 'FAIL'} |`);
    process.stdout.write(`${['| theme | pair | fg | bg | ratio | required | |', '| --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n')}\n`);
  });
});
