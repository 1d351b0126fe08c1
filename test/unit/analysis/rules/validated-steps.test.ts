// A counter stepping by a value checked or validated to move it (at least 1, or above 0 and an
// integer) is a counter loop for the exit rules, and a step for the for-step rule; a smaller step is not.
import { exitDependsOnFlowData } from '../../../../src/core/analysis/rules/exit-depends-on-flow-data';
import { forStepOrBoundFromFlowData } from '../../../../src/core/analysis/rules/for-step-or-bound-from-flow-data';
import { express, ruleTester } from './rule-tester';

const fastify = "const fastify = require('fastify')();\n";
const stepSchema = (range: string) => `{ schema: { querystring: { type: 'object', properties: { step: { type: 'integer', ${range} } }, required: ['step'] } } }`;

ruleTester(exitDependsOnFlowData, {
  valid: [
    { name: 'counter stepping by a step checked to lie in 1..10', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (!(step >= 1 && step <= 10)) return res.status(400).end();\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n" },
    { name: 'counter stepping by a schema-validated integer step of at least 1', code: fastify + `fastify.get('/r', ${stepSchema('minimum: 1, maximum: 10')}, async (request) => {\n  for (let i = 0; i < 100; i += request.query.step) console.log(i);\n});\n` },
    { name: 'a step validated to at least 0, plus 1', code: fastify + `fastify.get('/r', ${stepSchema('minimum: 0, maximum: 10')}, async (request) => {\n  const step = request.query.step + 1;\n  for (let i = 0; i < 100; i += step) console.log(i);\n});\n` },
  ],
  invalid: [
    { name: 'step checked only above 0: a tiny fraction may not move the counter', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (!(step > 0 && step <= 10)) return res.status(400).end();\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'schema step with no minimum', code: fastify + `fastify.get('/r', ${stepSchema('maximum: 10')}, async (request) => {\n  for (let i = 0; i < 100; i += request.query.step) console.log(i);\n});\n`, lines: [3] },
    { name: 'a step validated to at least 1, minus 1: it may be 0', code: fastify + `fastify.get('/r', ${stepSchema('minimum: 1, maximum: 10')}, async (request) => {\n  const step = request.query.step - 1;\n  for (let i = 0; i < 100; i += step) console.log(i);\n});\n`, lines: [4] },
  ],
});

ruleTester(forStepOrBoundFromFlowData, {
  valid: [
    { name: 'schema-validated integer step above 0', code: fastify + `fastify.get('/r', ${stepSchema('exclusiveMinimum: 0, maximum: 10')}, async (request) => {\n  for (let i = 0; i < 100; i += request.query.step) console.log(i);\n});\n` },
  ],
  invalid: [
    { name: 'step checked only above 0 (not an integer)', code: express + "app.get('/r', (req, res) => {\n  const step = Number(req.query.step);\n  if (!(step > 0 && step <= 10)) return res.status(400).end();\n  for (let i = 0; i < 100; i += step) console.log(i);\n  res.end();\n});\n", lines: [6] },
    { name: 'schema step with no minimum', code: fastify + `fastify.get('/r', ${stepSchema('maximum: 10')}, async (request) => {\n  for (let i = 0; i < 100; i += request.query.step) console.log(i);\n});\n`, lines: [3] },
  ],
});
