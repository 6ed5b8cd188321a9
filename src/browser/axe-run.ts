import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

/** WCAG 2.1 A and AA: what the ADA Title II rule and most institutions ask of course materials. */
export const AXE_TAGS: readonly string[] = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Best practices lectern holds its own pages to as well: headings in order, one main landmark. */
export const AXE_EXTRA_RULES: readonly string[] = ['heading-order', 'landmark-one-main', 'empty-heading'];

/** One element that fails one rule, with where it stands in the deck when the page knows. */
export interface AxeFinding {
  rule: string;
  impact: string;
  /** axe's one-line statement of the rule. */
  help: string;
  helpUrl: string;
  /** What fails for this element, in axe's words ("Element has insufficient color contrast of 2.01 …"). */
  summary: string;
  /** The element's start tag, shortened. */
  html: string;
  /** The slide's line (`data-lectern-line` of its section), when the element is on a slide. */
  slideLine: number | null;
  /** The element's own place when the build marked it (sourcePositions), else its nearest marked ancestor's. */
  line: number | null;
  column: number | null;
  /** lectern's own parts of the page (slide number, controls, timer): the same on many slides. */
  chrome: string | null;
}

let axeSource: Promise<string> | undefined;

/** axe-core's browser bundle, read once from lectern's own dependencies. */
function loadAxe(): Promise<string> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeRunOptions {
  /** Elements to check (CSS selectors); the whole document when absent. */
  include?: string[];
  /** Only these rules (e.g. `color-contrast` for the timer's states). */
  rules?: string[];
}

/** Runs axe in `page` (loaded once per page) and returns every failing element. */
export async function runAxe(page: Page, options: AxeRunOptions = {}): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(await loadAxe());
  return page.evaluate(axeInPage, { tags: [...AXE_TAGS], extra: [...AXE_EXTRA_RULES], ...options });
}

interface AxeNode { target: unknown[]; html: string; failureSummary?: string }
interface AxeViolation { id: string; impact?: string; help: string; helpUrl: string; nodes: AxeNode[] }
interface AxeApi { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> }

/** Runs in the page (serialized by puppeteer: self-contained). */
async function axeInPage(options: { tags: string[]; extra: string[]; include?: string[]; rules?: string[] }): Promise<AxeFinding[]> {
  const axe = (window as unknown as { axe: AxeApi }).axe;
  const runOnly = options.rules ? { type: 'rule', values: options.rules } : { type: 'tag', values: options.tags };
  const rules = options.rules ? {} : Object.fromEntries(options.extra.map((id) => [id, { enabled: true }]));
  const context = options.include ? { include: options.include.filter((s) => document.querySelector(s)).map((s) => [s]) } : document;
  if (options.include && (context as { include: unknown[] }).include.length === 0) return [];
  const result = await axe.run(context, { runOnly, rules, resultTypes: ['violations'] });
  // lectern's parts of the page, by the selector that finds them; the first match names the part.
  const chromeParts: [string, string][] = [
    ['.slide-number, .slide-number-pdf, .lectern-page-number', 'slide number'],
    ['.controls', 'navigation arrows'],
    ['.progress', 'progress bar'],
    ['.lectern-timer', 'activity timer'],
    ['.lectern-activity__header', 'activity header'],
  ];
  // axe names an element by a path of selectors: one per frame, and an array of them through shadow roots (the guide's slide previews).
  const resolve = (target: unknown[]): Element | null => {
    let root: Document | ShadowRoot = document;
    let element: Element | null = null;
    for (const step of target) {
      for (const selector of Array.isArray(step) ? (step as string[]) : [step as string]) {
        element = root.querySelector(selector);
        if (!element) return null;
        if (element.shadowRoot) root = element.shadowRoot;
      }
      if (element instanceof HTMLIFrameElement && element.contentDocument) root = element.contentDocument;
    }
    return element;
  };
  const closest = (element: Element | null, selector: string): HTMLElement | null => {
    for (let node = element; node; ) {
      const found = node.closest<HTMLElement>(selector);
      if (found) return found;
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    return null;
  };
  const findings: AxeFinding[] = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const element = resolve(node.target);
      // In the print view a page's number stands beside its slide, in the page's box.
      const section = closest(element, 'section[data-lectern-line]') ?? closest(element, '.pdf-page')?.querySelector<HTMLElement>('section[data-lectern-line]') ?? null;
      const marked = closest(element, '[data-lectern-line]');
      const chrome = element ? chromeParts.find(([s]) => closest(element, s))?.[1] ?? null : null;
      const line = marked?.dataset.lecternLine ? Number(marked.dataset.lecternLine) : null;
      findings.push({
        rule: violation.id,
        impact: violation.impact ?? 'moderate',
        help: violation.help,
        helpUrl: violation.helpUrl,
        summary: (node.failureSummary ?? '').replace(/^Fix (any|all) of the following:\s*/i, '').replace(/\s+/g, ' ').trim(),
        html: node.html.length > 120 ? `${node.html.slice(0, 117)}…` : node.html,
        slideLine: section?.dataset.lecternLine ? Number(section.dataset.lecternLine) : null,
        line,
        column: line !== null && marked?.dataset.lecternColumn ? Number(marked.dataset.lecternColumn) : null,
        chrome,
      });
    }
  }
  return findings;
}
