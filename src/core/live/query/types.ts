// What every backend query takes: where, which time window, how much at most.
import type { QueryHttpOptions } from './http';

export interface BackendQuery extends QueryHttpOptions {
  /** The backend's base URL (`http://jaeger:16686`, `http://tempo:3200`, `http://loki:3100`). */
  url: string;
  /** Milliseconds since the epoch. */
  startMs: number;
  endMs: number;
  /** At most this many traces (Jaeger, Tempo) or log lines (Loki). */
  limit: number;
  /** Called as work goes on, for a progress line. */
  onProgress?: (message: string) => void;
}

/** What came back, filled in as the output is produced. */
export interface FetchCounts {
  traces: number;
  lines: number;
  /** The limit was reached: there may be more in the window. */
  capped: boolean;
  warnings: string[];
}

export const newCounts = (): FetchCounts => ({ traces: 0, lines: 0, capped: false, warnings: [] });
