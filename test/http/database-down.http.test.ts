// Issue 11, database unavailable: requests get HTTP 503 SERVICE_UNAVAILABLE with Retry-After and
// no stack trace, SQL or path in the body; the outage is logged once at warn (no stack), not once
// per request. No personal data can leave: the journal entry comes first and needs the database.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import pino from 'pino';
import { expect } from '../support/expect.js';
import { startTestHub, gql, type TestHub } from '../support/test-hub.js';

let t: TestHub;
const lines: { level: number; msg: string; err?: unknown; stack?: unknown }[] = [];
const sink = new Writable({ write(chunk, _enc, done) { for (const l of String(chunk).split('\n')) if (l) lines.push(JSON.parse(l)); done(); } });
const fresh: string[] = [];
let consent: string;

beforeAll(async () => {
  t = await startTestHub({}, { logger: pino({ level: 'info' }, sink) });
  const op = await t.hub.admin.addOperator({ name: 'Mairie de Testville', siret: '21750001600019' });
  await t.hub.admin.grantHabilitation({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', legalBasis: 'CRPA L114-8' });
  // Tokens never presented before the outage: no cached verification can answer for them.
  for (let i = 0; i < 3; i++) fresh.push((await t.hub.admin.issueToken({ operator: op.id, ttl: '1h' })).token);
  consent = (await t.hub.admin.grantConsent({ operator: op.id, scopes: 'identite_pivot', purpose: 'Tarification sociale', persona: 'sophie-lambert' })).token;
  await t.hub.store.db.knex.destroy(); // the database stops answering
});
afterAll(async () => {
  await t?.close().catch(() => undefined);
});

describe('database down', () => {
  it('answers 503 SERVICE_UNAVAILABLE with Retry-After and no stack, and logs the outage once', async () => {
    const before = lines.length;
    for (const token of [...fresh, ...fresh]) {
      const r = await gql(t.url, token, 'query($c: String!) { person(consent: $c) { identity { birthName } } }', { c: consent });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('5');
      expect(r.body.data ?? null).toBeNull();
      expect(r.body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'SERVICE_UNAVAILABLE', reason: expect.stringMatching(/^(database_unavailable|rate_limit_store_unavailable)$/), retryAfter: 5 } }]);
      expect(JSON.stringify(r.body)).not.toMatch(/\bat \S+ \(|\.ts:|\.js:|select |insert /i);
    }
    const logged = lines.slice(before).filter((l) => l.msg !== 'request');
    expect(logged.filter((l) => l.level >= 50)).toEqual([]); // no error-level line
    expect(logged.filter((l) => l.level === 40)).toHaveLength(1); // one warning for the outage
    expect(JSON.stringify(logged)).not.toMatch(/"stack"/);
  });
});
