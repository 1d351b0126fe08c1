// Noise on application code, the other half of the precision check (bench/corpus holds libraries):
// downloads pinned releases of sixteen web applications that ship their source on npm (Ghost's core,
// Node-RED's runtime, editor API, nodes and util, NodeBB, Etherpad, mongo-express, cnpmjs.org,
// sinopia, Parse Server's compiled lib/, KeystoneJS 4, Directus's API, Flowise's server and Medusa
// 1.20, the last three compiled, Verdaccio's build, homebridge-config-ui-x's NestJS build, Uptime Kuma's server and Vendure's core, a NestJS GraphQL server) with `npm pack`, unpacks them into bench/out/apps
// (kept for the next run), and scans each as one project the way `limbo scan` does (request inputs
// from its routes). Prints files, lines, routes found, findings per 10,000 lines, and every finding one
// per line ("app file:line rule"), the rows docs/corpus-findings.md judges by hand.
//   node --import tsx bench/apps.mjs
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { scanProject } from '../src/core/analysis/scan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out', 'apps');
/** Each app: npm packages (pinned) unpacked side by side, and the folder of them scanned as one project. */
const APPS = [
  { name: 'ghost', packages: ['ghost@5.130.6'], scan: 'ghost-5.130.6/package/core' },
  {
    name: 'node-red',
    packages: ['node-red@4.1.15', '@node-red/runtime@4.1.15', '@node-red/editor-api@4.1.15', '@node-red/nodes@4.1.15', '@node-red/util@4.1.15'],
    scan: '.',
  },
  // Older releases (the last ones published to npm with their source), still real applications.
  { name: 'nodebb', packages: ['nodebb@1.4.0'], scan: 'nodebb-1.4.0/package' },
  { name: 'etherpad', packages: ['ep_etherpad-lite@1.8.14'], scan: 'ep_etherpad-lite-1.8.14/package' },
  // Smaller ones: a MongoDB admin UI (Express), a private npm registry on Koa and one on Express.
  { name: 'mongo-express', packages: ['mongo-express@1.0.2'], scan: 'mongo-express-1.0.2/package' },
  { name: 'cnpmjs.org', packages: ['cnpmjs.org@2.1.0'], scan: 'cnpmjs.org-2.1.0/package' },
  { name: 'sinopia', packages: ['sinopia@1.4.0'], scan: 'sinopia-1.4.0/package' },
  // A backend server (Express with its own promise router, shipped as Babel output with inline source
  // maps) and a CMS (Express, with its React admin client).
  { name: 'parse-server', packages: ['parse-server@9.10.0'], scan: 'parse-server-9.10.0/package' },
  { name: 'keystone', packages: ['keystone@4.2.1'], scan: 'keystone-4.2.1/package' },
  // Two TypeScript servers published as compiled JavaScript (the scan's root is their output folder):
  // Directus's API (Express, rolldown's per-module ESM) and Flowise's server (Express, tsc's CommonJS).
  { name: 'directus', packages: ['@directus/api@39.2.1'], scan: 'directus-api-39.2.1/package/dist' },
  { name: 'flowise', packages: ['flowise@2.2.3'], scan: 'flowise-2.2.3/package/dist' },
  // A commerce backend (Express) compiled by tsc for ES5: tsc's helpers in every file, async functions
  // as state machines.
  { name: 'medusa', packages: ['@medusajs/medusa@1.20.10'], scan: 'medusajs-medusa-1.20.10/package/dist' },
  // A private npm registry (Express), sinopia's successor, shipped as Babel's output in build/.
  { name: 'verdaccio', packages: ['verdaccio@6.10.4'], scan: 'verdaccio-6.10.4/package/build' },
  // A NestJS server on the Fastify adapter, compiled by tsc to ES modules (decorators as `__decorate` calls).
  { name: 'homebridge-config-ui-x', packages: ['homebridge-config-ui-x@5.10.0'], scan: 'homebridge-config-ui-x-5.10.0/package/dist' },
  // A monitoring server (Express and socket.io, most of its work in socket event handlers), its server/ source.
  { name: 'uptime-kuma', packages: ['uptime-kuma@2.0.0-dev.0'], scan: 'uptime-kuma-2.0.0-dev.0/package/server' },
  // An e-commerce server: NestJS GraphQL resolvers (its shop and admin APIs), compiled by tsc to CommonJS.
  { name: 'vendure', packages: ['@vendure/core@3.7.3'], scan: 'vendure-core-3.7.3/package/dist' },
];

function fetchApp(app) {
  const dir = join(out, app.name);
  if (existsSync(join(dir, '.complete'))) return dir;
  mkdirSync(dir, { recursive: true });
  console.error(`downloading ${app.packages.join(', ')} …`);
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir, ...app.packages], { encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  for (const tgz of readdirSync(dir).filter((f) => f.endsWith('.tgz'))) {
    const target = join(dir, tgz.replace(/\.tgz$/, ''));
    mkdirSync(target, { recursive: true });
    const untar = spawnSync('tar', ['xzf', join(dir, tgz), '-C', target]);
    if (untar.status !== 0) throw new Error(`tar failed on ${tgz}`);
  }
  spawnSync('touch', [join(dir, '.complete')]);
  return dir;
}

let totalLines = 0;
let totalFindings = 0;
for (const app of APPS) {
  const root = join(fetchApp(app), app.scan);
  const { result } = await scanProject(root);
  const routes = result.entryPoints.filter((e) => e.framework !== 'library');
  const per10k = (result.findings.length / result.lines) * 10000;
  console.log(`${app.name}: ${result.filesAnalyzed} files, ${result.lines} lines, ${routes.length} routes, ${result.findings.length} findings (${per10k.toFixed(2)} per 10,000 lines)`);
  for (const f of result.findings) console.log(`  ${app.name} ${f.loop.file}:${f.loop.startLine} ${f.ruleId}`);
  totalLines += result.lines;
  totalFindings += result.findings.length;
}
console.log(`all: ${totalLines} lines, ${totalFindings} findings (${((totalFindings / totalLines) * 10000).toFixed(2)} per 10,000 lines)`);
