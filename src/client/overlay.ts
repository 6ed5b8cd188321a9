/** The deck's problems over its last good slides, until the next good save. */
import type { OverlayDiagnostic } from '../server/protocol.js';

const ID = 'lectern-problems';

export function showProblems(diagnostics: readonly OverlayDiagnostic[]): void {
  let overlay = document.getElementById(ID);
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.id = ID;
    overlay.setAttribute('role', 'alert');
    overlay.className = 'lectern-problems';
    document.body.appendChild(overlay);
  }
  overlay.replaceChildren(
    heading(diagnostics.length),
    ...diagnostics.map((d) => {
      const item = document.createElement('pre');
      item.className = 'lectern-problems__item';
      const lines = [`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`];
      if (d.sourceLine !== undefined) lines.push(`  ${d.line} | ${d.sourceLine}`, `  ${' '.repeat(String(d.line).length)} | ${' '.repeat(Math.max(0, d.column - 1))}^`);
      if (d.hint) lines.push(`  hint: ${d.hint}`);
      if (d.detail) lines.push(`  detail: ${d.detail}`);
      item.textContent = lines.join('\n');
      return item;
    }),
    note(),
  );
}

export function hideProblems(): void {
  document.getElementById(ID)?.remove();
}

function heading(count: number): HTMLElement {
  const h = document.createElement('strong');
  h.textContent = `The deck has ${count} problem${count === 1 ? '' : 's'}: showing the last good version.`;
  return h;
}

function note(): HTMLElement {
  const p = document.createElement('div');
  p.className = 'lectern-problems__note';
  p.textContent = 'Fix it and save: this goes away by itself.';
  return p;
}
