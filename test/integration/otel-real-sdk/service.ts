// The instrumented service of the real-SDK tests (server.cjs under an instrument file given with
// --require) and the traffic that drives it: healthy requests plus coupon redemptions that never
// answer, each with a client that gives up after CLIENT_TIMEOUT_MS.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { isAbsolute, join } from 'node:path';

export const CLIENT_TIMEOUT_MS = 1000;
export const HUNG_REQUESTS = 3;
export const HEALTHY_REQUESTS = 24;

export interface Outcome {
  timedOut: number;
  answered: number;
}

export interface RunningService {
  port: number;
  /** SIGTERM: the service stops its loops and flushes its exporters before it exits. */
  stop: () => Promise<void>;
}

/** Starts `serverFile` (this folder's server.cjs unless given, absolute) under an instrument file (this folder's unless absolute). */
export function startService(instrumentFile: string, env: Record<string, string>, serverFile = join(__dirname, 'server.cjs')): Promise<RunningService> {
  const child = spawn(process.execPath, ['--require', isAbsolute(instrumentFile) ? instrumentFile : join(__dirname, instrumentFile), serverFile], {
    env: { ...process.env, OTEL_LOG_LEVEL: 'error', OTEL_TRACES_SAMPLER: 'always_on', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), stop: () => stopChild(child) });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 20 s: ${stderr}`));
    }, 20000).unref();
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

/** One request with a client-side timeout: resolves 'answered' or 'timed-out'. */
export function call(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<'answered' | 'timed-out'> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, timeout: CLIENT_TIMEOUT_MS }, (res) => {
      res.resume();
      res.on('end', () => resolve('answered'));
    });
    req.on('timeout', () => {
      req.destroy();
      resolve('timed-out');
    });
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    req.end(body);
  });
}

/** Healthy item and health requests from web clients, coupon redemptions (which hang) from iOS. */
export async function driveTraffic(port: number): Promise<Outcome> {
  const outcome = { timedOut: 0, answered: 0 };
  const calls: Array<Promise<'answered' | 'timed-out'>> = [];
  for (let i = 0; i < HEALTHY_REQUESTS; i++) {
    calls.push(call(port, 'GET', i % 4 === 0 ? '/health' : `/items/${1000 + i}`, { 'x-client-platform': 'web' }));
    if (i % 8 === 3) calls.push(call(port, 'POST', `/coupons/SPRING-${i}/redeem`, { 'x-client-platform': 'ios' }));
    await new Promise((r) => setTimeout(r, 20));
  }
  for (const result of await Promise.all(calls)) outcome[result === 'timed-out' ? 'timedOut' : 'answered']++;
  // Let the stuck handlers go on after the client left, as they do in production.
  await new Promise((r) => setTimeout(r, 500));
  return outcome;
}
