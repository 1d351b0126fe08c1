// Loaded with --require before anything else: the real SDK with the http and socket.io
// instrumentations, exporting through the real OTLP/HTTP JSON exporter.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { SocketIoInstrumentation } = require('@opentelemetry/instrumentation-socket.io');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-live' }),
  resourceDetectors: [],
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: process.env.OTLP_URL }), { scheduledDelayMillis: 200 })],
  instrumentations: [new HttpInstrumentation(), new SocketIoInstrumentation()],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
