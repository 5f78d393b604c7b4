import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Forks a server of bench/servers/ in its own Node process and waits for its `ready` message.
 * Returns what the child reported, a `stop()` that asks for a clean exit (killing it after 15 s),
 * and `exited`, which rejects if the child dies before `stop()` was called.
 */
export function startChild(name, options, { execArgv = [], readyTimeoutMs = 60_000 } = {}) {
  const file = fileURLToPath(new URL(`../servers/${name}.js`, import.meta.url));
  const child = fork(file, [JSON.stringify(options)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopping = false;
  const exited = new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      if (stopping) resolve({ code, signal });
      else reject(new Error(`${name} exited unexpectedly (code ${code}, signal ${signal})`));
    });
  });
  exited.catch(() => undefined);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.send({ type: 'stop' });
    await exited.catch(() => undefined);
    clearTimeout(timer);
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready after ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.on('message', (message) => {
      if (message?.type === 'ready') {
        clearTimeout(timer);
        resolve(message);
      } else if (message?.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${name} failed to start: ${message.message}`));
      }
    });
    exited.catch((error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return ready.then(
    (info) => ({ info, pid: child.pid, stop, exited }),
    async (error) => {
      await stop();
      throw error;
    },
  );
}
