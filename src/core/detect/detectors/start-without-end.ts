// A log line opened the request ("incoming request") and no line ever closed it.
import { quote, type Detector } from '../candidate';

export const startWithoutEnd: Detector = {
  name: 'start-without-end',
  detect(c, context) {
    if (c.logs.length === 0) return [];
    const { startLogPattern, endLogPattern, abortLogPattern } = context.options;
    const start = c.logs.find((l) => startLogPattern.test(l.message));
    if (!start) return [];
    if (c.logs.some((l) => endLogPattern.test(l.message) || abortLogPattern.test(l.message))) return [];
    return [
      {
        kind: 'start-without-end',
        weight: 0.6,
        detail: `'${quote(start.message)}' was logged, then ${c.logs.length - 1} more line(s) for this request and no completion line.`,
        spanId: start.spanId,
        at: start.origin,
      },
    ];
  },
};
