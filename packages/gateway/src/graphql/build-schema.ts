import { makeExecutableSchema } from '@graphql-tools/schema';
import { getDirective } from '@graphql-tools/utils';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { applyPolicyDirective, parsePolicySpec, type PolicyDirectiveArgs, type PolicySpec } from '@hub/policy';
import { householdResolvers, recipeResolvers, SOURCE_RECIPES } from '@hub/sources';
import { personResolvers } from '../resolvers/person-resolvers.js';
import { subjectKeyOf, type SubjectContext } from '../resolvers/subject-context.js';
import type { GraphQLContext } from '../resolvers/context.js';
import { loadTypeDefs } from './load-type-defs.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { viewerResolvers } from '../resolvers/viewer-resolvers.js';

/** SDL files of the graph, in order (schema/ holds SDL only). */
export const SCHEMA_FILES = [
  'directives.graphql', 'base.graphql',
  'dgfip.graphql', 'cnaf.graphql', 'cnav.graphql', 'france-travail.graphql', 'mesri.graphql', 'cnous.graphql', 'men.graphql',
  'dsnj.graphql', 'gip-mds.graphql', 'sdh.graphql', 'eaje.graphql', 'ants.graphql',
] as const;

/** The SDL with its resolvers, before the policy directive is applied (tests inspect it). */
export function buildUnprotectedSchema(): GraphQLSchema {
  const typeDefs = loadTypeDefs(SCHEMA_FILES);
  // Person.households decides with the same policies as the fields it stands for.
  const bare = makeExecutableSchema({ typeDefs });
  const person = bare.getType('Person');
  if (!isObjectType(person)) throw new Error('schema: no Person type');
  const policyOf = (field: string): PolicySpec => {
    const def = person.getFields()[field];
    const args = def && (getDirective(bare, def, 'policy')?.[0] as PolicyDirectiveArgs | undefined);
    if (!args) throw new Error(`schema: Person.${field} has no @policy`);
    return parsePolicySpec(args, `Person.${field}`);
  };
  return makeExecutableSchema({
    typeDefs,
    resolvers: [
      { Date: DateScalar, DateTime: DateTimeScalar },
      viewerResolvers,
      personResolvers({ taxHousehold: policyOf('taxHousehold'), family: policyOf('family'), childcare: policyOf('childcare') }),
      // Each source's resolvers come from its recipe (packages/sources/source-recipes.ts).
      ...SOURCE_RECIPES.map((recipe) => recipeResolvers(recipe)),
      householdResolvers(SOURCE_RECIPES),
    ] as never,
    inheritResolversFromInterfaces: true,
  });
}

/** The final schema: every personal field behind its `@policy` (build fails if one lacks it). */
export function buildHubSchema(): GraphQLSchema {
  return applyPolicyDirective<GraphQLContext, SubjectContext<GraphQLContext>>(buildUnprotectedSchema(), {
    roots: ['Person'],
    subjectOf: (ctx, info) => ctx.subjects.get(subjectKeyOf(info.path)),
    // Loads made by a subject's fields are noted for that subject's journal entry alone.
    contextFor: (_ctx, subject) => subject.resolverContext,
  });
}
