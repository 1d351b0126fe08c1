import { config } from '../config';
import { SeededRandom } from '../lib/random';
import { sleep } from '../lib/sleep';
import { withClientSpan } from '../lib/tracing';

export interface UpstreamResponse<T> {
  status: number;
  body: T;
}

export interface UpstreamSimulation {
  host: string;
  minLatencyMs: number;
  maxLatencyMs: number;
}

// Simulates an HTTPS call to a partner API: latency, a client span with HTTP attributes, and the partner's answer.
export function createUpstream(simulation: UpstreamSimulation, seedOffset: number) {
  const latency = new SeededRandom(config.latencySeed + seedOffset);

  return async function call<T>(
    method: string,
    routeTemplate: string,
    params: Record<string, string>,
    respond: () => UpstreamResponse<T>,
  ): Promise<UpstreamResponse<T>> {
    const path = routeTemplate.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
    return withClientSpan(
      `${method} ${routeTemplate}`,
      {
        'http.request.method': method,
        'server.address': simulation.host,
        'server.port': 443,
        'url.full': `https://${simulation.host}${path}`,
        'url.template': routeTemplate,
      },
      async (span) => {
        await sleep(latency.between(simulation.minLatencyMs, simulation.maxLatencyMs));
        const response = respond();
        span.setAttribute('http.response.status_code', response.status);
        return response;
      },
    );
  };
}

export const randomFor = (seedOffset: number): SeededRandom => new SeededRandom(config.latencySeed * 31 + seedOffset);
