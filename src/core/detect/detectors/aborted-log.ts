// A log line says the client went away before the response ("request aborted", "client closed").
import { quote, type Detector } from '../candidate';

export const abortedLog: Detector = {
  name: 'aborted-log',
  detect(c, context) {
    const line = c.logs.find((l) => context.options.abortLogPattern.test(l.message));
    if (!line) return [];
    return [{ kind: 'aborted-log', weight: 0.7, detail: `Logged '${quote(line.message)}'.`, spanId: line.spanId, at: line.origin }];
  },
};
