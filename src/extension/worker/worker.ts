// Entry of dist/worker.js: the engine (importers, detection, the analyzer with the TypeScript
// compiler, mapping, ranking) runs here, in a worker thread, loaded only when an analysis starts.
import { parentPort } from 'node:worker_threads';
import { runEngine } from './runEngine';
import type { HostToWorker, WorkerToHost } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js must run in a worker thread');

const send = (message: WorkerToHost): void => port.postMessage(message);

port.on('message', async (message: HostToWorker) => {
  if (message?.type !== 'analyze') return;
  const started = performance.now();
  try {
    const report = await runEngine(message.request, (text, fraction) => send({ type: 'progress', message: text, fraction }));
    send({ type: 'result', report, elapsedMs: performance.now() - started });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
