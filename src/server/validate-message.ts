import { isRehearsalRecording, normalizeRecording } from '../model/rehearsal-recording.js';
import type { ClientMessage, ScreenMode } from './protocol.js';

/** Largest websocket message accepted (a rehearsal of a long deck is the biggest). */
export const MAX_MESSAGE_BYTES = 512 * 1024;

const ACTIONS = new Set(['toggle', 'reset', 'plus', 'minus']);
const SCREEN_MODES: ReadonlySet<unknown> = new Set<ScreenMode>(['normal', 'black', 'paused']);
const isScreenMode = (mode: unknown): mode is ScreenMode => SCREEN_MODES.has(mode);
const isIndex = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 100_000;
const isText = (s: unknown, max = 200): s is string => typeof s === 'string' && s.length <= max;

/** A message from a browser, checked field by field; anything else is undefined and dropped. */
export function parseClientMessage(raw: string): ClientMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
      if (!isText(m.slug) || (m.role !== 'audience' && m.role !== 'presenter')) return undefined;
      if (m.token !== undefined && !isText(m.token)) return undefined;
      return { type: 'hello', slug: m.slug, role: m.role, ...(m.token !== undefined ? { token: m.token as string } : {}) };
    case 'navigate':
      // reveal.js counts fragments from 0; -1 is "none shown yet".
      return isIndex(m.h) && isIndex(m.v) && typeof m.f === 'number' && (m.f === -1 || isIndex(m.f)) ? { type: 'navigate', h: m.h, v: m.v, f: m.f } : undefined;
    case 'timer':
      return isText(m.id) && typeof m.action === 'string' && ACTIONS.has(m.action)
        ? { type: 'timer', id: m.id, action: m.action as 'toggle' | 'reset' | 'plus' | 'minus' }
        : undefined;
    case 'timers-visible':
      return typeof m.visible === 'boolean' ? { type: 'timers-visible', visible: m.visible } : undefined;
    case 'screen':
      return isScreenMode(m.mode) ? { type: 'screen', mode: m.mode } : undefined;
    case 'rehearsal':
      return isRehearsalRecording(m.recording) ? { type: 'rehearsal', recording: normalizeRecording(m.recording) } : undefined;
    default:
      return undefined;
  }
}
