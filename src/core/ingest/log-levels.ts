// Log levels come as pino/bunyan numbers, words in any case, and synonyms (warning, critical, …).

const PINO_LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const SYNONYMS: Record<string, string> = {
  warning: 'warn',
  information: 'info',
  informational: 'info',
  notice: 'info',
  err: 'error',
  critical: 'fatal',
  crit: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  emergency: 'fatal',
  panic: 'fatal',
  verbose: 'debug',
  silly: 'trace',
};

/** The level as counted in a file summary: numbers mapped, words lower-cased, "num:N" for unknown numbers. */
export function levelKey(raw: unknown): string | undefined {
  if (typeof raw === 'number') return PINO_LEVELS[raw] ?? `num:${raw}`;
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim().toLowerCase();
  return undefined;
}

/** trace|debug|info|warn|error|fatal when the source's word means one of them, else the word itself. */
export function normalizeLevel(raw: unknown): string | undefined {
  const key = levelKey(raw);
  if (key === undefined) return undefined;
  if (typeof raw === 'number' || /^\d+$/.test(key)) return numericLevel(typeof raw === 'number' ? raw : Number(key));
  return SYNONYMS[key] ?? key;
}

/** pino/bunyan numbers; a custom number (55) counts as the standard level just below it. */
function numericLevel(n: number): string {
  if (PINO_LEVELS[n]) return PINO_LEVELS[n]!;
  const below = Object.keys(PINO_LEVELS).map(Number).filter((k) => k <= n).pop();
  return below === undefined ? `num:${n}` : PINO_LEVELS[below]!;
}

const SEVERITY_ORDER = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
/** True for error and fatal (and their synonyms). */
export const isErrorLevel = (level: string | undefined): boolean => level !== undefined && SEVERITY_ORDER.indexOf(level) >= 4;

const STANDARD = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);

/** Whether a plain word names a level (INFO, warning, ERR…), for formats that write it unlabeled. */
export function isLevelWord(word: string): boolean {
  const key = word.trim().toLowerCase();
  return STANDARD.has(key) || key in SYNONYMS;
}
