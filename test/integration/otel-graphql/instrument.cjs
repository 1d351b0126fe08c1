// Loaded with --require before anything else: the real SDK with the http, express and graphql
// instrumentations, exporting through the real OTLP/HTTP JSON exporter.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http');
const { BatchSpanProcessor } = require('@opentelemetry/sdk-trace-base');
const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express');
const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql');
const { resourceFromAttributes } = require('@opentelemetry/resources');

const sdk = new NodeSDK({
  resource: resourceFromAttributes({ 'service.name': 'coupon-graph' }),
  resourceDetectors: [],
  spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: process.env.OTLP_URL }), { scheduledDelayMillis: 200 })],
  instrumentations: [new HttpInstrumentation(), new ExpressInstrumentation(), new GraphQLInstrumentation()],
});
sdk.start();
globalThis.__limboTestSdk = sdk;
