/**
 * The presenter page's elements, found once by id. The skeleton comes from
 * render/render-presenter.ts: a missing id is a bug there, so it fails loudly at start.
 */

export type PresenterElements = ReturnType<typeof findElements>;

export function findElements(doc: Document) {
  const get = <T extends HTMLElement = HTMLElement>(id: string): T => {
    const element = doc.getElementById(id);
    if (!element) throw new Error(`lectern presenter: #${id} is missing from the page`);
    return element as T;
  };
  return {
    title: get('lp-title'),
    wall: get('lp-wall'),
    elapsed: get('lp-elapsed'),
    elapsedStart: get<HTMLButtonElement>('lp-elapsed-start'),
    elapsedReset: get<HTMLButtonElement>('lp-elapsed-reset'),
    pace: get('lp-pace'),
    schedule: get('lp-schedule'),
    rehearse: get<HTMLInputElement>('lp-rehearse'),
    rehearseFinish: get<HTMLButtonElement>('lp-rehearse-finish'),
    rehearseStatus: get('lp-rehearse-status'),
    connection: get('lp-connection'),
    problems: get('lp-problems'),
    frameCurrent: get<HTMLIFrameElement>('lp-frame-current'),
    frameNext: get<HTMLIFrameElement>('lp-frame-next'),
    end: get('lp-end'),
    position: get('lp-position'),
    slideTitle: get('lp-slide-title'),
    planned: get('lp-planned'),
    plannedStart: get('lp-planned-start'),
    timer: get('lp-timer'),
    timerTitle: get('lp-timer-title'),
    timerDisplay: get('lp-timer-display'),
    timerStatus: get('lp-timer-status'),
    timerToggle: get<HTMLButtonElement>('lp-timer-toggle'),
    timersVisible: get<HTMLInputElement>('lp-timers-visible'),
    notes: get('lp-notes'),
    prev: get<HTMLButtonElement>('lp-prev'),
    next: get<HTMLButtonElement>('lp-next'),
    currentBox: get('lp-current-box'),
    audience: get('lp-audience'),
    jumpOpen: get<HTMLButtonElement>('lp-jump-open'),
    overviewOpen: get<HTMLButtonElement>('lp-overview-open'),
    black: get<HTMLButtonElement>('lp-black'),
    pause: get<HTMLButtonElement>('lp-pause'),
    jump: get<HTMLDialogElement>('lp-jump'),
    jumpInput: get<HTMLInputElement>('lp-jump-input'),
    jumpList: get('lp-jump-list'),
    overview: get<HTMLDialogElement>('lp-overview'),
    overviewGrid: get('lp-overview-grid'),
    overviewClose: get<HTMLButtonElement>('lp-overview-close'),
  };
}

/** Writes only a changed text: the clocks repaint four times a second. */
export function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
