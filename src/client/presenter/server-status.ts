/**
 * What the server says about itself and the deck: the connection's state and the deck's
 * problems (build errors and warnings, or a refusal), shown above the previews.
 */
import type { OverlayDiagnostic } from '../../server/protocol.js';
import type { ConnectionStatus } from '../connection.js';

const CONNECTION_LABELS: Record<ConnectionStatus, string> = {
  connecting: 'connecting…',
  connected: 'connected',
  reconnecting: 'reconnecting…',
  refused: 'refused',
};

export function showConnection(element: HTMLElement, status: ConnectionStatus, detail?: string): void {
  element.textContent = CONNECTION_LABELS[status];
  element.dataset.state = status;
  if (detail) element.title = detail;
}

/** Lists the problems in the box; none hides it. */
export function showProblems(box: HTMLElement, diagnostics: OverlayDiagnostic[]): void {
  if (diagnostics.length === 0) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const doc = box.ownerDocument;
  const list = doc.createElement('ul');
  for (const d of diagnostics) {
    const item = doc.createElement('li');
    item.className = `lp-problem lp-problem--${d.severity}`;
    item.textContent = `${d.file}:${d.line}:${d.column} ${d.message}`;
    list.append(item);
  }
  box.replaceChildren(list);
  box.hidden = false;
}

/** One problem in words (the server refused this view), in place of the list. */
export function showProblemText(box: HTMLElement, text: string): void {
  const item = box.ownerDocument.createElement('p');
  item.className = 'lp-problem lp-problem--error';
  item.textContent = text;
  box.replaceChildren(item);
  box.hidden = false;
}
