// Maps the engine's per-phase progress onto one 0..1 bar, and throttles it: the reader reports
// every chunk, the notification needs a few updates a second.
import type { AnalyzeProgress } from '../../core/pipeline';

/** Where each phase starts and ends on the overall bar. With no source root the code phase is skipped. */
const PHASES: Record<AnalyzeProgress['phase'], [number, number]> = {
  read: [0, 0.45],
  detect: [0.45, 0.5],
  differences: [0.5, 0.55],
  code: [0.55, 0.98],
  report: [0.98, 1],
};

export function overallFraction(progress: Pick<AnalyzeProgress, 'phase' | 'fraction'>): number {
  const [start, end] = PHASES[progress.phase] ?? [0, 1];
  const within = Math.min(1, Math.max(0, progress.fraction ?? 0));
  return start + (end - start) * within;
}

/** Passes a progress update on when the phase changed or `intervalMs` passed since the last one. */
export function throttleProgress(send: (message: string, fraction: number) => void, intervalMs = 150, now = () => Date.now()) {
  let lastPhase: string | undefined;
  let lastTime = -Infinity;
  return (progress: AnalyzeProgress): void => {
    const time = now();
    if (progress.phase === lastPhase && time - lastTime < intervalMs) return;
    lastPhase = progress.phase;
    lastTime = time;
    send(progress.message, overallFraction(progress));
  };
}
