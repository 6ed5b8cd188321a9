import { escapeHtml, scriptJson } from '../render/escape.js';
import { type CourseModule, renderCourseIndex } from '../render/render-course-index.js';
import { moduleOf } from '../course/course-decks.js';
import type { CourseFile } from '../course/course-file.js';
import type { DeckHost } from './deck-host.js';

const STYLE = `body{font:18px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1f2428;background:#fbfaf6}
a{color:#0a6b74}li{margin:.4rem 0}pre{background:#fff3f2;border-left:6px solid #b3261e;padding:.8rem 1rem;white-space:pre-wrap}`;

/**
 * `/`: the course index, as `lectern build` writes it, for the decks this server serves
 * (audience links only: the presenter link carries the token and is printed on the terminal);
 * with a course file, in its order (the hosts'), under its title, with the sessions' dates.
 */
export function renderServerIndex(hosts: readonly DeckHost[], local = true, course?: CourseFile): string {
  const modules = hosts.map((h) => {
    const module = serverModule(h, local);
    const date = course ? moduleOf(course, h.file)?.date : undefined;
    return date !== undefined ? { ...module, date } : module;
  });
  return renderCourseIndex(modules, course);
}

function serverModule(h: DeckHost, local: boolean): CourseModule {
  const built = h.current?.compiled.built;
  const waiting = local ? 'has errors: open it to see them' : 'being prepared';
  if (!built) return { slug: h.slug, title: `${h.slug} (${waiting})`, slides: 0, activities: 0, plannedSeconds: 0, downloads: [] };
  const { meta, overview } = built;
  return {
    slug: h.slug,
    title: meta.title ?? h.slug,
    ...overview,
    downloads: [],
    ...(meta.module !== undefined ? { module: meta.module } : {}),
    ...(meta.course !== undefined ? { course: meta.course } : {}),
  };
}

/** What the audience sees of a deck that has never built: no problems, no paths, and the slides once they are ready. */
export function renderWaitingPage(host: DeckHost): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(host.slug)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(host.slug)}</h1><p>The slides are being prepared: this page shows them as soon as they are ready.</p>
${reloadWhenBuilt(host)}</body></html>`;
}

/** The page reloads itself when the deck builds (any message but a greeting, state or problems). */
function reloadWhenBuilt(host: DeckHost): string {
  return `<script>
const socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/__lectern/ws');
socket.onopen = () => socket.send(JSON.stringify({ type: 'hello', slug: ${scriptJson(host.slug)}, role: 'audience' }));
socket.onmessage = (event) => { const m = JSON.parse(event.data); if (m.type !== 'welcome' && m.type !== 'state' && m.type !== 'problems') location.reload(); };
</script>`;
}

/** A deck that has never built: its problems, and a page that reloads itself once the deck is fixed. */
export function renderProblemPage(host: DeckHost): string {
  const problems = host.problems
    .map((p) => `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.sourceLine !== undefined ? `\n  ${p.line} | ${p.sourceLine}` : ''}${p.hint ? `\n  hint: ${p.hint}` : ''}`)
    .join('\n\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(host.slug)}: errors</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(host.slug)} has errors</h1><pre class="lectern-problems">${escapeHtml(problems)}</pre>
<p>Fix the deck and save: this page reloads by itself.</p>
${reloadWhenBuilt(host)}</body></html>`;
}
