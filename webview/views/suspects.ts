// Suspects: the ranked loops, each a button that opens the loop in the editor.
import type { SourceLink } from '../protocol';
import type { WindowedSuspect } from '../model/window';
import { el, plural, sourceLabel } from './dom';

export function renderSuspects(root: HTMLElement, suspects: readonly WindowedSuspect[], onOpen: (location: SourceLink) => void): void {
  root.replaceChildren();
  if (suspects.length === 0) {
    root.append(el('p', { className: 'muted', text: 'No suspect loops: the analysis had no source code, or found no loop whose exit depends on the stuck flows’ data.' }));
    return;
  }
  const list = el('ol', { className: 'suspects', attrs: { 'aria-label': 'Suspect loops, most likely first' } });
  for (const s of suspects) {
    const where = sourceLabel(s.location.file, s.location.line);
    const stuck = s.stuckInWindow === null ? plural(s.stuckRequests, 'stuck request') : `${plural(s.stuckInWindow, 'stuck request')} in the window (${s.stuckRequests} in all)`;
    const button = el('button', { className: 'suspect', attrs: { type: 'button', 'aria-label': `Suspect ${s.rank}: ${where}. ${s.explanation}. Opens the loop in the editor.` } }, [
      el('span', { className: 'suspect-head' }, [
        el('span', { className: 'suspect-rank', text: `#${s.rank}` }),
        el('span', { className: 'suspect-location', text: where }),
        s.functionName ? el('span', { className: 'muted', text: ` in ${s.functionName}()` }) : null,
        el('span', { className: 'suspect-score muted', text: ` · score ${s.score.toFixed(2)}` }),
      ]),
      el('span', { className: 'suspect-explanation', text: s.explanation }),
      el('span', { className: 'muted', text: `${s.rule} · ${stuck} · flows: ${s.flows.join(', ') || '–'}` }),
    ]);
    button.addEventListener('click', () => onOpen(s.location));
    const evidence = s.evidence.length
      ? el('ul', { className: 'evidence', attrs: { 'aria-label': 'Evidence' } }, s.evidence.map((e) => el('li', { text: `${e.detail} (${e.kind}, weight ${e.weight.toFixed(2)})` })))
      : null;
    list.append(el('li', {}, [button, evidence]));
  }
  root.append(list);
}
