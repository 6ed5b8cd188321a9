/**
 * reveal.js's print view (`?print-pdf`), as lectern's PDF export drives it. The export prints a
 * long deck in several tabs at once, each given a range of horizontal slides
 * (`lectern-stacks=FROM-TO`); slide numbers stay those of the whole deck.
 */

export function isPrintView(): boolean {
  return /print-pdf/i.test(window.location.search);
}

/** Before Reveal.initialize: keep only this tab's slides and settle the print settings. */
export function preparePrintView(config: Record<string, unknown>): void {
  if (!isPrintView()) return;
  Object.assign(config, { pdfSeparateFragments: false, pdfMaxPagesPerSlide: 1, transition: 'none', showSlideNumber: 'all' });
  // A deck that numbers its own pages (Marp's paginate) keeps reveal.js's numbers off.
  if (config.slideNumber === false && !document.querySelector('.lectern-page-number')) config.slideNumber = 'c/t';
  const range = /^(\d+)-(\d+)$/.exec(new URLSearchParams(window.location.search).get('lectern-stacks') ?? '');
  if (!range) return;
  const [from, to] = [Number(range[1]), Number(range[2])];
  document.querySelectorAll('.reveal .slides > section').forEach((stack, h) => {
    if (h < from || h >= to) stack.remove();
  });
}

/** After reveal.js has laid the pages out: number them within the whole deck, then say so. */
export function whenPrintReady(reveal: { on(type: string, listener: () => void): void }): void {
  const finish = () => {
    const total = document.querySelector<HTMLElement>('.reveal .slides')?.dataset.lecternTotal;
    for (const page of document.querySelectorAll('.pdf-page')) {
      const index = page.querySelector<HTMLElement>('section[data-lectern-slide]')?.dataset.lecternSlide;
      const number = page.querySelector('.slide-number-pdf');
      if (number && index !== undefined) number.textContent = total ? `${Number(index) + 1} / ${total}` : String(Number(index) + 1);
    }
    // reveal.js hides every slide but the current one from assistive technology (aria-hidden,
    // hidden); the print view shows them all, and Chromium's tagged PDF leaves what is hidden out
    // of its structure tree: a screen reader would find only the first slide's words.
    for (const slide of document.querySelectorAll('.reveal .slides section')) {
      slide.removeAttribute('aria-hidden');
      slide.removeAttribute('hidden');
    }
    document.documentElement.dataset.lecternPdfReady = 'true';
  };
  const laidOut = document.querySelector('.pdf-page') && !document.querySelector('.loading-scroll-mode');
  if (laidOut) finish();
  else reveal.on('pdf-ready', finish);
}
