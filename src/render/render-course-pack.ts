import { escapeHtml } from './escape.js';

export type PackKind = 'student' | 'instructor';

export interface PackModule {
  title: string;
  /** The module's number from its front matter, when it has one. */
  module?: string;
  /** Pages of the module's handout (or guide). */
  pages: number;
}

export interface PackEntry {
  /** The number shown in the contents: the module's own, else its place in the course. */
  number: string;
  title: string;
  /** The pack's page (from 1) where the module starts. */
  start: number;
}

/** The contents of a pack whose first `frontPages` pages are the cover and the contents: each module starts after the ones before it. */
export function packContents(modules: readonly PackModule[], frontPages: number): PackEntry[] {
  let next = frontPages + 1;
  return modules.map((m, i) => {
    const entry = { number: m.module ?? String(i + 1), title: m.title, start: next };
    next += m.pages;
    return entry;
  });
}

/**
 * The front pages of a course pack, printed by Chromium: a cover (the course, its modules, whom
 * the pack is for) and the contents with the page where each module starts in the pack.
 */
export function renderCoursePackFront(options: { course: string; kind: PackKind; contents: readonly PackEntry[]; paper: 'A4' | 'Letter' }): string {
  const { course, kind, contents, paper } = options;
  const what = kind === 'student' ? 'Student handouts' : 'Instructor pack: the instructor guides';
  const list = contents.map((e) => `<li><span class="num">${escapeHtml(e.number)}</span> ${escapeHtml(e.title)}</li>`).join('\n');
  const rows = contents
    .map((e) => `<tr><td class="num">${escapeHtml(e.number)}</td><td>${escapeHtml(e.title)}</td><td class="page">${e.start}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="generator" content="lectern">
<title>${escapeHtml(course)} — ${escapeHtml(what)}</title>
<style>
@page { size: ${paper}; margin: 20mm 18mm; }
:root { color-scheme: light; --ink: #1d2433; --muted: #5a6478; --accent: #1f6f8b; --line: #d9dee7; }
body { font: 12pt/1.5 "Source Sans 3", "Source Sans Pro", Helvetica, Arial, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; }
.cover { break-after: page; padding-top: 45mm; }
.cover h1 { font-size: 30pt; line-height: 1.15; margin: 0 0 4mm; color: var(--accent); }
.cover .kind { font-size: 16pt; color: var(--muted); margin: 0 0 14mm; }
.cover ol { list-style: none; padding: 0; margin: 0; font-size: 13pt; }
.cover li { padding: 1.5mm 0; border-bottom: 1px solid var(--line); }
.num { font-variant-numeric: tabular-nums; color: var(--muted); }
.cover .num { display: inline-block; min-width: 10mm; }
.contents h2 { font-size: 20pt; margin: 0 0 8mm; }
table { width: 100%; border-collapse: collapse; }
td { padding: 2mm 1mm; border-bottom: 1px dotted var(--line); vertical-align: top; }
td.num { width: 12mm; }
td.page { text-align: right; width: 20mm; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<section class="cover">
<h1>${escapeHtml(course)}</h1>
<p class="kind">${escapeHtml(what)} · ${contents.length} module${contents.length === 1 ? '' : 's'}</p>
<ol>
${list}
</ol>
</section>
<section class="contents">
<h2>Contents</h2>
<table>
<tbody>
${rows}
</tbody>
</table>
</section>
</body>
</html>
`;
}
