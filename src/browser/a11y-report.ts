import { type Diagnostic, error } from '../diagnostics/diagnostic.js';
import type { AxeFinding } from './axe-run.js';

/** What an author can do about a rule, in a deck's own terms; axe's words are kept as the detail. */
const RULE_HINTS: Readonly<Record<string, string>> = {
  'color-contrast':
    'make the text darker or its background lighter (or the reverse): 4.5:1 for text, 3:1 for large text; check the slide\'s `.slide` background, `style=` and the deck\'s `css:`',
  'image-alt': 'give the image alt text: ![What the image shows](x.png), or alt="…" on an <img>',
  'role-img-alt': 'give the picture a text alternative: aria-label="…" or, for a diagram, `accTitle:` and `accDescr:` lines',
  'svg-img-alt': 'give the picture a text alternative: a <title> in the SVG or, for a diagram, `accTitle:` and `accDescr:` lines',
  'heading-order': 'use the next heading level down: a slide\'s title is `##`, its parts `###`; do not jump from `##` to `####`',
  'empty-heading': 'write text after the `#`, or remove the empty heading',
  'link-name': 'give the link text that says where it goes: [the course page](https://…)',
  'button-name': 'give the button a text or an aria-label',
  'frame-title': 'give the frame a title: <iframe title="What it shows" …>',
  'html-has-lang': 'set the deck\'s language in its front matter: `lang: en`',
  'html-lang-valid': 'set a valid language tag in the front matter: `lang: en`, `lang: fr`, `lang: pt-BR`',
  'valid-lang': 'use a valid language tag in lang="…": en, fr, pt-BR',
  'document-title': 'give the deck a title in its front matter: `title: …`',
  'video-caption': 'add captions to the video: <track kind="captions" src="talk.vtt" srclang="en">',
  'list': 'a list may hold only list items: check the raw HTML of the list',
  'listitem': 'a list item must stand in a list: check the raw HTML',
  'duplicate-id': 'give each element its own id (`{#id}` and `id=` on one slide are shared by the whole deck)',
  'duplicate-id-aria': 'give each element its own id: an ARIA reference must name one element',
  'td-headers-attr': 'a table cell\'s headers must name header cells of the same table',
  'th-has-data-cells': 'a header cell must head some data cells: check the table\'s rows',
  'label': 'give the form field a label',
  'landmark-one-main': 'the page has no main landmark: report this to lectern',
  'aria-hidden-focus': 'something hidden from screen readers can still be focused: remove aria-hidden or make it unfocusable',
  'scrollable-region-focusable': 'a block that scrolls must be reachable by keyboard: shorten it so it does not scroll',
};

const FALLBACK_HINT = 'see the rule\'s page for how to fix it';

/**
 * One diagnostic per failing element on the author's content, at the element's line (or its
 * slide's). lectern's own parts (slide number, timer) fail the same way on every slide that
 * shares a look: each distinct failure is reported once, at the first slide, with a count.
 */
export function accessibilityDiagnostics(findings: readonly AxeFinding[], deckFile: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const chrome = new Map<string, { finding: AxeFinding; slides: Set<number> }>();
  const seen = new Set<string>();
  for (const finding of findings) {
    if (finding.chrome) {
      const key = `${finding.rule}\0${finding.chrome}\0${finding.summary}`;
      const group = chrome.get(key) ?? { finding, slides: new Set<number>() };
      group.slides.add(finding.slideLine ?? 1);
      chrome.set(key, group);
      continue;
    }
    const line = finding.line ?? finding.slideLine ?? 1;
    const column = finding.line !== null ? (finding.column ?? 1) : 1;
    // The same element met twice (the print view and the live view) is one problem.
    const key = `${finding.rule}\0${line}\0${column}\0${finding.html}\0${finding.summary}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(toDiagnostic(finding, { file: deckFile, line, column }, describe(finding)));
  }
  for (const { finding, slides } of chrome.values()) {
    const lines = [...slides].sort((a, b) => a - b);
    const more = lines.length > 1 ? ` (on ${lines.length} slides)` : '';
    diagnostics.push(toDiagnostic(finding, { file: deckFile, line: lines[0] ?? 1, column: 1 }, `the ${finding.chrome}: ${describe(finding)}${more}`));
  }
  return diagnostics;
}

function toDiagnostic(finding: AxeFinding, span: Diagnostic['span'], message: string): Diagnostic {
  const hint = `${RULE_HINTS[finding.rule] ?? FALLBACK_HINT} (${finding.helpUrl.replace(/\?.*$/, '')})`;
  // The place attributes are lectern's, added for this check: the author never wrote them.
  const html = finding.html.replace(/ data-lectern-(line|column)="\d+"/g, '');
  const summary = finding.summary.replace(/\s*Fix (any|all) of the following:\s*/gi, '; ');
  return { ...error(`a11y-${finding.rule}`, message, span, hint), detail: `${summary} — ${html}` };
}

/** The rule in a few words, with the figures that matter (a contrast and its colours). */
function describe(finding: AxeFinding): string {
  const contrast = /contrast of ([\d.]+) \(foreground color: (#[0-9a-f]+), background color: (#[0-9a-f]+).*?Expected contrast ratio of ([\d.]+:1)/i.exec(finding.summary);
  if (finding.rule === 'color-contrast' && contrast) {
    return `text contrast ${contrast[1]}:1 is below ${contrast[4]} (${contrast[2]} on ${contrast[3]}) [${finding.rule}]`;
  }
  return `${finding.help} [${finding.rule}]`;
}

/**
 * `accessibility: no WCAG 2.1 AA problems found by axe on 20 slides`, or the count, the rules and
 * where to look (`file`: the command to run, when the problems are not printed above); images
 * without alt text (found by the parser, which axe passes as decoration) too.
 */
export function accessibilitySummary(diagnostics: readonly Diagnostic[], slides: number, file: string | undefined, missingAlt = 0): string {
  const count = diagnostics.length;
  const alt = missingAlt > 0 ? `; ${missingAlt} image${missingAlt === 1 ? '' : 's'} without alt text` : '';
  if (count === 0) return `accessibility: no WCAG 2.1 AA problems found by axe on ${slides} slide${slides === 1 ? '' : 's'}${alt}`;
  const rules = [...new Set(diagnostics.map((d) => d.code.replace(/^a11y-/, '')))].slice(0, 4).join(', ');
  const where = file === undefined ? '' : `: run lectern check --a11y ${file}`;
  return `accessibility: ${count} problem${count === 1 ? '' : 's'} (${rules})${alt}${where}`;
}
