/**
 * The deck page under `lectern serve`: applies the server's updates in place (changed slides,
 * the whole slide list, the theme), shows the deck's problems over the last good slides, and
 * follows the presenter. Inside the presenter view (`?lectern-embed=current|next`) the page
 * follows its parent window instead and reports where it is.
 */
import type { ActivityTimers } from './activity-timers.js';
import type { OverlayDiagnostic, PresentationState, ServerMessage } from '../server/protocol.js';
import { applyScreen } from './audience-screen.js';
import { Connection, socketUrl } from './connection.js';
import { hideProblems, showProblems } from './overlay.js';

export interface LiveReveal {
  getIndices(): { h: number; v: number; f?: number };
  slide(h: number, v?: number, f?: number): void;
  sync(): void;
  layout(): void;
  configure(options: Record<string, unknown>): void;
  getCurrentSlide(): HTMLElement | undefined;
  dispatchEvent?(event: { type: string; data?: Record<string, unknown> }): unknown;
  getSlidesElement(): HTMLElement | null;
  on(type: string, listener: () => void): void;
  next(): void;
  prev(): void;
  left(): void;
  right(): void;
  up(): void;
  down(): void;
}

export function startLive(reveal: LiveReveal, timers: ActivityTimers, deckId: string): void {
  const embed = new URLSearchParams(location.search).get('lectern-embed');
  if (embed) followParent(reveal, embed);

  const apply = (message: ServerMessage) => {
    switch (message.type) {
      case 'welcome':
      case 'state':
        applyState(message.state, reveal, timers, message.serverNow - Date.now(), embed === null);
        break;
      case 'slides':
        replaceSections(message.sections, reveal, timers);
        break;
      case 'deck':
        replaceDeck(message.html, reveal, timers);
        break;
      case 'css':
        reloadTheme(message.version);
        break;
      case 'reload':
        location.reload();
        break;
      case 'problems':
        showProblems(message.diagnostics as OverlayDiagnostic[]);
        break;
      case 'problems-cleared':
        hideProblems();
        break;
      default:
        break;
    }
  };

  new Connection({
    url: socketUrl(location),
    hello: { type: 'hello', slug: deckId, role: 'audience' },
    onMessage: apply,
    // The deck shows nothing about the connection: it keeps the last slides it has.
    onStatus: () => undefined,
  }).open();
}

function applyState(state: PresentationState, reveal: LiveReveal, timers: ActivityTimers, offset: number, follow: boolean): void {
  for (const [id, record] of Object.entries(state.timers)) timers.setRecord(id, record, offset);
  document.documentElement.classList.toggle('lectern-timers-hidden', !state.timersVisible);
  // The presenter's previews (embeds) show the slides, whatever the room sees.
  if (follow) applyScreen(state.screen);
  if (!follow || !state.positioned) return;
  const at = reveal.getIndices();
  if (at.h !== state.h || at.v !== state.v || (at.f ?? -1) !== state.f) reveal.slide(state.h, state.v, state.f);
}

/** Swaps changed slides for their new version and puts the presenter back where they were. */
function replaceSections(sections: { index: number; html: string }[], reveal: LiveReveal, timers: ActivityTimers): void {
  const at = reveal.getIndices();
  let backgroundsChanged = false;
  for (const { index, html } of sections) {
    const old = document.querySelector(`.reveal .slides section[data-lectern-slide="${index}"]`);
    if (!old) continue;
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const fresh = template.content.firstElementChild;
    if (!fresh) continue;
    backgroundsChanged ||= backgroundOf(old) !== backgroundOf(fresh);
    old.replaceWith(fresh);
  }
  // A full sync rebuilds every slide's background: only worth it when a background changed.
  settle(reveal, timers, at, backgroundsChanged);
}

function backgroundOf(section: Element): string {
  return section
    .getAttributeNames()
    .filter((name) => name.startsWith('data-background') || name === 'data-state' || name === 'data-transition')
    .map((name) => `${name}=${section.getAttribute(name)}`)
    .join(' ');
}

function replaceDeck(html: string, reveal: LiveReveal, timers: ActivityTimers): void {
  const at = reveal.getIndices();
  const slides = reveal.getSlidesElement();
  if (!slides) return;
  slides.innerHTML = html;
  settle(reveal, timers, at, true);
}

function settle(reveal: LiveReveal, timers: ActivityTimers, at: { h: number; v: number; f?: number }, full: boolean): void {
  if (full) reveal.sync();
  reveal.slide(at.h, at.v, at.f);
  if (!full) reveal.layout();
  // Staying on the same slide fires no event; the speaker view (key S) and others listen for
  // one to show the new notes and previews.
  reveal.dispatchEvent?.({ type: 'slidechanged', data: { indexh: at.h, indexv: at.v, currentSlide: reveal.getCurrentSlide() } });
  const slides = reveal.getSlidesElement();
  if (slides) timers.bind(slides);
  document.documentElement.dataset.lecternUpdates = String(Number(document.documentElement.dataset.lecternUpdates ?? 0) + 1);
}

function reloadTheme(version: number): void {
  const link = document.querySelector<HTMLLinkElement>('link[href^="assets/theme.css"]');
  if (link) link.href = `assets/theme.css?v=${version}`;
}

/** Inside the presenter view: go where the parent says, and tell it where we are. */
function followParent(reveal: LiveReveal, embed: string): void {
  document.documentElement.classList.add('lectern-embed');
  // A phone's preview is a tenth of the deck's width: let reveal.js scale that far down.
  reveal.configure({ minScale: 0.05 });
  const report = () => {
    const { h, v, f } = reveal.getIndices();
    window.parent.postMessage({ type: 'lectern:indices', h, v, f: f ?? -1, embed }, location.origin);
  };
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || typeof event.data !== 'object' || event.data === null) return;
    const data = event.data as { type?: string; h?: number; v?: number; f?: number; command?: string };
    if (data.type === 'lectern:go' && typeof data.h === 'number') reveal.slide(data.h, data.v ?? 0, data.f ?? -1);
    if (data.type === 'lectern:command') {
      const command = data.command;
      if (command === 'next' || command === 'prev' || command === 'left' || command === 'right' || command === 'up' || command === 'down') reveal[command]();
    }
  });
  reveal.on('slidechanged', report);
  reveal.on('fragmentshown', report);
  reveal.on('fragmenthidden', report);
  report();
}
