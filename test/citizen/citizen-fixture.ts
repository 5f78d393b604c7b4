// A real node:http server holding the sandbox (with its IdP at /sandbox/idp), a scriptable fake
// OIDC provider at /fake-idp (for ID tokens the real IdP would never sign), and two citizen spaces:
// /me trusting the sandbox IdP, /rogue/me trusting the fake provider, /broken/me whose provider
// does not exist, and /secure/me whose public URL is https.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { pino } from 'pino';
import { subjectRef, type JournalEntry } from '@hub/core';
import { createSandbox, personas, type Persona, type Sandbox } from '@hub/sandbox';
// The gateway does not export the citizen space yet; switch to '@hub/gateway' once it does.
import { createCitizenSpace, type AccessLogReader, type CitizenSpace, type OperatorDirectory } from '@hub/gateway';

export const SUBJECT_KEY = 'test-subject-key-0123456789abcdef';
export const SESSION_KEY = 'test-session-key-0123456789abcdef';
/** The /rogue/me space seals with another key: its cookies must not open /me. */
export const OTHER_SESSION_KEY = 'another-session-key-fedcba9876543210';
export const CLIENT_ID = 'particulier-hub';
export const PAGE_SIZE = 3;

export function persona(id: string): Persona {
  const found = personas.find((p) => p.id === id);
  if (!found) throw new Error(`no persona ${id}`);
  return found;
}

/** Two citizens of one household, and a third with no entry at all. */
export const SOPHIE = persona('sophie-lambert');
export const JULIEN = persona('julien-lambert');
export const NOBODY = persona('manon-blanchard');
export const refOf = (p: Persona): string => subjectRef(SUBJECT_KEY, p.identity);

export const OPERATORS = new Map([
  ['11111111-1111-4111-8111-111111111111', { name: 'Mairie de Villeurbanne', siret: '21690266800013' }],
  ['22222222-2222-4222-8222-222222222222', { name: 'CCAS de Lyon', siret: '26690001700016' }],
  ['33333333-3333-4333-8333-333333333333', { name: 'Crèche <script>alert(1)</script> & Cie', siret: '13002526500013' }],
]);
const [MAIRIE, CCAS, HOSTILE] = [...OPERATORS.keys()] as [string, string, string];

function entry(seq: number, subject: string, operatorId: string, purpose: string, scopes: string[], recordedAt: Date): JournalEntry {
  return {
    seq, id: `entry-${seq}`, recordedAt, prevHash: `h${seq - 1}`, hash: `h${seq}`,
    requestId: `req-${seq}`, operatorId, tokenJti: `jti-${seq}`, consentId: `consent-${seq}`, subjectRef: subject, purpose,
    releasedFields: scopes.map((s) => `person.${s}`), releasedScopes: scopes, upstreamCalls: [], deniedFields: [],
  };
}

/** Sophie: five entries (two pages of three); Julien: two entries of his own. Interleaved seqs. */
export const ENTRIES: JournalEntry[] = [
  entry(1, refOf(SOPHIE), MAIRIE, 'Tarification de la cantine scolaire', ['cnaf_quotient_familial'], new Date(Date.UTC(2025, 0, 15, 8, 30))),
  entry(2, refOf(JULIEN), CCAS, 'Aide sociale facultative de Julien', ['dgfip_revenu_fiscal_reference', 'dgfip_nombre_parts'], new Date(Date.UTC(2025, 1, 1, 9, 0))),
  entry(3, refOf(SOPHIE), CCAS, 'Instruction du dossier d’aide au logement', ['dgfip_revenu_fiscal_reference'], new Date(Date.UTC(2025, 2, 3, 10, 15))),
  entry(4, refOf(SOPHIE), HOSTILE, 'Inscription en crèche <b>urgente</b>', ['cnaf_enfants'], new Date(Date.UTC(2025, 3, 4, 11, 45))),
  entry(5, refOf(JULIEN), MAIRIE, 'Carte de transport solidaire de Julien', ['cnaf_quotient_familial'], new Date(Date.UTC(2025, 4, 5, 12, 0))),
  entry(6, refOf(SOPHIE), MAIRIE, 'Tarification des activités périscolaires', ['cnaf_quotient_familial', 'cnaf_adresse'], new Date(Date.UTC(2025, 5, 6, 13, 0))),
  entry(7, refOf(SOPHIE), MAIRIE, 'Tarification du conservatoire', ['cnaf_quotient_familial'], new Date(Date.UTC(2025, 6, 14, 22, 5))),
];

/** The in-memory journal, recording which subjects it was asked about. */
export class FakeAccessLog implements AccessLogReader {
  readonly askedFor: string[] = [];
  async listForSubject(ref: string, options: { limit: number; before?: number }): Promise<JournalEntry[]> {
    this.askedFor.push(ref);
    return ENTRIES.filter((e) => e.subjectRef === ref && (options.before === undefined || e.seq < options.before))
      .sort((a, b) => b.seq - a.seq)
      .slice(0, options.limit);
  }
}

/** What the fake provider puts in its next ID token (the test under way decides). */
export type FakeIdpBehaviour = {
  audience?: string;
  nonce?: 'echo' | string;
  claims?: Record<string, unknown>;
  /** Signs with a key that is not in the published JWKS. */
  foreignKey?: boolean;
};

export type CitizenFixture = {
  base: string;
  issuer: string;
  accessLog: FakeAccessLog;
  logs: string[];
  /** Moves the citizen spaces' clock (sessions, cookies); the IdP keeps real time. */
  advanceClock(ms: number): void;
  fakeIdp: { behaviour: FakeIdpBehaviour };
  close(): Promise<void>;
};

const SOPHIE_CLAIMS = {
  given_name: 'SOPHIE MARIE', family_name: 'FONTAINE', birthdate: '1984-03-12', gender: 'female', birthplace: '69123', birthcountry: '99100',
};

async function startFakeIdp(issuer: () => string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const foreign = await generateKeyPair('ES256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'ES256', use: 'sig' };
  const holder: { behaviour: FakeIdpBehaviour } = { behaviour: {} };
  const nonces = new Map<string, string>();
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(path, 'http://fake.invalid');
    if (url.pathname === '/.well-known/openid-configuration') {
      // id_token_signing_alg_values_supported is REQUIRED (OIDC Discovery §3); without it clients expect RS256.
      return json(res, 200, { issuer: issuer(), authorization_endpoint: `${issuer()}/authorize`, token_endpoint: `${issuer()}/token`, jwks_uri: `${issuer()}/jwks`, id_token_signing_alg_values_supported: ['ES256'] });
    }
    if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      // Logs everyone in at once, as Sophie.
      const code = `code-${nonces.size + 1}`;
      nonces.set(code, url.searchParams.get('nonce') ?? '');
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.toString() });
      res.end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const behaviour = holder.behaviour;
      const sentNonce = nonces.get(form.get('code') ?? '');
      if (sentNonce === undefined) return json(res, 400, { error: 'invalid_grant' });
      const nonce = behaviour.nonce === undefined || behaviour.nonce === 'echo' ? sentNonce : behaviour.nonce;
      const idToken = await new SignJWT({ ...SOPHIE_CLAIMS, ...behaviour.claims, nonce })
        .setProtectedHeader({ alg: 'ES256', kid: 'fake-1' })
        .setIssuer(issuer())
        .setAudience(behaviour.audience ?? form.get('client_id') ?? '')
        .setSubject('fake-sub')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(behaviour.foreignKey ? foreign.privateKey : privateKey);
      return json(res, 200, { access_token: 'a', token_type: 'Bearer', id_token: idToken });
    }
    json(res, 404, { error: 'not_found' });
  }
  return Object.assign(holder, { handle });
}

/** By default the in-memory journal and operator list above; a database test passes the store's. */
export type CitizenFixtureOptions = { accessLog?: AccessLogReader; operatorNames?: OperatorDirectory };

export async function startCitizenFixture(options: CitizenFixtureOptions = {}): Promise<CitizenFixture> {
  let sandbox: Sandbox | undefined;
  let me: CitizenSpace | undefined;
  let rogue: CitizenSpace | undefined;
  let broken: CitizenSpace | undefined;
  let secure: CitizenSpace | undefined;
  let base = '';
  const fakeIdp = await startFakeIdp(() => `${base}/fake-idp`);
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    const path = new URL(raw, 'http://x.invalid').pathname;
    const under = (prefix: string) => path === prefix || path.startsWith(`${prefix}/`);
    const rest = (prefix: string) => {
      const r = raw.slice(prefix.length) || '/';
      return r.startsWith('/') ? r : `/${r}`;
    };
    if (under('/sandbox')) return sandbox!.handle(req, res, rest('/sandbox'));
    if (under('/fake-idp')) return fakeIdp.handle(req, res, rest('/fake-idp'));
    if (under('/me')) return me!.handle(req, res, rest('/me'));
    if (under('/rogue/me')) return rogue!.handle(req, res, rest('/rogue/me'));
    if (under('/broken/me')) return broken!.handle(req, res, rest('/broken/me'));
    if (under('/secure/me')) return secure!.handle(req, res, rest('/secure/me'));
    res.writeHead(404).end();
  };
  const server: Server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done(); } }));
  const accessLog = new FakeAccessLog();
  let offset = 0;
  const common = {
    sessionKey: SESSION_KEY, subjectKey: SUBJECT_KEY, accessLog: options.accessLog ?? accessLog, logger, pageSize: PAGE_SIZE,
    operatorNames: options.operatorNames ?? (async (ids: readonly string[]) => new Map(ids.flatMap((id) => (OPERATORS.has(id) ? [[id, OPERATORS.get(id)!] as const] : [])))),
    now: () => Date.now() + offset,
  };
  sandbox = createSandbox({ publicUrl: `${base}/sandbox` });
  const issuer = `${base}/sandbox/idp`;
  me = createCitizenSpace({ ...common, publicUrl: base, idp: { issuer, clientId: CLIENT_ID, clientSecret: 'ignored-by-the-sandbox' } });
  broken = createCitizenSpace({ ...common, publicUrl: `${base}/broken`, idp: { issuer: `${base}/no-such-idp`, clientId: CLIENT_ID } });
  secure = createCitizenSpace({ ...common, publicUrl: 'https://hub.example/secure', idp: { issuer, clientId: CLIENT_ID } });
  rogue = createCitizenSpace({ ...common, sessionKey: OTHER_SESSION_KEY, publicUrl: `${base}/rogue`, idp: { issuer: `${base}/fake-idp`, clientId: CLIENT_ID } });

  return {
    base, issuer, accessLog, logs, fakeIdp: fakeIdp as { behaviour: FakeIdpBehaviour },
    advanceClock: (ms) => { offset += ms; },
    close: async () => {
      await sandbox!.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
