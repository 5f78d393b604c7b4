import { z } from 'zod';
import type { SubjectIdentity } from '@hub/core';
import { AdminInputError } from './admin-error.js';

/** API Particulier v3 parameter names (docs/contract.md#upstreams) plus the source identifiers. */
const Identity = z.object({
  nomNaissance: z.string().trim().min(1).max(100),
  nomUsage: z.string().trim().min(1).max(100).optional(),
  prenoms: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
  sexeEtatCivil: z.enum(['F', 'M']),
  anneeDateNaissance: z.number().int().min(1900).max(2100),
  moisDateNaissance: z.number().int().min(1).max(12).optional(),
  jourDateNaissance: z.number().int().min(1).max(31).optional(),
  codeCogInseePaysNaissance: z.string().regex(/^\d{5}$/, 'must be a 5-digit COG code (99100 for France)'),
  codeCogInseeCommuneNaissance: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'must be a 5-character COG commune code').optional(),
  numeroFiscal: z.string().regex(/^[0-9A-Z]{13}$/, 'must be 13 alphanumerics').optional(),
  referenceAvis: z.string().regex(/^[0-9A-Z]{13,14}$/, 'must be 13 or 14 alphanumerics').optional(),
  identifiantFranceTravail: z.string().trim().min(1).max(50).optional(),
  ine: z.string().regex(/^[0-9A-Z]{11}$/i, 'must be 11 characters').optional(),
  identifiantSportif: z.string().trim().min(1).max(50).optional(),
}).strict();

/** Parses `--identity` JSON; a bad field is named in the error. */
export function parseIdentityJson(raw: string, argument: string): SubjectIdentity {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AdminInputError(argument, 'is not valid JSON');
  }
  const parsed = Identity.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AdminInputError(argument, `${issue.path.join('.') || 'identity'}: ${issue.message}`);
  }
  const value = parsed.data;
  if (value.codeCogInseePaysNaissance === '99100' && !value.codeCogInseeCommuneNaissance) {
    throw new AdminInputError(argument, 'codeCogInseeCommuneNaissance: required when born in France (99100)');
  }
  return value as SubjectIdentity;
}
