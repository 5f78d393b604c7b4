import type { PersonParent } from '@hub/core';
import { buildMesriLookup, type MesriLookup } from './build-mesri-lookup.js';
import { loadStudentStatus, type MesriLoaders } from './mesri-source.js';

/** What the MESRI resolvers need from the GraphQL context. */
export type MesriContext = { loaders: { mesri: MesriLoaders } };

/**
 * `Person.student` returns only the lookup; each field loads the route itself, so a field the
 * policy denies (hence never resolved) causes no call, and the loader calls the route once for
 * all the fields that are resolved.
 */
export const mesriResolvers = {
  Person: {
    student: (parent: PersonParent): MesriLookup => buildMesriLookup(parent.subject),
  },
  StudentStatus: {
    identity: async (parent: MesriLookup, _args: unknown, ctx: MesriContext) => (await loadStudentStatus(ctx.loaders.mesri, parent)).identity,
    admissions: async (parent: MesriLookup, _args: unknown, ctx: MesriContext) =>
      (await loadStudentStatus(ctx.loaders.mesri, parent)).admissions,
  },
};
