/**
 * What the audience sees: the slides, a black screen or the pause screen. Two toggle buttons
 * (B and H), and a badge over the current-slide preview, so the presenter cannot forget that
 * the room is looking at black while the preview still shows the slide.
 */
import type { ClientMessage, ScreenMode } from '../../server/protocol.js';
import { type PresenterElements, setText } from './presenter-elements.js';

type ScreenElements = Pick<PresenterElements, 'black' | 'pause' | 'audience' | 'currentBox'>;

const BADGES: Record<ScreenMode, string> = {
  normal: '',
  black: 'Audience sees a black screen · B shows the slides',
  paused: 'Audience sees “Paused” · H shows the slides',
};

/** The same mode again goes back to the slides; another mode replaces the one on screen. */
export function nextScreenMode(current: ScreenMode, pressed: Exclude<ScreenMode, 'normal'>): ScreenMode {
  return current === pressed ? 'normal' : pressed;
}

export class ScreenPanel {
  private mode: ScreenMode = 'normal';

  constructor(
    private readonly el: ScreenElements,
    private readonly send: (message: ClientMessage) => boolean,
  ) {}

  get current(): ScreenMode {
    return this.mode;
  }

  /** The room's mode, from the server's state. */
  update(mode: ScreenMode): void {
    this.mode = mode;
    this.paint();
  }

  /** Toggles black or pause for the whole room; shown here at once when the message went out. */
  toggle(pressed: Exclude<ScreenMode, 'normal'>): void {
    const mode = nextScreenMode(this.mode, pressed);
    if (this.send({ type: 'screen', mode })) this.update(mode);
  }

  bind(): void {
    this.el.black.addEventListener('click', () => this.toggle('black'));
    this.el.pause.addEventListener('click', () => this.toggle('paused'));
  }

  private paint(): void {
    this.el.black.setAttribute('aria-pressed', String(this.mode === 'black'));
    this.el.pause.setAttribute('aria-pressed', String(this.mode === 'paused'));
    this.el.audience.dataset.mode = this.mode;
    this.el.currentBox.dataset.audience = this.mode;
    setText(this.el.audience, BADGES[this.mode]);
  }
}
