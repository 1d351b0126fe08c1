// Loaded with --require before anything else: the real SDK exporting through the real OTLP/HTTP JSON
// exporter. BullMQ writes its spans itself (bullmq-otel), through the global tracer provider.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-jobs' }),
  resourceDetectors: [],
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: process.env.OTLP_URL }), { scheduledDelayMillis: 200 })],
  instrumentations: [],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
