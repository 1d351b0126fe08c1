// Loaded with --require: the same service exporting over OTLP/gRPC (the default of several SDKs),
// traces and logs (pino records through instrumentation-pino's log sending), to the endpoint named by
// the standard OTEL_EXPORTER_OTLP_ENDPOINT variable.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-grpc');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-shop' }),
  resourceDetectors: [],
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ compression: 'gzip' }), { scheduledDelayMillis: 200 })],
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter(), scheduledDelayMillis: 200 })],
  instrumentations: [
    new HttpInstrumentation({ headersToSpanAttributes: { server: { requestHeaders: ['x-client-platform'] } } }),
    new ExpressInstrumentation(),
    new PinoInstrumentation(),
  ],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
