import { formatDuration } from '../model/duration.js';
import { escapeHtml } from './escape.js';

export interface CourseModule {
  slug: string;
  title: string;
  module?: string;
  course?: string;
  slides: number;
  activities: number;
  plannedSeconds: number;
  durationSeconds?: number;
  /** The session's date, `YYYY-MM-DD` (from course.yaml). */
  date?: string;
  /** Links relative to the index page, by label ("Slides PDF", …), for files that exist. */
  downloads: { label: string; href: string }[];
}

/** A course file's heading for the index: its title, code and term. */
export interface CourseHeading {
  title: string;
  code?: string;
  term?: string;
}

/** Orders modules by their number (numerically), then by title. */
export function sortModules(modules: readonly CourseModule[]): CourseModule[] {
  const number = (m: CourseModule) => (m.module !== undefined && /^\d+(\.\d+)?$/.test(m.module) ? Number(m.module) : Number.POSITIVE_INFINITY);
  return [...modules].sort((a, b) => number(a) - number(b) || a.title.localeCompare(b.title));
}

/** Contact time of a module: its session length, or its planned time when it has none. */
export function contactSeconds(module: CourseModule): number {
  return module.durationSeconds ?? module.plannedSeconds;
}

/** A planned time, with the session length it is planned into when there is one. */
function plannedOf(plannedSeconds: number, sessionSeconds: number | undefined): string {
  return sessionSeconds === undefined
    ? formatDuration(plannedSeconds)
    : `${formatDuration(plannedSeconds)} <span class="of">of ${formatDuration(sessionSeconds)}</span>`;
}

/**
 * The course's front page: one row per module with links to its deck and handouts. With a course
 * file's heading the modules stay in the order given (the course's teaching order), under its
 * title; without one they are sorted by module number, under the decks' `course`.
 */
export function renderCourseIndex(modules: readonly CourseModule[], heading?: CourseHeading): string {
  const sorted = heading ? [...modules] : sortModules(modules);
  const course = heading ? [heading.code, heading.title].filter(Boolean).join(' · ') : (sorted.find((m) => m.course)?.course ?? 'Course');
  const term = heading?.term !== undefined ? `${heading.term} · ` : '';
  const dated = sorted.some((m) => m.date !== undefined);
  const total = sorted.reduce((sum, m) => sum + contactSeconds(m), 0);
  const planned = sorted.reduce((sum, m) => sum + m.plannedSeconds, 0);
  const rows = sorted.map((m) => {
    const downloads = m.downloads.map((d) => `<a href="${escapeHtml(d.href)}">${escapeHtml(d.label)}</a>`).join(' · ');
    return `<tr>
<td class="num">${escapeHtml(m.module ?? '')}</td>
${dated ? `<td class="date">${escapeHtml(m.date ?? '')}</td>\n` : ''}<td><a class="deck" href="${escapeHtml(m.slug)}/index.html">${escapeHtml(m.title)}</a>${downloads ? `<div class="downloads">${downloads}</div>` : ''}</td>
<td class="num">${m.slides}</td>
<td class="num">${m.activities}</td>
<td class="num">${plannedOf(m.plannedSeconds, m.durationSeconds)}</td>
</tr>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lectern">
<title>${escapeHtml(course)}</title>
<style>
:root { color-scheme: light; --ink: #1d2433; --muted: #5a6478; --accent: #1f6f8b; --line: #d9dee7; }
body { font: 18px/1.5 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink); background: #f7f8fa; margin: 0; }
main { max-width: 60rem; margin: 3rem auto; padding: 0 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; }
p.lead { color: var(--muted); margin: 0 0 2rem; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
th, td { padding: .75rem 1rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #eef1f5; font-size: .85rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
a { color: var(--accent); }
a.deck { font-weight: 600; font-size: 1.1rem; }
.downloads { font-size: .9rem; margin-top: .25rem; }
.of { color: var(--muted); }
tfoot td { font-weight: 600; background: #eef1f5; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(course)}</h1>
<p class="lead">${escapeHtml(term)}${sorted.length} module${sorted.length === 1 ? '' : 's'} · ${formatDuration(total)} of contact time · ${formatDuration(planned)} planned</p>
<table>
<thead><tr><th class="num">Module</th>${dated ? '<th>Date</th>' : ''}<th>Title</th><th class="num">Slides</th><th class="num">Activities</th><th class="num">Planned</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot><tr><td></td>${dated ? '<td></td>' : ''}<td>Total</td><td class="num">${sorted.reduce((n, m) => n + m.slides, 0)}</td><td class="num">${sorted.reduce((n, m) => n + m.activities, 0)}</td><td class="num">${plannedOf(planned, sorted.some((m) => m.durationSeconds !== undefined) ? total : undefined)}</td></tr></tfoot>
</table>
</main>
</body>
</html>
`;
}
