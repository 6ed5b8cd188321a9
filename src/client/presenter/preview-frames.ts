/**
 * The two previews of the deck (iframes in embed mode): the current slide and the next one.
 *
 * Keys and buttons send a `lectern:command` to the current preview (so fragments step like in
 * the deck); the preview reports its new indices (`lectern:indices`), which the presenter sends
 * to the server. A report that follows no command (the preview loaded or reloaded) is answered
 * with `lectern:go` to the known position.
 */
import { type Indices, type NavCommand, NO_FRAGMENT, sameIndices } from './deck-nav.js';

type Embed = 'current' | 'next';

interface Frame {
  embed: Embed;
  element: HTMLIFrameElement;
  /** The last indices the preview reported; undefined until it is ready. */
  reported: Indices | undefined;
  lastGo: { indices: Indices; at: number } | undefined;
  /** Reload the preview at this time unless it reports first (after a `reload` message). */
  reloadTimer: ReturnType<typeof setTimeout> | undefined;
}

export interface PreviewHost {
  /** Where the presentation is, as far as this view knows; undefined before the welcome. */
  position(): Indices | undefined;
  /** The current preview moved because of a command: the presentation follows it. */
  navigate(indices: Indices): void;
}

/** How long after a command a preview's report counts as the command's result. */
const COMMAND_WINDOW_MS = 3000;
/** Follow-up reports of the same command (a slide change and its fragments) come quickly. */
const FOLLOW_UP_MS = 600;
/** A preview that has not reported this long after a `reload` message is reloaded here. */
const RELOAD_FALLBACK_MS = 4000;

export class PreviewFrames {
  private readonly frames: Record<Embed, Frame>;
  private nextWanted: Indices | undefined;
  private lastCommandAt = -Infinity;
  private followUpUntil = -Infinity;

  constructor(
    current: HTMLIFrameElement,
    next: HTMLIFrameElement,
    private readonly host: PreviewHost,
  ) {
    this.frames = {
      current: { embed: 'current', element: current, reported: undefined, lastGo: undefined, reloadTimer: undefined },
      next: { embed: 'next', element: next, reported: undefined, lastGo: undefined, reloadTimer: undefined },
    };
  }

  /** Sends a command to the current preview; false when it is not ready (still loading, or failed). */
  command(command: NavCommand): boolean {
    const frame = this.frames.current;
    if (frame.reported === undefined || !frame.element.contentWindow) return false;
    this.lastCommandAt = Date.now();
    this.post(frame, { type: 'lectern:command', command });
    return true;
  }

  /** Shows the current preview at these indices. */
  showCurrent(indices: Indices): void {
    this.go(this.frames.current, indices);
  }

  /**
   * Shows the current preview at a slide the presenter jumped to (Home, End, the jump box, the
   * overview): a late report of an earlier arrow key must not pull the presentation back.
   */
  jumpCurrent(indices: Indices): void {
    this.lastCommandAt = -Infinity;
    this.followUpUntil = -Infinity;
    this.go(this.frames.current, indices);
  }

  /** Shows the next preview at these indices (undefined: the current slide is the last). */
  showNext(wanted: Indices | undefined): void {
    if (wanted && !sameIndices(wanted, this.nextWanted)) this.go(this.frames.next, wanted);
    this.nextWanted = wanted;
  }

  /** After `reload`, the deck pages reload themselves; a preview that does not is reloaded here. */
  expectReload(): void {
    for (const frame of [this.frames.current, this.frames.next]) {
      clearTimeout(frame.reloadTimer);
      frame.reloadTimer = setTimeout(() => {
        frame.reloadTimer = undefined;
        frame.reported = undefined;
        const src = frame.element.src;
        frame.element.src = src;
      }, RELOAD_FALLBACK_MS);
    }
  }

  /** A window message: a preview's `lectern:indices` report; anything else is ignored. */
  onMessage(event: MessageEvent): void {
    if (event.origin !== window.location.origin) return;
    const data = event.data as { type?: unknown; h?: unknown; v?: unknown; f?: unknown; embed?: unknown } | null;
    if (!data || data.type !== 'lectern:indices') return;
    const indices = reportedIndices(data);
    if (!indices) return;
    const frame = this.frameOf(event.source, data.embed);
    if (!frame) return;
    const firstReport = frame.reported === undefined;
    frame.reported = indices;
    clearTimeout(frame.reloadTimer);
    frame.reloadTimer = undefined;
    if (frame.embed === 'next') {
      if (this.nextWanted && !sameIndices(indices, this.nextWanted)) this.go(frame, this.nextWanted, !firstReport);
      return;
    }
    this.followCurrent(frame, indices, firstReport);
  }

  /** The current preview moved: the result of a command, or a (re)load to put back in place. */
  private followCurrent(frame: Frame, indices: Indices, firstReport: boolean): void {
    const at = this.host.position();
    if (at === undefined) return; // The welcome will say where to go.
    if (sameIndices(indices, at)) return;
    const now = Date.now();
    if (now - this.lastCommandAt < COMMAND_WINDOW_MS || now < this.followUpUntil) {
      this.lastCommandAt = -Infinity;
      this.followUpUntil = now + FOLLOW_UP_MS;
      this.host.navigate(indices);
    } else {
      // Not the result of a command: the preview (re)loaded. Show it where the presentation is.
      this.go(frame, at, !firstReport);
    }
  }

  /** The preview a message came from: by its window, else by the embed it names. */
  private frameOf(source: MessageEventSource | null, embed: unknown): Frame | undefined {
    if (source === this.frames.current.element.contentWindow) return this.frames.current;
    if (source === this.frames.next.element.contentWindow) return this.frames.next;
    return embed === 'current' || embed === 'next' ? this.frames[embed] : undefined;
  }

  private go(frame: Frame, indices: Indices, rateLimited = false): void {
    const now = Date.now();
    if (rateLimited && frame.lastGo && sameIndices(frame.lastGo.indices, indices) && now - frame.lastGo.at < 1000) return;
    frame.lastGo = { indices: { ...indices }, at: now };
    this.post(frame, { type: 'lectern:go', h: indices.h, v: indices.v, f: indices.f });
  }

  private post(frame: Frame, message: object): void {
    try {
      frame.element.contentWindow?.postMessage(message, window.location.origin);
    } catch {
      // The preview is gone or navigated elsewhere: nothing to tell it.
    }
  }
}

function reportedIndices(data: { h?: unknown; v?: unknown; f?: unknown }): Indices | undefined {
  const h = Number(data.h);
  const v = Number(data.v);
  const f = Number(data.f ?? NO_FRAGMENT);
  if (!Number.isFinite(h) || !Number.isFinite(v)) return undefined;
  return { h, v, f: Number.isFinite(f) ? f : NO_FRAGMENT };
}
