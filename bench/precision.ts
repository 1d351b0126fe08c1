// Precision and recall of the loop rules on the labeled suite (test/fixtures/analysis-cases).
//   npm run bench:precision            the table
//   npm run bench:precision -- --cases every case's mismatches too
import { runSuite } from '../test/helpers/analysis-suite';

const verbose = process.argv.includes('--cases');

async function main(): Promise<void> {
  const started = Date.now();
  const { cases, perRule, overall } = await runSuite();
  const pct = (x: number) => x.toFixed(2);
  const rows = [...perRule, overall].map((r) => `| ${r.rule} | ${r.truePositives} | ${r.falsePositives} | ${r.falseNegatives} | ${pct(r.precision)} | ${pct(r.recall)} |`);
  const positives = cases.filter((c) => c.expected.length > 0).length;
  console.log(`Labeled suite: ${cases.length} cases (${positives} with expected findings, ${cases.length - positives} negative), ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  console.log('| rule | TP | FP | FN | precision | recall |\n|---|---:|---:|---:|---:|---:|');
  console.log(rows.join('\n'));
  const bad = cases.filter((c) => c.falsePositives.length || c.falseNegatives.length || c.crashed);
  if (bad.length) {
    console.log(`\n${bad.length} case(s) with mismatches${verbose ? ':' : ' (run with --cases to list them)'}`);
    if (verbose) for (const c of bad) console.log(`  ${c.name}${c.crashed ? ' CRASHED ' + c.crashed : ''}\n    FP: ${c.falsePositives.join(' ') || '-'}\n    FN: ${c.falseNegatives.join(' ') || '-'}`);
  }
  if (overall.precision < 0.9 || overall.recall < 0.9) process.exitCode = 1;
}

void main();
