// Logger calls and their message templates. Argument orders differ by library:
// pino/bunyan `log.info({ ctx }, 'msg %s', x)` or `log.info('msg')`; winston `logger.log('info', 'msg', meta)`
// or `logger.info('msg', meta)`; console `console.error('msg', x)`.
import type { LogSite } from '../../model/code';
import { locationOf, memberPath, propertyName, unwrapExpression, type CallNode, type FileFacts } from '../project/collect';
import { enclosingFunctionName, templateOf } from './template';

const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'verbose', 'silly', 'http', 'notice', 'crit', 'critical', 'alert', 'emerg']);
/** Receivers that are loggers: console, or a name that says log/logger (req.log, this.logger, fastify.log). */
const LOGGER_RECEIVER = /(^|\.)(console|[a-z_]*log(ger)?|[a-z_]*Log(ger)?|winston|pino|bunyan|signale)$/i;

export function logSiteOf(file: string, facts: FileFacts, call: CallNode): LogSite | undefined {
  if (call.type !== 'CallExpression') return undefined;
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee.property, callee.computed);
  if (!method) return undefined;
  const receiver = memberPath(callee.object);
  if (!receiver || !LOGGER_RECEIVER.test(receiver)) return undefined;
  const args = call.arguments;
  let level: string | undefined;
  let template: string | undefined;
  if (method === 'log') {
    const first = templateOf(args[0]);
    if (first !== undefined && LEVELS.has(first) && receiver !== 'console') {
      level = first; // winston: logger.log('info', 'message')
      template = templateOf(args[1]);
    } else {
      level = receiver === 'console' ? 'log' : 'info';
      template = first ?? templateOf(args[1]);
    }
  } else if (LEVELS.has(method)) {
    level = method;
    // pino/bunyan put a context object (or an error) first and the message second.
    template = templateOf(args[0]) ?? templateOf(args[1]);
  } else {
    return undefined;
  }
  if (template === undefined) return undefined;
  return { template, level, location: locationOf(file, call), functionName: enclosingFunctionName(facts, call) };
}
