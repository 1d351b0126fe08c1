// The flow of a GraphQL request: its operation's root fields, read from resolve spans, the execute
// span's document, or (when the stuck request's execute span never ended) the parse span's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { graphqlFlow, parseOperations } from '../../../src/core/detect/graphql-operation';
import { detectRequests } from '../../../src/core/detect';
import { dataset, span } from './builders';

const T = 'a'.repeat(32);

test('parseOperations: anonymous, named, aliases, arguments, directives, inline fragments and spreads', () => {
  assert.deepEqual(parseOperations('{ health }'), [{ type: 'query', fields: ['health'] }]);
  assert.deepEqual(parseOperations('mutation Redeem($code: String! = "x{") { redeemCoupon(code: $code) { ok } }'), [{ type: 'mutation', name: 'Redeem', fields: ['redeemCoupon'] }]);
  assert.deepEqual(
    parseOperations(`# a comment { notAField }
      query Page @cached(ttl: 5) {
        first: product(id: "1") { id ...Parts }
        second: product(id: "2") @include(if: true) { id }
        ... on Query { me { id } }
        ...More
        __typename
        search(text: """ } block { """, limit: 10, tags: ["a", "b"], where: { name: { eq: "}" } })
      }
      fragment Parts on Product { name }`),
    [{ type: 'query', name: 'Page', fields: ['product', 'me', 'search'] }],
  );
  assert.deepEqual(
    parseOperations('query A { a } mutation B { b } subscription C { c }').map((o) => [o.type, o.name, o.fields]),
    [['query', 'A', ['a']], ['mutation', 'B', ['b']], ['subscription', 'C', ['c']]],
  );
  // Not GraphQL, or cut short: what was read so far, never a throw.
  assert.deepEqual(parseOperations('SELECT * FROM t'), []);
  assert.deepEqual(parseOperations('query Q { a(x: 1'), []);
  assert.deepEqual(parseOperations(''), []);
  // Hostile: inline fragments nested far past any real query, a document of brackets only.
  const nested = `{ ${'... on Q { '.repeat(9000)}a${' }'.repeat(9000)} }`;
  assert.deepEqual(parseOperations(nested), []);
  assert.deepEqual(parseOperations('{'.repeat(50_000)), []);
});

test('graphqlFlow: root fields from resolve spans that ended', () => {
  const spans = [
    span({ traceId: T, spanId: '1', name: 'POST /graphql', kind: 'server', startMs: 0, attributes: { 'http.route': '/graphql' } }),
    span({ traceId: T, spanId: '2', name: 'graphql.resolve user', startMs: 1, attributes: { 'graphql.field.name': 'user', 'graphql.field.path': 'user', 'graphql.parent.name': 'Query' } }),
    span({ traceId: T, spanId: '3', name: 'graphql.resolve user.posts', startMs: 2, attributes: { 'graphql.field.name': 'posts', 'graphql.field.path': 'user.posts', 'graphql.parent.name': 'User' } }),
    span({ traceId: T, spanId: '4', name: 'graphql.resolve feed', startMs: 2, attributes: { 'graphql.field.name': 'feed', 'graphql.field.path': 'feed', 'graphql.parent.name': 'Query' } }),
  ];
  assert.deepEqual(graphqlFlow(spans), { key: 'GRAPHQL Query.feed+user', method: 'GRAPHQL', route: 'Query.feed+user' });
  // Attribute values that are no GraphQL names (untrusted text) name no flow.
  const hostile = span({ traceId: T, spanId: '9', name: 'graphql.resolve x', startMs: 0, attributes: { 'graphql.field.name': '<img src=x onerror=alert(1)>', 'graphql.field.path': 'x', 'graphql.parent.name': 'Query' } });
  assert.equal(graphqlFlow([hostile]), undefined);
});

test('graphqlFlow: the document of the execute span, or of the parse span when nothing else ended', () => {
  const execute = span({ traceId: T, spanId: '5', name: 'mutation Redeem', startMs: 0, attributes: { 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Redeem', 'graphql.source': 'query Other { x } mutation Redeem($c: String!) { redeemCoupon(code: $c) { ok } }' } });
  assert.equal(graphqlFlow([execute])?.key, 'GRAPHQL Mutation.redeemCoupon');
  const parse = span({ traceId: T, spanId: '6', name: 'graphql.parse', startMs: 0, attributes: { 'graphql.source': 'mutation { redeemCoupon(code: "*") { ok } }' } });
  assert.equal(graphqlFlow([parse])?.key, 'GRAPHQL Mutation.redeemCoupon');
  // Two operations and no execute span to say which ran: no guess.
  const ambiguous = span({ traceId: T, spanId: '7', name: 'graphql.parse', startMs: 0, attributes: { 'graphql.source': 'query A { a } query B { b }' } });
  assert.equal(graphqlFlow([ambiguous]), undefined);
  // Spans that only look like GraphQL's by name.
  const lookalikes = [span({ traceId: T, spanId: '8', name: 'query users', startMs: 0, attributes: { 'db.statement': 'SELECT 1' } }), span({ traceId: T, spanId: '9', name: 'GET /graphql', startMs: 0 })];
  assert.equal(graphqlFlow(lookalikes), undefined);
});

test('detectRequests: GraphQL requests of one endpoint are told apart by operation', () => {
  const spans = [];
  for (let i = 0; i < 6; i++) {
    const traceId = String(i + 1).padStart(32, '0');
    const field = i % 2 ? 'product' : 'health';
    spans.push(
      span({ traceId, spanId: `${i}01`, name: 'POST /graphql', kind: 'server', startMs: i * 100, endMs: i * 100 + 20, attributes: { 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 } }),
      span({ traceId, spanId: `${i}02`, parentSpanId: `${i}01`, name: `graphql.resolve ${field}`, startMs: i * 100 + 5, endMs: i * 100 + 10, attributes: { 'graphql.field.name': field, 'graphql.field.path': field, 'graphql.parent.name': 'Query' } }),
    );
  }
  const records = detectRequests(dataset({ spans }));
  assert.deepEqual([...new Set(records.map((r) => r.flow))].sort(), ['GRAPHQL Query.health', 'GRAPHQL Query.product']);
});
