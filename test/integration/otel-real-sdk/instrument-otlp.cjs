// Loaded with --require: the service exporting as SDKs do by default, traces and logs (pino records
// through instrumentation-pino's log sending), gzip-compressed, to the endpoint named by the standard
// OTEL_EXPORTER_OTLP_ENDPOINT variable, over OTLP_TRANSPORT: `proto` (OTLP/HTTP protobuf) or `grpc`.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { PinoInstrumentation } = require('@opentelemetry/instrumentation-pino');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const grpc = process.env.OTLP_TRANSPORT === 'grpc';
const { OTLPTraceExporter } = require(grpc ? '@opentelemetry/exporter-trace-otlp-grpc' : '@opentelemetry/exporter-trace-otlp-proto');
const { OTLPLogExporter } = require(grpc ? '@opentelemetry/exporter-logs-otlp-grpc' : '@opentelemetry/exporter-logs-otlp-proto');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-shop' }),
  resourceDetectors: [],
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ compression: 'gzip' }), { scheduledDelayMillis: 200 })],
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ compression: 'gzip' }), scheduledDelayMillis: 200 })],
  instrumentations: [
    new HttpInstrumentation({ headersToSpanAttributes: { server: { requestHeaders: ['x-client-platform'] } } }),
    new ExpressInstrumentation(),
    new PinoInstrumentation(),
  ],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
