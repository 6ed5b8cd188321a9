/**
 * The jump box (key G): type a slide's number or part of its title, choose with the arrows,
 * Enter jumps there; Escape closes (the dialog's own cancel). A combobox over a listbox: the
 * focus stays in the text field and the chosen option is its active descendant.
 */
import type { SummarySlide } from './deck-nav.js';
import { formatClock } from './pacing.js';
import type { PresenterElements } from './presenter-elements.js';
import { searchSlides, slideNumber } from './slide-search.js';

type JumpElements = Pick<PresenterElements, 'jump' | 'jumpInput' | 'jumpList' | 'jumpOpen'>;

export interface JumpHost {
  slides(): readonly SummarySlide[];
  current(): SummarySlide | undefined;
  jump(slide: SummarySlide): void;
}

export class JumpBox {
  private matches: SummarySlide[] = [];
  private active = 0;

  constructor(
    private readonly el: JumpElements,
    private readonly host: JumpHost,
  ) {}

  get isOpen(): boolean {
    return this.el.jump.open;
  }

  open(): void {
    if (this.isOpen) return;
    this.el.jumpInput.value = '';
    this.el.jump.showModal();
    this.el.jumpInput.focus();
    this.refresh();
  }

  close(): void {
    if (this.isOpen) this.el.jump.close();
  }

  /** The deck changed while open: search it again. */
  refresh(): void {
    if (!this.isOpen) return;
    this.matches = searchSlides(this.host.slides(), this.el.jumpInput.value);
    // With nothing typed, start on the slide on screen: the arrows then browse from there.
    const current = this.host.current();
    const start = this.el.jumpInput.value.trim() === '' && current ? this.matches.findIndex((slide) => slide.index === current.index) : 0;
    this.active = Math.max(0, start);
    this.paint();
  }

  bind(): void {
    this.el.jumpOpen.addEventListener('click', () => this.open());
    this.el.jumpInput.addEventListener('input', () => this.refresh());
    this.el.jumpInput.addEventListener('keydown', (event) => this.onKey(event));
    // Keep the focus in the field when an option is pressed; the click then jumps.
    this.el.jumpList.addEventListener('mousedown', (event) => event.preventDefault());
    this.el.jumpList.addEventListener('click', (event) => {
      const option = (event.target as Element | null)?.closest<HTMLElement>('[role="option"]');
      const slide = option ? this.matches[Number(option.dataset.position)] : undefined;
      if (slide) this.choose(slide);
    });
    // A click on the backdrop (the dialog element itself, outside its box) closes it.
    this.el.jump.addEventListener('click', (event) => {
      if (event.target === this.el.jump) this.close();
    });
  }

  private onKey(event: KeyboardEvent): void {
    const last = this.matches.length - 1;
    const moves: Record<string, number> = { ArrowDown: this.active + 1, ArrowUp: this.active - 1, PageDown: this.active + 5, PageUp: this.active - 5 };
    const moved = moves[event.key];
    if (moved !== undefined) {
      event.preventDefault();
      if (last < 0) return;
      this.active = Math.min(last, Math.max(0, moved));
      this.paint();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const slide = this.matches[this.active];
      if (slide) this.choose(slide);
    }
  }

  private choose(slide: SummarySlide): void {
    this.close();
    this.host.jump(slide);
  }

  private paint(): void {
    const doc = this.el.jumpList.ownerDocument;
    const current = this.host.current();
    const options = this.matches.map((slide, position) => {
      const option = doc.createElement('li');
      option.id = `lp-jump-option-${slide.index}`;
      option.className = 'lp-jump-option';
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', String(position === this.active));
      option.dataset.position = String(position);
      option.append(span(doc, 'lp-jump-number', String(slideNumber(slide))), span(doc, 'lp-jump-title', slide.title), span(doc, 'lp-jump-start', formatClock(slide.startSeconds)));
      if (current?.index === slide.index) option.append(span(doc, 'lp-jump-here', 'on screen'));
      return option;
    });
    if (options.length === 0) {
      const empty = doc.createElement('li');
      empty.className = 'lp-jump-empty';
      empty.textContent = 'No slide has that number or title.';
      options.push(empty);
    }
    this.el.jumpList.replaceChildren(...options);
    const active = this.matches[this.active];
    if (active) {
      this.el.jumpInput.setAttribute('aria-activedescendant', `lp-jump-option-${active.index}`);
      doc.getElementById(`lp-jump-option-${active.index}`)?.scrollIntoView({ block: 'nearest' });
    } else {
      this.el.jumpInput.removeAttribute('aria-activedescendant');
    }
  }
}

function span(doc: Document, className: string, text: string): HTMLElement {
  const element = doc.createElement('span');
  element.className = className;
  element.textContent = text;
  return element;
}
