/**
 * WCAG 2.3.3: someone who asked their system for less motion gets no slide transitions. reveal.js
 * reads the settings once, so they are set before it starts and again when the preference changes.
 */
const QUERY = '(prefers-reduced-motion: reduce)';
const STILL = { transition: 'none', backgroundTransition: 'none', autoAnimate: false } as const;

export function honourReducedMotion(config: Record<string, unknown>): void {
  if (window.matchMedia?.(QUERY).matches) Object.assign(config, STILL);
}

/** Follows a change of the preference while the deck is open (the deck's own settings come back). */
export function followReducedMotion(reveal: { configure?(options: Record<string, unknown>): void; getConfig?(): Record<string, unknown> }, chosen: Record<string, unknown>): void {
  const media = window.matchMedia?.(QUERY);
  if (!media || !reveal.configure) return;
  media.addEventListener('change', () => {
    reveal.configure?.(media.matches ? STILL : { transition: chosen.transition, backgroundTransition: chosen.backgroundTransition, autoAnimate: chosen.autoAnimate });
  });
}
