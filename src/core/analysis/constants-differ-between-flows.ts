// A constant passed per call site counts as flow data only when it differs between flows (the
// spec's "a resource name a flow passes down"): a finding whose every source is such a constant
// stands only if, for one of them, two calls passing different values are reached by two different
// flows. The same helper called with 'a' and 'b' from code no route reaches (browser code, tests),
// or only along one flow, gets each value from the code itself, not from what a flow carries.
// Judged once entry points are known (the scanner's assemble), from each call's enclosing function
// and the flows reaching it: a call at module level is reached by no flow. Library mode makes every
// exported function an entry point, so the same test holds there.
import type { ConstantSite } from './dataflow/interprocedural';

/** Whether two calls passing different values are reached by two different flows. */
export function differsBetweenFlows(sites: ConstantSite[], flowsOf: (functionId: string) => string[]): boolean {
  // Values reached by some flow, and every flow reaching one: with two values and two flows some pair
  // of calls differs in both (all values reached by one and the same flow is the only way it fails).
  const values = new Set<string>();
  const flows = new Set<string>();
  for (const site of sites) {
    const reaching = site.caller ? flowsOf(site.caller) : [];
    if (!reaching.length) continue;
    values.add(site.value);
    for (const flow of reaching) flows.add(flow);
    if (values.size >= 2 && flows.size >= 2) return true;
  }
  return false;
}
