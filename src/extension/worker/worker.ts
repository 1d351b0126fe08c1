// Entry of dist/worker.js: the engine (importers, detection, the analyzer with the TypeScript
// compiler, mapping, ranking) runs here, in a worker thread, loaded only when an analysis starts.
// It answers one request at a time and keeps the last analysis for re-checks (runEngine.ts).
import { parentPort } from 'node:worker_threads';
import { EngineSession } from './runEngine';
import type { HostToWorker, WorkerToHost } from './protocol';

const port = parentPort;
if (!port) throw new Error('worker.js must run in a worker thread');

const send = (message: WorkerToHost): void => port.postMessage(message);
const session = new EngineSession();

port.on('message', async (message: HostToWorker) => {
  if (message?.type !== 'analyze' && message?.type !== 'recheck') return;
  const { id } = message;
  const started = performance.now();
  const onProgress = (text: string, fraction?: number) => send({ type: 'progress', id, message: text, fraction });
  try {
    if (message.type === 'analyze') {
      const report = await session.analyze(message.request, onProgress);
      send({ type: 'result', id, report, elapsedMs: performance.now() - started });
    } else {
      const { report, recheck } = await session.recheck(message.request, message.changedFiles, onProgress);
      send({ type: 'result', id, report, elapsedMs: performance.now() - started, recheck });
    }
  } catch (error) {
    send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
});
