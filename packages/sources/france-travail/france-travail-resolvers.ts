import { HubError, type PersonParent } from '@hub/core';
import type { FranceTravailLoaders, FranceTravailQuery } from './france-travail-source.js';

/** What the France Travail resolvers need from the GraphQL context. */
export type FranceTravailContext = { loaders: { franceTravail: FranceTravailLoaders } };

/** Parent of `JobSeekerStatus` fields: only the query; each field loads its own route. */
export type JobSeekerParent = FranceTravailQuery;

type StatusField = 'identifier' | 'identity' | 'civility' | 'contact' | 'address' | 'registration';

/**
 * Each field loads its route lazily: the policy directive skips denied fields, so a caller holding
 * only pole_emploi_paiements never triggers the statut route (and the loaders make the statut
 * route called once however many of its fields are asked).
 */
function statusField<F extends StatusField>(field: F) {
  return async (parent: JobSeekerParent, _args: unknown, ctx: FranceTravailContext) =>
    (await ctx.loaders.franceTravail.status.load(parent))[field];
}

export const franceTravailResolvers = {
  Person: {
    jobSeeker(parent: PersonParent): JobSeekerParent {
      const identifiant = parent.subject.identifiantFranceTravail?.trim();
      if (!identifiant) {
        throw new HubError(
          'NOT_FOUND',
          "The consent carries no identifiant France Travail: France Travail cannot be queried for this citizen.",
          { provider: 'FRANCE_TRAVAIL', reason: 'missing_identifier' },
        );
      }
      return { identifiant };
    },
  },
  JobSeekerStatus: {
    identifier: statusField('identifier'),
    identity: statusField('identity'),
    civility: statusField('civility'),
    contact: statusField('contact'),
    address: statusField('address'),
    registration: statusField('registration'),
    payments: (parent: JobSeekerParent, _args: unknown, ctx: FranceTravailContext) =>
      ctx.loaders.franceTravail.payments.load(parent),
  },
};
