// Writes an OTLP JSON-lines file (the Collector file exporter's shape) with realistic spans:
// healthy requests of several flows, some orphans (parent in another service / not sampled), and
// a few hung requests whose server span was never exported while a child repeats in a loop.
//   node bench/gen-otlp-spans.mjs <out.jsonl> [spanCount]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const SPANS_PER_LINE = 512;
const BASE_NS = 1_764_300_000_000_000_000n;

/** Small deterministic PRNG, so every run measures the same file. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (bytes) => {
  let out = '';
  for (let i = 0; i < bytes; i++) out += Math.floor(random() * 256).toString(16).padStart(2, '0');
  return out;
};

const FLOWS = [
  { method: 'GET', route: '/api/products/:id', target: () => `/api/products/${Math.floor(random() * 5000)}`, weight: 40 },
  { method: 'GET', route: '/api/users/:id/orders', target: () => `/api/users/${Math.floor(random() * 900)}/orders`, weight: 25 },
  { method: 'POST', route: '/api/orders', target: () => '/api/orders', weight: 20 },
  { method: 'POST', route: '/api/cart/items', target: () => '/api/cart/items', weight: 13 },
  { method: 'POST', route: '/api/coupons/:code/redeem', target: () => `/api/coupons/${hex(4)}/redeem`, weight: 2 },
];
const TOTAL_WEIGHT = FLOWS.reduce((n, f) => n + f.weight, 0);
const pickFlow = () => {
  let r = random() * TOTAL_WEIGHT;
  for (const f of FLOWS) if ((r -= f.weight) < 0) return f;
  return FLOWS[0];
};
const PLANS = ['free', 'pro', 'enterprise'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];
const AGENTS = ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15', 'okhttp/4.12.0', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36'];
const STATEMENTS = ['SELECT * FROM products WHERE id = $1', 'SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 20', 'INSERT INTO orders (user_id, total) VALUES ($1, $2)', 'SELECT * FROM coupons WHERE code = $1 FOR UPDATE'];

const kv = (key, value) =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? `{"key":"${key}","value":{"intValue":"${value}"}}`
      : `{"key":"${key}","value":{"doubleValue":${value}}}`
    : `{"key":"${key}","value":{"stringValue":${JSON.stringify(value)}}}`;

function span({ traceId, spanId, parentSpanId, name, kind, startNs, durNs, attrs, error }) {
  return `{"traceId":"${traceId}","spanId":"${spanId}","parentSpanId":"${parentSpanId ?? ''}","flags":1,"name":${JSON.stringify(name)},"kind":${kind},"startTimeUnixNano":"${startNs}","endTimeUnixNano":"${startNs + durNs}","attributes":[${attrs.map(([k, v]) => kv(k, v)).join(',')}],"status":{${error ? '"code":2,"message":"upstream failed"' : ''}}}`;
}

function* trace(index) {
  const flow = pickFlow();
  const traceId = hex(16);
  const rootId = hex(8);
  const start = BASE_NS + BigInt(index) * 7_000_000n + BigInt(Math.floor(random() * 1e6));
  const hung = flow.route.includes('coupons') && index % 97 === 0;
  const orphaned = !hung && index % 211 === 0;
  const status = random() < 0.02 ? 500 : random() < 0.05 ? 404 : 200;
  const serverAttrs = [
    ['http.method', flow.method], ['http.route', flow.route], ['http.target', flow.target()], ['http.scheme', 'https'],
    ['http.status_code', status], ['net.host.name', 'shop.example.com'], ['net.peer.ip', `10.0.${Math.floor(random() * 255)}.${Math.floor(random() * 255)}`],
    ['http.user_agent', pick(AGENTS)], ['user.plan', pick(PLANS)], ['cloud.region', pick(REGIONS)],
  ];
  // A hung request's server span is never exported: only its children arrive.
  if (!hung) {
    yield span({ traceId, spanId: rootId, parentSpanId: orphaned ? hex(8) : undefined, name: `${flow.method} ${flow.route}`, kind: 2, startNs: start, durNs: BigInt(5_000_000 + Math.floor(random() * 80_000_000)), attrs: serverAttrs, error: status >= 500 });
  }
  const children = hung ? 60 : 2 + Math.floor(random() * 6);
  for (let c = 0; c < children; c++) {
    const db = hung || random() < 0.6;
    const statement = hung ? STATEMENTS[3] : pick(STATEMENTS);
    const attrs = db
      ? [['db.system', 'postgresql'], ['db.name', 'shop'], ['db.statement', statement], ['db.operation', statement.split(' ')[0]], ['net.peer.name', 'db.internal'], ['net.peer.port', 5432]]
      : [['http.method', 'GET'], ['http.url', `http://inventory.internal/stock/${Math.floor(random() * 5000)}`], ['http.status_code', 200], ['net.peer.name', 'inventory.internal'], ['peer.service', 'inventory']];
    const offset = hung ? BigInt(c) * 250_000_000n : BigInt(c) * 900_000n;
    yield span({ traceId, spanId: hex(8), parentSpanId: rootId, name: db ? `pg.query:${statement.split(' ')[0]}` : 'GET', kind: 3, startNs: start + offset, durNs: BigInt(300_000 + Math.floor(random() * 3_000_000)), attrs, error: false });
  }
}

export async function generate(path, spanCount) {
  const out = createWriteStream(path);
  const resource = '{"attributes":[{"key":"service.name","value":{"stringValue":"shop-api"}},{"key":"service.version","value":{"stringValue":"2.14.1"}},{"key":"telemetry.sdk.language","value":{"stringValue":"nodejs"}},{"key":"host.name","value":{"stringValue":"shop-api-7d9f8c6b5-x2x9k"}}]}';
  const scope = '{"name":"@opentelemetry/instrumentation-http","version":"0.57.0"}';
  let written = 0;
  let batch = [];
  let traceIndex = 0;
  let bytes = 0;
  const flush = async () => {
    const line = `{"resourceSpans":[{"resource":${resource},"scopeSpans":[{"scope":${scope},"spans":[${batch.join(',')}]}]}]}\n`;
    bytes += Buffer.byteLength(line);
    batch = [];
    if (!out.write(line)) await once(out, 'drain');
  };
  while (written < spanCount) {
    for (const s of trace(traceIndex++)) {
      batch.push(s);
      if (++written >= spanCount) break;
      if (batch.length === SPANS_PER_LINE) await flush();
    }
  }
  if (batch.length) await flush();
  out.end();
  await once(out, 'finish');
  return { spans: written, traces: traceIndex, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [path, count] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node bench/gen-otlp-spans.mjs <out.jsonl> [spanCount]');
    process.exit(2);
  }
  const result = await generate(path, Number(count ?? 1_000_000));
  console.log(JSON.stringify(result));
}
