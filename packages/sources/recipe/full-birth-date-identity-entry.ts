import { HubError, type IdentityPivot, type PersonParent, type ProviderName } from '@hub/core';
import { identityPivotQuery } from '../http/index.js';
import type { EntryRecipe } from './source-recipe.js';

/**
 * The entry of a source whose only route is an `/identite` route that requires the full birth
 * date (OpenAPI: `moisDateNaissance` and `jourDateNaissance` required, as for the DSNJ and
 * GIP-MDS): the field loads `route` with the pivot parameters the route takes (`params`), the
 * birth commune only for people born in France. A pivot without day or month fails the field
 * alone, NOT_FOUND `missing_identifier`, before any call.
 */
export function fullBirthDateIdentityEntry<const R extends string>(opts: {
  field: string;
  route: R;
  provider: ProviderName;
  params: readonly (keyof IdentityPivot)[];
}): EntryRecipe<R> {
  const { field, route, provider, params } = opts;
  return {
    field,
    load: route,
    plan: ({ subject }: PersonParent) => {
      if (subject.moisDateNaissance === undefined || subject.jourDateNaissance === undefined) {
        throw new HubError('NOT_FOUND', `${provider} needs a full birth date; the consent has none.`, { provider, reason: 'missing_identifier' });
      }
      const pivot = identityPivotQuery(subject);
      const bornInFrance = subject.codeCogInseePaysNaissance === '99100';
      const query = Object.fromEntries(params.map((name) => [name, name === 'codeCogInseeCommuneNaissance' && !bornInFrance ? undefined : pivot[name]]));
      return { [route]: query } as { [K in R]: typeof query };
    },
  };
}
