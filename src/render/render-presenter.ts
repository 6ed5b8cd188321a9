import { escapeHtml, scriptJson } from './escape.js';

/** Where the live server serves the presenter view's assets (lib/client/presenter.*). */
export const PRESENTER_ASSETS = {
  css: '/__lectern/presenter.css',
  js: '/__lectern/presenter.js',
} as const;

export interface PresenterPageOptions {
  slug: string;
  /** The deck's title. */
  title: string;
  /** The presenter token, sent back in the websocket's `hello`. */
  token: string;
  /** Start with the Rehearse switch on (`lectern serve --rehearse`). */
  rehearse: boolean;
  /** The deck's language, for `<html lang>`. */
  lang: string;
}

/** A button with its key shown beside the label (the key is announced through aria-keyshortcuts). */
function keyButton(id: string, label: string, key: string, attributes: string): string {
  return `<button type="button" class="lp-button lp-small" id="${id}" aria-keyshortcuts="${key}"${attributes}>${escapeHtml(label)}<kbd aria-hidden="true">${key}</kbd></button>`;
}

/**
 * The presenter view's page, served at `/<slug>/presenter?token=…`. The skeleton is static
 * HTML; `presenter.js` (global `LecternPresenter`) fills it in and talks to the server. Pure.
 */
export function renderPresenterPage(options: PresenterPageOptions): string {
  const { slug, title, token, rehearse, lang } = options;
  const base = `/${encodeURIComponent(slug)}/`;
  const frame = (embed: 'current' | 'next', label: string) =>
    `<iframe class="lp-frame" id="lp-frame-${embed}" title="${escapeHtml(label)}" tabindex="-1" src="${escapeHtml(`${base}?lectern-embed=${embed}`)}"></iframe>`;
  return `<!doctype html>
<html lang="${escapeHtml(lang || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lectern">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>Presenter · ${escapeHtml(title)}</title>
<link rel="stylesheet" href="${PRESENTER_ASSETS.css}">
</head>
<body class="lp">
<header class="lp-bar">
  <h1 class="lp-title" id="lp-title">${escapeHtml(title)}</h1>
  <div class="lp-clock" title="Wall clock"><span class="lp-label">Time</span> <span id="lp-wall">--:--</span></div>
  <div class="lp-elapsed" title="Elapsed since the start">
    <span class="lp-label">Elapsed</span> <span id="lp-elapsed">0:00</span>
    <button type="button" class="lp-button lp-small" id="lp-elapsed-start">Start</button>
    <button type="button" class="lp-button lp-small" id="lp-elapsed-reset">Reset</button>
  </div>
  <div class="lp-pace" id="lp-pace" data-state="idle">not started</div>
  <div class="lp-schedule" id="lp-schedule" data-state="idle" hidden></div>
  <div class="lp-rehearse">
    <label class="lp-switch"><input type="checkbox" id="lp-rehearse"${rehearse ? ' checked' : ''}> <span>Rehearse</span></label>
    <button type="button" class="lp-button lp-small" id="lp-rehearse-finish">Finish rehearsal</button>
    <span class="lp-rehearse-status" id="lp-rehearse-status" role="status"></span>
  </div>
  <div class="lp-connection" id="lp-connection" data-state="connecting">connecting…</div>
</header>
<div class="lp-problems" id="lp-problems" role="alert" hidden></div>
<main class="lp-main">
  <section class="lp-current" aria-label="Current slide">
    <div class="lp-frame-box" id="lp-current-box">${frame('current', 'Current slide')}<div class="lp-audience" id="lp-audience" role="status" data-mode="normal"></div></div>
    <div class="lp-slide-info">
      <span class="lp-position" id="lp-position"></span>
      <span class="lp-slide-title" id="lp-slide-title"></span>
      <span class="lp-planned"><span class="lp-label">Planned</span> <span id="lp-planned">–</span></span>
      <span class="lp-planned-start"><span class="lp-label">Starts at</span> <span id="lp-planned-start">–</span></span>
    </div>
  </section>
  <section class="lp-next" aria-label="Next slide">
    <div class="lp-frame-box">${frame('next', 'Next slide')}<div class="lp-end" id="lp-end" hidden>End of deck</div></div>
  </section>
  <section class="lp-timer" id="lp-timer" aria-label="Activity timer" hidden>
    <div class="lp-timer-head"><span class="lp-label">Activity</span> <span id="lp-timer-title"></span></div>
    <div class="lp-timer-display" id="lp-timer-display" data-state="idle">0:00</div>
    <div class="lp-timer-status" id="lp-timer-status">Ready</div>
    <div class="lp-timer-buttons">
      <button type="button" class="lp-button lp-primary" id="lp-timer-toggle" data-action="toggle">Start</button>
      <button type="button" class="lp-button" data-action="reset">Reset</button>
      <button type="button" class="lp-button" data-action="minus" aria-label="−1 min, one minute less">−1 min</button>
      <button type="button" class="lp-button" data-action="plus" aria-label="+1 min, one minute more">+1 min</button>
    </div>
    <label class="lp-check"><input type="checkbox" id="lp-timers-visible"> Show timer to audience</label>
  </section>
  <section class="lp-notes" aria-label="Speaker notes">
    <div class="lp-notes-body" id="lp-notes"><p class="lp-muted">Loading…</p></div>
  </section>
  <nav class="lp-nav" aria-label="Navigation">
    <div class="lp-steer" role="group" aria-label="Steer the session">
      ${keyButton('lp-jump-open', 'Go to…', 'G', ' aria-haspopup="dialog"')}
      ${keyButton('lp-overview-open', 'Overview', 'O', ' aria-haspopup="dialog"')}
      ${keyButton('lp-black', 'Black screen', 'B', ' aria-pressed="false"')}
      ${keyButton('lp-pause', 'Pause screen', 'H', ' aria-pressed="false"')}
    </div>
    <button type="button" class="lp-button lp-nav-button" id="lp-prev">◀ Prev</button>
    <button type="button" class="lp-button lp-nav-button lp-primary" id="lp-next">Next ▶</button>
  </nav>
</main>
<dialog class="lp-dialog lp-jump" id="lp-jump" aria-labelledby="lp-jump-label"><div class="lp-dialog-body">
  <label class="lp-dialog-title" id="lp-jump-label" for="lp-jump-input">Go to slide</label>
  <input class="lp-jump-input" id="lp-jump-input" type="text" role="combobox" aria-autocomplete="list" aria-expanded="true" aria-controls="lp-jump-list" autocomplete="off" spellcheck="false" placeholder="Number or title">
  <ul class="lp-jump-list" id="lp-jump-list" role="listbox" aria-label="Matching slides"></ul>
  <p class="lp-dialog-help lp-key-help"><kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> go · <kbd>Esc</kbd> close</p>
</div></dialog>
<dialog class="lp-dialog lp-overview" id="lp-overview" aria-labelledby="lp-overview-title"><div class="lp-dialog-body">
  <div class="lp-dialog-head">
    <h2 class="lp-dialog-title" id="lp-overview-title">All slides</h2>
    <p class="lp-dialog-help"><span class="lp-legend lp-legend--current">on screen</span> <span class="lp-legend lp-legend--scheduled">planned now</span><span class="lp-key-help"> · arrows move · <kbd>Enter</kbd> go · <kbd>Esc</kbd> close</span></p>
    <button type="button" class="lp-button lp-small" id="lp-overview-close">Close</button>
  </div>
  <ol class="lp-overview-grid" id="lp-overview-grid" aria-label="Slides"></ol>
</div></dialog>
<script src="${PRESENTER_ASSETS.js}"></script>
<script>
LecternPresenter.start(${scriptJson({ slug, token, rehearse })});
</script>
</body>
</html>
`;
}
