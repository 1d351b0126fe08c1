// Service settings. Environment variables override them so the recorder can run the service on a free port.
const numberFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const parsed = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(parsed) ? parsed : fallback;
};

export const config = {
  serviceName: 'shop-express',
  serviceVersion: '1.4.2',
  host: process.env.HOST ?? '127.0.0.1',
  port: numberFromEnv('PORT', 3000),
  logFile: process.env.LOG_FILE ?? 'shop-express.log.jsonl',
  logLevel: process.env.LOG_LEVEL ?? 'debug',
  latencySeed: numberFromEnv('LATENCY_SEED', 7),
  database: { minLatencyMs: 2, maxLatencyMs: 9 },
  catalog: { pageSize: 12, maxPages: 4 },
  auth: { hashRounds: 400, sessionTtlMs: 30 * 60 * 1000 },
  payments: {
    maxAttempts: 3,
    retryBackoffMs: 25,
    settlementPollIntervalMs: 40,
    settlementTimeoutMs: 800,
  },
  giftCards: { holdPollIntervalMs: 250 },
  orders: { maxHistoryDepth: 50 },
} as const;
