// A small GraphQL service (graphql-js over Express, resolvers in a resolver map as Apollo Server and
// graphql-tools take them). Every request is `POST /graphql`; one mutation never answers: its
// resolver waits for a settlement that never comes, starting a child span on every round. The
// queries answer at once. On SIGTERM the stuck resolvers keep spinning, as in production: only the
// spans that ended are flushed.
const express = require('express');
const { buildSchema, graphql } = require('graphql');
const { trace } = require('@opentelemetry/api');

const tracer = trace.getTracer('coupon-graph');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const typeDefs = `
  type Product { id: ID!, name: String! }
  type Redemption { ok: Boolean! }
  type Query { product(id: ID!): Product, health: String! }
  type Mutation { redeemCoupon(code: String!): Redemption! }
`;

async function settlementOf(code) {
  return tracer.startActiveSpan('coupon.settlement.check', { attributes: { 'coupon.code': code } }, async (span) => {
    await sleep(40);
    span.end();
    return code.startsWith('PAID-');
  });
}

const resolvers = {
  Query: {
    health: () => 'ok',
    product: async (_parent, { id }) => {
      await tracer.startActiveSpan('db.query', { attributes: { 'db.system': 'postgresql' } }, async (span) => {
        await sleep(5);
        span.end();
      });
      return { id, name: `product ${id}` };
    },
  },
  Mutation: {
    // The bug under test: a coupon that is never paid is polled forever, with no deadline.
    redeemCoupon: async (_parent, { code }) => {
      let settled = await settlementOf(code);
      while (!settled) settled = await settlementOf(code);
      return { ok: true };
    },
  },
};

/** What graphql-tools' makeExecutableSchema does with a resolver map. */
function attachResolvers(schema, map) {
  for (const [typeName, fields] of Object.entries(map)) {
    const type = schema.getType(typeName);
    for (const [name, resolve] of Object.entries(fields)) type.getFields()[name].resolve = resolve;
  }
  return schema;
}

const schema = attachResolvers(buildSchema(typeDefs), resolvers);
const app = express();
app.use(express.json());
app.post('/graphql', async (req, res) => {
  const { query, variables, operationName } = req.body;
  res.json(await graphql({ schema, source: query, variableValues: variables, operationName }));
});

const server = app.listen(0, '127.0.0.1', () => process.stdout.write(`listening on ${server.address().port}\n`));

process.once('SIGTERM', async () => {
  server.closeAllConnections();
  server.close();
  await globalThis.__limboTestSdk.shutdown();
  process.exit(0);
});
