// Service settings; the environment overrides them so the recorder can run the service on a free port.
const numberFromEnv = (name: string, fallback: number): number => {
  const parsed = Number(process.env[name] ?? Number.NaN);
  return Number.isFinite(parsed) ? parsed : fallback;
};

export const config = {
  serviceName: 'catalog-koa',
  serviceVersion: '2.8.0',
  host: process.env.HOST ?? '127.0.0.1',
  port: numberFromEnv('PORT', 3100),
  logFile: process.env.LOG_FILE ?? 'catalog-koa.log.jsonl',
  logLevel: process.env.LOG_LEVEL ?? 'debug',
  latencySeed: numberFromEnv('LATENCY_SEED', 11),
  store: { minLatencyMs: 1, maxLatencyMs: 6 },
  listing: { pageSize: 25, maxPages: 4 },
  search: { maxResults: 20, scanBatch: 60 },
  pricing: { maxAttempts: 4, backoffMs: 30 },
  supplierFeed: { pageSize: 50 },
} as const;
