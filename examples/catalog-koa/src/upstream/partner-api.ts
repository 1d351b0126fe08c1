import { config } from '../config';
import { SeededRandom } from '../lib/random';
import { sleep } from '../lib/sleep';
import { inClientSpan } from '../lib/tracing';

export interface PartnerResponse<T> {
  status: number;
  body: T;
}

// Simulates HTTPS calls to a partner API: latency, an HTTP client span, and the partner's answer.
export function partnerApi(host: string, latencyMs: [number, number], seedOffset: number) {
  const latency = new SeededRandom(config.latencySeed * 17 + seedOffset);
  return function request<T>(method: string, urlTemplate: string, params: Record<string, string>, answer: () => PartnerResponse<T>): Promise<PartnerResponse<T>> {
    const path = urlTemplate.replace(/\{(\w+)\}/g, (_m, key: string) => encodeURIComponent(params[key] ?? ''));
    return inClientSpan(
      method,
      { 'http.request.method': method, 'server.address': host, 'server.port': 443, 'url.full': `https://${host}${path}`, 'url.template': urlTemplate },
      async (span) => {
        await sleep(latency.between(latencyMs[0], latencyMs[1]));
        const response = answer();
        span.setAttribute('http.response.status_code', response.status);
        return response;
      },
    );
  };
}
