import type { GraphQLContext } from './context.js';

/** `Query.viewer`: the calling operator as the hub knows it (no personal data). */
export const viewerResolvers = {
  Query: {
    viewer: (_: unknown, __: unknown, ctx: GraphQLContext) => {
      const p = ctx.principal;
      return {
        id: p.operatorId,
        name: p.operatorName,
        siret: p.siret,
        scopes: [...p.scopes].sort(),
        tokenExpiresAt: p.tokenExpiresAt,
        habilitations: p.habilitations.map((h) => ({
          id: h.id, scopes: h.scopes, purposeCode: h.purposeCode, purpose: h.purpose,
          legalBasis: h.legalBasis, validFrom: h.validFrom, validUntil: h.validUntil,
        })),
      };
    },
  },
};
