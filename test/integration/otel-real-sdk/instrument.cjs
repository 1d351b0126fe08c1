// Loaded with --require before anything else, so the instrumentations patch http, express and pino
// as they load. Exports through the real OTLP/HTTP JSON exporter and the real Zipkin exporter.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { ZipkinExporter } = require('@opentelemetry/exporter-zipkin');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-shop' }),
  resourceDetectors: [],
  spanProcessors: [
    new BatchSpanProcessor(new OTLPTraceExporter({ url: process.env.OTLP_URL }), { scheduledDelayMillis: 200 }),
    new BatchSpanProcessor(new ZipkinExporter({ url: process.env.ZIPKIN_URL }), { scheduledDelayMillis: 200 }),
  ],
  instrumentations: [
    new HttpInstrumentation({ headersToSpanAttributes: { server: { requestHeaders: ['x-client-platform'] } } }),
    new ExpressInstrumentation(),
    new PinoInstrumentation({ disableLogSending: true }),
  ],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
