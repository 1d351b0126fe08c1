// The AnalysisReport as JSON: the contract other tools read (see model/report.ts).
import type { AnalysisReport } from '../model';

type Replacer = (key: string, value: unknown) => unknown;

/** Non-finite numbers have no JSON form; say so rather than let them become null silently. */
const nonFiniteAsText: Replacer = (_key, value) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);

/**
 * Indented two spaces, except the timeline's columns, one line each: indented, 200,000 requests
 * made a million lines of single numbers (most of a 28 MiB report). A replacer makes
 * JSON.stringify several times slower, so it is used only when a non-finite number is there.
 */
export function renderJson(report: AnalysisReport): string {
  const replacer = containsNonFinite(report) ? nonFiniteAsText : undefined;
  const members: string[] = [];
  for (const key of Object.keys(report) as Array<keyof AnalysisReport>) {
    const value = report[key];
    const text = key === 'timeline' && isPlainObject(value) ? columnsJson(value, replacer) : JSON.stringify(value, replacer, 2)?.replaceAll('\n', '\n  ');
    // As JSON.stringify does: members whose value has no JSON form (undefined) are left out.
    if (text !== undefined) members.push(`  ${JSON.stringify(key)}: ${text}`);
  }
  return members.length === 0 ? '{}\n' : `{\n${members.join(',\n')}\n}\n`;
}

/** An object of columns (arrays) as an indented object whose members are each on one line. */
function columnsJson(columns: Record<string, unknown>, replacer: Replacer | undefined): string {
  const members: string[] = [];
  for (const key of Object.keys(columns)) {
    const text = JSON.stringify(columns[key], replacer);
    if (text !== undefined) members.push(`    ${JSON.stringify(key)}: ${text}`);
  }
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n  }`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when any number in the value is NaN or ±Infinity. */
function containsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) {
    // Numbers checked in place: the timeline's columns hold a million of them.
    for (const item of value) if (typeof item === 'number' ? !Number.isFinite(item) : typeof item === 'object' && item !== null && containsNonFinite(item)) return true;
    return false;
  }
  for (const key in value) if (containsNonFinite((value as Record<string, unknown>)[key])) return true;
  return false;
}
