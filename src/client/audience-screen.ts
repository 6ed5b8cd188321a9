/**
 * The presenter's black screen and pause, over an audience window: one layer above everything
 * (slides, controls, the problems overlay), removed again when the presenter shows the slides.
 * The deck underneath keeps following the presenter, so lifting the layer shows the right slide.
 */
import type { ScreenMode } from '../server/protocol.js';

const ID = 'lectern-screen';
const PAUSED_TEXT = 'Paused — back in a moment';

export function applyScreen(mode: ScreenMode, doc: Document = document): void {
  const existing = doc.getElementById(ID);
  if (mode === 'normal') {
    existing?.remove();
    return;
  }
  if (existing?.dataset.mode === mode) return;
  const layer = doc.createElement('div');
  layer.id = ID;
  layer.className = 'lectern-screen';
  layer.dataset.mode = mode;
  if (mode === 'paused') {
    // Announced once to screen readers; a black screen says nothing, like a projector switched off.
    layer.setAttribute('role', 'status');
    const message = doc.createElement('p');
    message.className = 'lectern-screen__message';
    message.textContent = PAUSED_TEXT;
    layer.append(message);
  } else {
    layer.setAttribute('aria-hidden', 'true');
  }
  if (existing) existing.replaceWith(layer);
  else doc.body.append(layer);
}
