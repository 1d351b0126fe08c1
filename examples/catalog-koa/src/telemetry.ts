import { NodeSDK } from '@opentelemetry/sdk-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KoaInstrumentation } from '@opentelemetry/instrumentation-koa';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { config } from './config';

const spanProcessors: SpanProcessor[] = [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: 500 })];
if (process.env.ZIPKIN_URL) {
  spanProcessors.push(new BatchSpanProcessor(new ZipkinExporter({ url: process.env.ZIPKIN_URL }), { scheduledDelayMillis: 500 }));
}

export const telemetry = new NodeSDK({
  resource: resourceFromAttributes({
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_SERVICE_VERSION]: config.serviceVersion,
    'deployment.environment.name': 'demo',
  }),
  resourceDetectors: [],
  spanProcessors,
  instrumentations: [
    new HttpInstrumentation({
      headersToSpanAttributes: { server: { requestHeaders: ['x-request-id', 'x-tenant-id'] } },
    }),
    new KoaInstrumentation(),
    new PinoInstrumentation({ disableLogSending: true }),
  ],
});

telemetry.start();
