import { randomUUID } from 'node:crypto';
import { isValidSiret } from '@hub/core';
import { unknownScopes } from '@hub/policy';
import {
  canonicalCheckpointEncoding, exportJournal, isUuid, migrateLatest, pruneJournal, verifyJournal,
  type JournalVerification, type PruneJournalResult, type Store,
} from '@hub/store';
import type { JournalEntry } from '@hub/core';
import type { ConsentService } from '../auth/consent-service.js';
import type { KeyRing } from '../auth/key-ring.js';
import { personas } from '@hub/sandbox';
import type { SubjectIdentity } from '@hub/core';
import { parseIdentityJson } from './parse-identity-json.js';
import { AdminInputError } from './admin-error.js';

/**
 * Administrative operations, shared by the `hub` CLI (directly on the database, or through the
 * running hub's admin socket in embedded mode) and by start-up (demo operator). Each validates
 * its input and names the bad argument.
 */
export type AdminServiceOptions = { issuer: string; sandbox: boolean; journalRetentionMonths: number };

const CHECKPOINT_TYP = 'journal-checkpoint+jws';

export class AdminService {
  private readonly issuer: string;

  constructor(
    private readonly store: Store,
    private readonly keyRing: KeyRing,
    private readonly consents: ConsentService,
    private readonly options: AdminServiceOptions,
  ) {
    this.issuer = options.issuer;
  }

  async migrate(): Promise<{ applied: string[] }> {
    return migrateLatest(this.store.db.knex);
  }

  async addOperator(input: { name?: string; siret?: string; contact?: string; demo?: boolean }): Promise<{ id: string; name: string; siret: string }> {
    const name = input.name?.trim();
    if (!name) throw new AdminInputError('--name', 'the operator name is required');
    if (name.length > 200) throw new AdminInputError('--name', 'the operator name is longer than 200 characters');
    const siret = input.siret?.replace(/\s/g, '') ?? '';
    if (!isValidSiret(siret)) throw new AdminInputError('--siret', `"${input.siret ?? ''}" is not a valid SIRET (14 digits passing the Luhn check)`);
    if (await this.store.operators.findLiveBySiret(siret)) throw new AdminInputError('--siret', `an operator with SIRET ${siret} already exists`);
    const op = await this.store.operators.add({ name, siret, contact: input.contact ?? null, demo: input.demo ?? false });
    return { id: op.id, name: op.name, siret: op.siret };
  }

  async deleteOperator(input: { id?: string }): Promise<{ id: string; deleted: boolean }> {
    const id = await this.requireOperator(input.id, '--id');
    return { id, deleted: await this.store.operators.delete(id) };
  }

  async listOperators(): Promise<{ operators: { id: string; name: string; siret: string; demo: boolean; deleted: boolean }[] }> {
    const ops = await this.store.operators.list();
    return { operators: ops.map((o) => ({ id: o.id, name: o.name, siret: o.siret, demo: o.demo, deleted: o.deletedAt !== null })) };
  }

  async grantHabilitation(input: { operator?: string; scopes?: string; purpose?: string; purposeCode?: string; legalBasis?: string; until?: string; consentDays?: string }): Promise<{ id: string; scopes: string[]; purposeCode: string; consentDays: number; validUntil: string | null }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const scopes = parseScopes(input.scopes, '--scopes');
    const purpose = input.purpose?.trim();
    if (!purpose) throw new AdminInputError('--purpose', 'the purpose (finalité) is required');
    const legalBasis = input.legalBasis?.trim();
    if (!legalBasis) throw new AdminInputError('--legal-basis', 'the legal basis (cadre juridique) is required');
    let validUntil: Date | null = null;
    if (input.until !== undefined) {
      validUntil = new Date(input.until);
      if (!/^\d{4}-\d{2}-\d{2}/.test(input.until) || Number.isNaN(validUntil.getTime())) {
        throw new AdminInputError('--until', `"${input.until}" is not an ISO date (YYYY-MM-DD)`);
      }
      if (validUntil.getTime() <= Date.now()) throw new AdminInputError('--until', 'the end of validity must be in the future');
    }
    const purposeCode = input.purposeCode?.trim() || slug(purpose);
    if (!/^[a-z0-9][a-z0-9_.-]{0,63}$/i.test(purposeCode)) {
      throw new AdminInputError('--purpose-code', `"${purposeCode}" is not a purpose code (letters, digits, "_", "-", ".", at most 64)`);
    }
    let consentDays: number | undefined;
    if (input.consentDays !== undefined) {
      consentDays = Number(input.consentDays);
      if (!/^\d+$/.test(input.consentDays.trim()) || consentDays < 1 || consentDays > 400) {
        throw new AdminInputError('--consent-days', `"${input.consentDays}" is not a number of days between 1 and 400`);
      }
    }
    const h = await this.store.habilitations.grant({ operatorId, scopes, purposeCode, purpose, legalBasis, validUntil, ...(consentDays !== undefined ? { consentDays } : {}) });
    return { id: h.id, scopes: h.scopes, purposeCode: h.purposeCode, consentDays: h.consentDays, validUntil: h.validUntil?.toISOString() ?? null };
  }

  /** `hub operator redirect-uri add`: a URI the consent flow may send the citizen back to. */
  async addRedirectUri(input: { operator?: string; uri?: string }): Promise<{ operator: string; uri: string; added: boolean }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const uri = parseRedirectUri(input.uri);
    return { operator: operatorId, uri, added: await this.store.redirectUris.add(operatorId, uri) };
  }

  async removeRedirectUri(input: { operator?: string; uri?: string }): Promise<{ operator: string; uri: string; removed: boolean }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const uri = input.uri?.trim() ?? '';
    if (!uri) throw new AdminInputError('--uri', 'the redirect URI is required');
    if (!(await this.store.redirectUris.remove(operatorId, uri))) throw new AdminInputError('--uri', `"${uri}" is not registered for operator ${operatorId}`);
    return { operator: operatorId, uri, removed: true };
  }

  async listRedirectUris(input: { operator?: string }): Promise<{ operator: string; uris: string[] }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    return { operator: operatorId, uris: await this.store.redirectUris.list(operatorId) };
  }

  /** `hub operator franceconnect-client`: the operator's own FranceConnect client id (FranceConnect
   * mode accepts only the access tokens that client obtained); `--client-id none` removes it. */
  async setFranceConnectClient(input: { operator?: string; clientId?: string }): Promise<{ operator: string; franceConnectClientId: string | null }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const given = input.clientId?.trim() ?? '';
    if (!given) throw new AdminInputError('--client-id', 'the FranceConnect client id is required (or "none" to remove it)');
    if (given !== 'none' && !/^[\x21-\x7e]{1,256}$/.test(given)) throw new AdminInputError('--client-id', 'a FranceConnect client id is printable ASCII without spaces');
    const clientId = given === 'none' ? null : given;
    if (!(await this.store.operators.setFranceConnectClient(operatorId, clientId))) {
      throw new AdminInputError('--client-id', 'this FranceConnect client is registered to another operator');
    }
    return { operator: operatorId, franceConnectClientId: clientId };
  }

  /** `hub operator limits`: the operator's rate (requests a minute per token) and daily distinct-citizen
   * quota per purpose; without --rate / --daily-subjects, prints the limits in force (null: the default). */
  async setOperatorLimits(input: { operator?: string; rate?: string; dailySubjects?: string }): Promise<{ operator: string; ratePerMinute: number | null; dailySubjects: number | null }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const changes: { ratePerMinute?: number | null; dailySubjects?: number | null } = {};
    if (input.rate !== undefined) changes.ratePerMinute = parseLimit(input.rate, '--rate', 1_000_000);
    if (input.dailySubjects !== undefined) changes.dailySubjects = parseLimit(input.dailySubjects, '--daily-subjects', 100_000_000);
    const stored = Object.keys(changes).length > 0 ? await this.store.operatorLimits.set(operatorId, changes) : await this.store.operatorLimits.get(operatorId);
    return { operator: operatorId, ...stored };
  }

  async issueToken(input: { operator?: string; ttl?: string }): Promise<{ token: string; jti: string; expiresAt: string }> {
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const ttlSeconds = parseDuration(input.ttl ?? '90d', '--ttl');
    const jti = randomUUID();
    const issuedAt = new Date();
    const expiresAt = new Date(issuedAt.getTime() + ttlSeconds * 1000);
    const { token, kid } = await this.keyRing.sign({}, { issuer: this.issuer, subject: operatorId, jti, expiresAt });
    await this.store.apiTokens.add({ jti, operatorId, kid, issuedAt, expiresAt });
    return { token, jti, expiresAt: expiresAt.toISOString() };
  }

  async revokeToken(input: { jti?: string }): Promise<{ jti: string; revoked: boolean }> {
    const jti = input.jti?.trim() ?? '';
    if (!isUuid(jti)) throw new AdminInputError('--jti', `"${input.jti ?? ''}" is not a token id (UUID)`);
    const outcome = await this.store.apiTokens.revoke(jti);
    if (outcome === 'unknown') throw new AdminInputError('--jti', `no token with jti ${jti}`);
    return { jti, revoked: true };
  }

  async rotateKey(): Promise<{ kid: string }> {
    return this.keyRing.addKey();
  }

  async retireKey(input: { kid?: string }): Promise<{ kid: string; retired: boolean }> {
    const kid = input.kid?.trim();
    if (!kid) throw new AdminInputError('--kid', 'the key id is required');
    try {
      const retired = await this.keyRing.retire(kid);
      if (!retired) throw new AdminInputError('--kid', `no live key with kid ${kid}`);
      return { kid, retired };
    } catch (error) {
      if (error instanceof AdminInputError) throw error;
      throw new AdminInputError('--kid', (error as Error).message);
    }
  }

  async listKeys(): Promise<{ keys: { kid: string; createdAt: string; retiredAt: string | null }[] }> {
    const keys = await this.store.signingKeys.listAll();
    return { keys: keys.map((k) => ({ kid: k.kid, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null })) };
  }

  /** Sandbox only: a consent created without the citizen, for tests and demos (docs/contract.md#cli). */
  async grantConsent(input: { operator?: string; scopes?: string; purpose?: string; persona?: string; identity?: string; ttl?: string }): Promise<{ id: string; token: string; expiresAt: string }> {
    if (!this.options.sandbox) {
      throw new AdminInputError('HUB_SANDBOX', 'consent grant creates consents without the citizen: sandbox mode only (HUB_SANDBOX=1)');
    }
    const operatorId = await this.requireOperator(input.operator, '--operator');
    const scopes = parseScopes(input.scopes, '--scopes');
    const held = new Set((await this.store.habilitations.listInForce(operatorId)).flatMap((h) => h.scopes));
    const beyond = scopes.filter((s) => !held.has(s));
    if (beyond.length > 0) throw new AdminInputError('--scopes', `outside the operator's habilitation: ${beyond.join(', ')}`);
    const purpose = input.purpose?.trim();
    if (!purpose) throw new AdminInputError('--purpose', 'the purpose (finalité) is required');
    if ((input.persona === undefined) === (input.identity === undefined)) {
      throw new AdminInputError('--persona', 'give exactly one of --persona <id> or --identity <json>');
    }
    let subject: SubjectIdentity;
    if (input.persona !== undefined) {
      const persona = personas.find((p) => p.id === input.persona);
      if (!persona) throw new AdminInputError('--persona', `no sandbox persona "${input.persona}" (see hub sandbox personas)`);
      subject = { ...persona.identity, ...persona.identifiers };
    } else {
      subject = parseIdentityJson(input.identity!, '--identity');
    }
    const ttlSeconds = parseDuration(input.ttl ?? '30d', '--ttl');
    return this.consents.grant({
      operatorId, subject, scopes, purpose,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
      evidence: { method: 'hub consent grant', sandbox: true, persona: input.persona ?? null },
    });
  }

  async revokeConsent(input: { id?: string }): Promise<{ id: string; revoked: boolean }> {
    const id = input.id?.trim() ?? '';
    if (!isUuid(id)) throw new AdminInputError('--id', `"${input.id ?? ''}" is not a consent id (UUID)`);
    const outcome = await this.consents.revoke(id);
    if (outcome === 'unknown') throw new AdminInputError('--id', `no consent with id ${id}`);
    return { id, revoked: true };
  }

  listPersonas(): { personas: { id: string; label: string; description: string; identifiers: string[] }[] } {
    return { personas: personas.map((p) => ({ id: p.id, label: p.label, description: p.description, identifiers: Object.keys(p.identifiers) })) };
  }

  /** `hub audit verify`: walks the chain; checkpoints must carry a valid signature of the hub. */
  async auditVerify(): Promise<JournalVerification> {
    return verifyJournal(this.store.db.knex, {
      verifyCheckpoint: async (cp) => (await this.keyRing.verifyCompact(cp.signature, CHECKPOINT_TYP)) === canonicalCheckpointEncoding(cp),
    });
  }

  /** `hub audit export`: the operator's entries (JSON lines on the CLI). */
  async auditExport(input: { operator?: string; since?: string; until?: string }): Promise<{ entries: JournalEntry[] }> {
    const operatorId = input.operator?.trim();
    if (!operatorId || !isUuid(operatorId)) throw new AdminInputError('--operator', `"${input.operator ?? ''}" is not an operator id (UUID)`);
    const since = input.since !== undefined ? parseDate(input.since, '--since') : undefined;
    const until = input.until !== undefined ? parseDate(input.until, '--until') : undefined;
    const entries: JournalEntry[] = [];
    for await (const e of exportJournal(this.store.db.knex, { operatorId, ...(since ? { since } : {}), ...(until ? { until } : {}) })) entries.push(e);
    return { entries };
  }

  /** `hub audit prune`: entries older than the retention period go, behind a signed checkpoint. */
  async auditPrune(input: { before?: string }): Promise<PruneJournalResult & { before: string }> {
    let before: Date;
    if (input.before !== undefined) {
      before = parseDate(input.before, '--before');
    } else {
      before = new Date();
      before.setUTCMonth(before.getUTCMonth() - this.options.journalRetentionMonths);
    }
    const sign = await this.keyRing.compactSigner(CHECKPOINT_TYP);
    const result = await pruneJournal(this.store.db.knex, {
      before,
      signCheckpoint: (payload) => sign(canonicalCheckpointEncoding(payload)),
    });
    return { ...result, before: before.toISOString() };
  }

  private async requireOperator(id: string | undefined, argument: string): Promise<string> {
    const value = id?.trim() ?? '';
    if (!value) throw new AdminInputError(argument, 'the operator id is required');
    const op = isUuid(value) ? await this.store.operators.findById(value) : null;
    if (!op) throw new AdminInputError(argument, `no operator with id "${value}"`);
    if (op.deletedAt) throw new AdminInputError(argument, `operator ${value} has been deleted`);
    return op.id;
  }
}

export function parseScopes(raw: string | undefined, argument: string): string[] {
  const scopes = [...new Set((raw ?? '').split(/[\s,]+/).filter(Boolean))];
  if (scopes.length === 0) throw new AdminInputError(argument, 'at least one scope is required (comma-separated)');
  const unknown = unknownScopes(scopes);
  if (unknown.length > 0) throw new AdminInputError(argument, `unknown scope(s): ${unknown.join(', ')} (see the scope catalogue)`);
  return scopes;
}

/**
 * A redirect URI as RFC 9700 §2.1 wants it registered: absolute, https (http only on a loopback
 * host, for development), no fragment, no user info; compared later as an exact string.
 */
export function parseRedirectUri(raw: string | undefined): string {
  const value = raw?.trim() ?? '';
  if (!value) throw new AdminInputError('--uri', 'the redirect URI is required');
  if (value.length > 1024) throw new AdminInputError('--uri', 'the redirect URI is longer than 1024 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AdminInputError('--uri', `"${value}" is not an absolute URI`);
  }
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new AdminInputError('--uri', 'the redirect URI must be https (http only on localhost or 127.0.0.1)');
  }
  if (value.includes('#')) throw new AdminInputError('--uri', 'the redirect URI must not have a fragment');
  if (url.username || url.password) throw new AdminInputError('--uri', 'the redirect URI must not hold a user name or password');
  return value;
}

/** "3600", "3600s", "15m", "12h", "90d" → seconds. */
export function parseDuration(raw: string, argument: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!m) throw new AdminInputError(argument, `"${raw}" is not a duration (e.g. 3600, 15m, 12h, 90d)`);
  const seconds = Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as const)[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  if (seconds < 1 || seconds > 400 * 86400) throw new AdminInputError(argument, `"${raw}" is out of range (1 second to 400 days)`);
  return seconds;
}

function parseDate(raw: string, argument: string): Date {
  const date = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(date.getTime())) throw new AdminInputError(argument, `"${raw}" is not an ISO date (YYYY-MM-DD)`);
  return date;
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40) || 'purpose';
}

/** A positive whole number up to `max`, or `default` (back to the hub's default: null). */
function parseLimit(text: string, flag: string, max: number): number | null {
  const value = text.trim();
  if (value === 'default') return null;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new AdminInputError(flag, `"${text}" is not a whole number between 1 and ${max} (or "default")`);
  }
  return Number(value);
}
