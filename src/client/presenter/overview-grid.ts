/**
 * The overview (key O): every slide as a cell with its number, title and planned start; the
 * slide on screen and the one the schedule has on screen now are marked. Arrows move the focus
 * (one tab stop for the whole grid), Enter or a click jumps there, Escape closes.
 */
import type { SummarySlide } from './deck-nav.js';
import { gridStep } from './grid-keys.js';
import { formatClock, formatDuration } from './pacing.js';
import type { PresenterElements } from './presenter-elements.js';
import { slideNumber } from './slide-search.js';

type OverviewElements = Pick<PresenterElements, 'overview' | 'overviewGrid' | 'overviewClose' | 'overviewOpen'>;

export interface OverviewHost {
  slides(): readonly SummarySlide[];
  current(): SummarySlide | undefined;
  /** The slide the schedule has on screen now; undefined before the clock starts. */
  scheduled(): SummarySlide | undefined;
  jump(slide: SummarySlide): void;
}

export class OverviewGrid {
  constructor(
    private readonly el: OverviewElements,
    private readonly host: OverviewHost,
  ) {}

  get isOpen(): boolean {
    return this.el.overview.open;
  }

  open(): void {
    if (this.isOpen) return;
    this.el.overview.showModal();
    this.paint();
    const focus = this.cell(this.host.current()?.index) ?? this.cells()[0];
    focus?.focus();
    focus?.scrollIntoView({ block: 'center' });
  }

  close(): void {
    if (this.isOpen) this.el.overview.close();
  }

  /** The deck or the position changed while open: redraw, keeping the focused cell. */
  refresh(): void {
    if (!this.isOpen) return;
    const focused = this.el.overviewGrid.ownerDocument.activeElement;
    const index = focused instanceof HTMLElement && this.el.overviewGrid.contains(focused) ? Number(focused.dataset.index) : undefined;
    this.paint(index);
    if (index !== undefined) (this.cell(index) ?? this.cells()[0])?.focus();
  }

  bind(): void {
    this.el.overviewOpen.addEventListener('click', () => this.open());
    this.el.overviewClose.addEventListener('click', () => this.close());
    this.el.overviewGrid.addEventListener('click', (event) => {
      const cell = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-index]');
      if (cell) this.choose(Number(cell.dataset.index));
    });
    this.el.overviewGrid.addEventListener('keydown', (event) => this.onKey(event));
    this.el.overview.addEventListener('click', (event) => {
      if (event.target === this.el.overview) this.close();
    });
  }

  private onKey(event: KeyboardEvent): void {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const cells = this.cells();
    const from = cells.findIndex((cell) => cell === event.target);
    if (from < 0) return;
    const to = gridStep(from, cells.length, this.columns(), event.key);
    if (to === undefined) return;
    event.preventDefault();
    this.focusCell(cells, to);
  }

  private choose(index: number): void {
    const slide = this.host.slides().find((s) => s.index === index);
    if (!slide) return;
    this.close();
    this.host.jump(slide);
  }

  /** Draws the cells; the focusable one is `focusIndex`, else the slide on screen. */
  private paint(focusIndex?: number): void {
    const doc = this.el.overviewGrid.ownerDocument;
    const current = this.host.current();
    const scheduled = this.host.scheduled();
    const slides = this.host.slides();
    const tabStop = focusIndex ?? current?.index ?? slides[0]?.index;
    const items = slides.map((slide) => {
      const item = doc.createElement('li');
      const cell = doc.createElement('button');
      cell.type = 'button';
      cell.className = 'lp-cell';
      cell.dataset.index = String(slide.index);
      cell.tabIndex = slide.index === tabStop ? 0 : -1;
      if (slide.v > 0) cell.dataset.vertical = 'true';
      if (slide.index === current?.index) cell.setAttribute('aria-current', 'true');
      if (slide.index === scheduled?.index) cell.dataset.scheduled = 'true';
      const number = String(slideNumber(slide));
      const plan = `starts ${formatClock(slide.startSeconds)}, ${formatDuration(slide.plannedSeconds)}`;
      const badges = part(doc, 'lp-cell-badges', '');
      const states: string[] = [];
      if (slide.index === current?.index) states.push('on screen');
      if (slide.index === scheduled?.index) states.push('planned now');
      for (const state of states) badges.append(part(doc, `lp-cell-badge lp-cell-badge--${state === 'on screen' ? 'current' : 'scheduled'}`, state));
      // One clear sentence for screen readers rather than the cell's pieces run together.
      cell.setAttribute('aria-label', [`Slide ${number}: ${slide.title}`, plan, ...states].join(', '));
      const meta = part(doc, 'lp-cell-meta', `${formatClock(slide.startSeconds)} · ${formatDuration(slide.plannedSeconds)}`);
      cell.append(part(doc, 'lp-cell-number', number), part(doc, 'lp-cell-title', slide.title), meta, badges);
      item.append(cell);
      return item;
    });
    this.el.overviewGrid.replaceChildren(...items);
  }

  private focusCell(cells: HTMLButtonElement[], position: number): void {
    const target = cells[position];
    if (!target) return;
    for (const cell of cells) cell.tabIndex = cell === target ? 0 : -1;
    target.focus();
    target.scrollIntoView({ block: 'nearest' });
  }

  private cells(): HTMLButtonElement[] {
    return [...this.el.overviewGrid.querySelectorAll<HTMLButtonElement>('button[data-index]')];
  }

  private cell(index: number | undefined): HTMLButtonElement | undefined {
    return index === undefined ? undefined : (this.el.overviewGrid.querySelector<HTMLButtonElement>(`button[data-index="${index}"]`) ?? undefined);
  }

  /** How many cells a row holds, as the stylesheet lays the grid out at this width. */
  private columns(): number {
    const view = this.el.overviewGrid.ownerDocument.defaultView;
    const tracks = view?.getComputedStyle(this.el.overviewGrid).gridTemplateColumns ?? '';
    return Math.max(1, tracks.split(' ').filter((track) => track.trim() !== '').length);
  }
}

function part(doc: Document, className: string, text: string): HTMLElement {
  const element = doc.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}
