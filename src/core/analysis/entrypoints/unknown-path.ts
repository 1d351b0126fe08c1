// Where a route path the analyzer could not compute goes in a route template (`GET /api/(unknown)`),
// and the words that say so wherever such a flow is listed.

/**
 * A parenthesized word is no route a framework reports nor a path segment a request sends, so the
 * template reads as what it is; the entry point's `pathUnknown` flag is what the mapper checks.
 */
export const UNKNOWN_PATH = '(unknown)';

/** A sentence for a list of flows that holds an unknown path; '' when none does. */
export function unknownPathNote(flows: string[]): string {
  return flows.some((f) => f.includes(UNKNOWN_PATH)) ? `${UNKNOWN_PATH} is a route path the analyzer could not compute (no runtime flow is matched to it).` : '';
}
