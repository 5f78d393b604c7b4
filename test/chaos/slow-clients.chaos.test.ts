// Issue 12, experiment 5: slow-header clients (slowloris) are cut at headersTimeout ± 2 s, and a
// client trickling its body at requestTimeout ± 2 s: Node checks both every second
// (`connectionsCheckingInterval`), not every 30 s. Raw sockets on loopback, small settings.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';
import { report } from './chaos-fixture.js';

const HEADERS_TIMEOUT_MS = 3_000;
const REQUEST_TIMEOUT_MS = 5_000;

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ HUB_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HUB_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
});
afterAll(async () => t?.close());

/** Opens a socket, writes `head` then one `drip` every 300 ms; resolves with the ms until the server closes it. */
function trickle(head: string, drip: string): Promise<{ ms: number; answer: string }> {
  const { port } = new URL(t.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const started = performance.now();
    let answer = '';
    let timer: NodeJS.Timeout | undefined;
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error('the server never cut the connection'));
    }, 20_000);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => socket.write(drip), 300);
    });
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(guard);
      resolve({ ms: performance.now() - started, answer });
    });
  });
}

describe('slow clients', () => {
  it('a client sending its headers slowly is cut at headersTimeout ± 2 s, one trickling its body at requestTimeout ± 2 s', async () => {
    const slowHeaders = await trickle('POST /graphql HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: a\r\n');
    const slowBody = await trickle(
      'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      ' ',
    );
    report('slow clients', { headersTimeoutMs: HEADERS_TIMEOUT_MS, cutAfterMs: Math.round(slowHeaders.ms), headersAnswer: slowHeaders.answer.split('\r\n')[0], requestTimeoutMs: REQUEST_TIMEOUT_MS, bodyCutAfterMs: Math.round(slowBody.ms), bodyAnswer: slowBody.answer.split('\r\n')[0] });
    expect(Math.abs(slowHeaders.ms - HEADERS_TIMEOUT_MS)).toBeLessThanOrEqual(2_000);
    expect(slowHeaders.answer).toMatch(/^HTTP\/1\.1 408|^$/);
    expect(Math.abs(slowBody.ms - REQUEST_TIMEOUT_MS)).toBeLessThanOrEqual(2_000);
  }, 30_000);
});
