/**
 * The live server's websocket protocol, shared by the server (src/server/), the deck page's
 * live client and the presenter view (src/client/). Every message is JSON with a `type`;
 * the server validates what it receives (see validate-message.ts) and drops anything else.
 */
import type { CountdownAction, CountdownRecord } from '../client/countdown.js';

export type Role = 'audience' | 'presenter';

/**
 * What the audience windows show: the slides, a black screen, or a calm "paused" screen. One
 * field rather than two flags, so the room can never be both black and paused.
 */
export type ScreenMode = 'normal' | 'black' | 'paused';

/** Where the presentation is and what its activity timers say; late joiners get it at once. */
export interface PresentationState {
  /** False until a presenter has moved: windows then stay where they are. */
  positioned: boolean;
  h: number;
  v: number;
  f: number;
  /** Activity timers by activity id, as the presenter last set them. */
  timers: Record<string, CountdownRecord>;
  /** Whether audience windows show the activity timers (the presenter may keep them private). */
  timersVisible: boolean;
  /** The presenter's black screen or pause, over every audience window (never the previews). */
  screen: ScreenMode;
}

/** One line of a problem for the in-page overlay (same fields the terminal prints). */
export interface OverlayDiagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
  /** The finding tool's own words (Mermaid's message), shown under the hint. */
  detail?: string;
  /** The deck's line the problem is on, for the code frame. */
  sourceLine?: string;
}

export type ClientMessage =
  /** First message of every socket: which deck, and as whom (presenter needs the token). */
  | { type: 'hello'; slug: string; role: Role; token?: string }
  | { type: 'navigate'; h: number; v: number; f: number }
  | { type: 'timer'; id: string; action: CountdownAction }
  | { type: 'timers-visible'; visible: boolean }
  /** Black out or pause every audience window of the deck, or show the slides again. */
  | { type: 'screen'; mode: ScreenMode }
  /** A finished rehearsal, to be written to rehearsals/<slug>/<time>.json. */
  | { type: 'rehearsal'; recording: RehearsalRecording };

export type ServerMessage =
  | { type: 'welcome'; role: Role; state: PresentationState; serverNow: number }
  | { type: 'state'; state: PresentationState; serverNow: number }
  /** Slides changed in place: replace these sections (by data-lectern-slide index). */
  | { type: 'slides'; sections: { index: number; html: string }[] }
  /** The slide structure changed: replace the whole `.slides` content. */
  | { type: 'deck'; html: string; total: number }
  /** The theme changed: reload assets/theme.css. */
  | { type: 'css'; version: number }
  /** Something other than slides changed (reveal settings, assets): reload the page. */
  | { type: 'reload' }
  | { type: 'problems'; diagnostics: OverlayDiagnostic[] }
  | { type: 'problems-cleared' }
  | { type: 'rehearsal-saved'; file: string }
  | { type: 'refused'; reason: string };

/** What a rehearsal recorded: actual time per slide and activity, against the plan. */
export interface RehearsalRecording {
  /** Format version. */
  version: 1;
  slug: string;
  /** The deck file, as the server was given it. */
  file: string;
  title: string;
  startedAt: string;
  finishedAt: string;
  /** The deck's `duration` when recorded (not the rehearsal's length: see the two times above). */
  durationSeconds?: number;
  plannedTotalSeconds: number;
  slides: {
    index: number;
    h: number;
    v: number;
    title: string;
    /** The slide's first line in the deck when recorded. */
    line: number;
    plannedSeconds: number;
    actualSeconds: number;
  }[];
  activities: { id: string; title: string; slideIndex: number; plannedSeconds?: number; actualSeconds: number }[];
}

/** The deck as the presenter view needs it: served as `/<slug>/lectern-deck.json`. */
export interface DeckSummary {
  slug: string;
  title: string;
  durationSeconds?: number;
  totalSeconds: number;
  slides: {
    index: number;
    h: number;
    v: number;
    title: string;
    line: number;
    notesHtml: string;
    plannedSeconds: number;
    startSeconds: number;
    activities: { id: string; title: string; seconds?: number }[];
  }[];
}
