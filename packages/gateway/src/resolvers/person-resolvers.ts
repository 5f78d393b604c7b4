import type { GraphQLResolveInfo } from 'graphql';
import { HubError, type PersonParent } from '@hub/core';
import { SubjectPolicy, type PolicySpec } from '@hub/policy';
import { loadTaxHousehold, identityPivotQuery } from '@hub/sources';
import type { VerifiedConsent } from '../auth/consent-service.js';
import type { GraphQLContext } from './context.js';
import { SubjectContext, subjectKeyOf } from './subject-context.js';
import { withinQuota } from './within-quota.js';

/** docs/contract.md#root-fields: at most 100 consents per `persons` call. */
export const MAX_PERSONS = 100;

function register(ctx: GraphQLContext, key: string, consent: VerifiedConsent): PersonParent {
  ctx.subjects.set(key, new SubjectContext(consent, new SubjectPolicy(ctx.principal.scopes, consent.scopes), ctx));
  return { subject: consent.subject, consentId: consent.id, ...(consent.franceConnect ? { franceConnectToken: consent.franceConnect.accessToken } : {}) };
}

/** `person`: exactly one of `consent` (a hub consent token) and `franceConnectToken` (FranceConnect mode). */
async function verifyPersonArgument(args: { consent?: string | null; franceConnectToken?: string | null }, ctx: GraphQLContext): Promise<VerifiedConsent | HubError> {
  const hasConsent = args.consent !== undefined && args.consent !== null;
  const hasFranceConnect = args.franceConnectToken !== undefined && args.franceConnectToken !== null;
  if (hasConsent === hasFranceConnect) {
    throw new HubError('BAD_USER_INPUT', 'person takes exactly one of consent and franceConnectToken.', { argument: hasConsent ? 'franceConnectToken' : 'consent' });
  }
  if (hasConsent) return (await ctx.consents.verifyMany([args.consent!], ctx.principal.operatorId))[0]!;
  if (!ctx.franceConnect) {
    return new HubError('PROVIDER_UNAVAILABLE', 'FranceConnect mode is not configured on this hub.', { provider: 'FRANCECONNECT', reason: 'franceconnect_not_configured' });
  }
  return ctx.franceConnect.verify(args.franceConnectToken!, ctx.principal);
}

/** Resolves when the request is admitted by its token's rate; throws its refusal otherwise. */
function admitted(ctx: GraphQLContext): Promise<void> {
  return ctx.admission ?? Promise.resolve();
}

/** Root resolvers (`person`, `persons`) and the Person fields the hub itself owns. */
export function personResolvers(policies: { taxHousehold: PolicySpec; family: PolicySpec; childcare?: PolicySpec }) {
  return {
    Query: {
      person: async (_: unknown, args: { consent?: string | null; franceConnectToken?: string | null }, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
        // A hub consent is read while the rate is counted; a FranceConnect token is only sent to
        // the check-token endpoint once the request is admitted.
        const verified = args.franceConnectToken === undefined || args.franceConnectToken === null
          ? (await Promise.all([verifyPersonArgument(args, ctx), admitted(ctx)]))[0]
          : (await admitted(ctx), await verifyPersonArgument(args, ctx));
        const [result] = await withinQuota(ctx, [verified]);
        if (result instanceof HubError) throw result;
        return register(ctx, String(info.path.key), result!);
      },
      persons: async (_: unknown, args: { consents: string[] }, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
        if (args.consents.length > MAX_PERSONS) {
          throw new HubError('QUERY_TOO_COMPLEX', `persons accepts at most ${MAX_PERSONS} consents (got ${args.consents.length}).`, { limit: 'consents', argument: 'consents' });
        }
        const [verified] = await Promise.all([ctx.consents.verifyMany(args.consents, ctx.principal.operatorId), admitted(ctx)]);
        const results = await withinQuota(ctx, verified);
        // An Error in a list slot nulls that entry alone, with its error (graphql-js semantics).
        return results.map((r, i) => (r instanceof HubError ? r : register(ctx, `${String(info.path.key)}.${i}`, r)));
      },
    },
    Person: {
      identity: (parent: PersonParent) => {
        const s = parent.subject;
        const complete = s.moisDateNaissance && s.jourDateNaissance;
        return {
          birthName: s.nomNaissance,
          usageName: s.nomUsage ?? null,
          firstNames: s.prenoms,
          sex: s.sexeEtatCivil,
          birthDate: complete ? `${String(s.anneeDateNaissance).padStart(4, '0')}-${String(s.moisDateNaissance).padStart(2, '0')}-${String(s.jourDateNaissance).padStart(2, '0')}` : null,
          birthPlaceCode: s.codeCogInseeCommuneNaissance ?? null,
          birthCountryCode: s.codeCogInseePaysNaissance,
        };
      },
      /**
       * The households the caller may see and that exist: the tax household when the consent
       * carries DGFIP identifiers and the policy opens `taxHousehold`, the family household when it
       * opens `family`, the childcare household (CNAF EAJE) when it opens `childcare`. A household
       * whose source fails is left out (its own field reports why).
       */
      households: async (parent: PersonParent, _: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
        const subject = ctx.subjects.get(subjectKeyOf(info.path));
        if (!subject) return [];
        const wanted: Promise<unknown>[] = [];
        if (subject.policy.decide(policies.taxHousehold).allowed && parent.subject.numeroFiscal && parent.subject.referenceAvis) {
          wanted.push(loadTaxHousehold(parent.subject, ctx.loaders.dgfip));
        }
        if (subject.policy.decide(policies.family).allowed) {
          wanted.push(ctx.loaders.cnaf.family.load(identityPivotQuery(parent.subject)));
        }
        if (policies.childcare && subject.policy.decide(policies.childcare).allowed) {
          wanted.push(ctx.loaders.eaje.identite.load(identityPivotQuery(parent.subject)));
        }
        const settled = await Promise.allSettled(wanted);
        return settled.flatMap((s) => (s.status === 'fulfilled' && s.value ? [s.value] : []));
      },
    },
  };
}
