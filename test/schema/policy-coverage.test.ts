import { describe, expect, it } from '@jest/globals';
import { isObjectType } from 'graphql';
import { getDirective } from '@graphql-tools/utils';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { applyPolicyDirective, findFieldsWithoutPolicy } from '@hub/policy';
import { buildHubSchema, buildUnprotectedSchema } from '@hub/gateway';
import { ALL_SCOPE_NAMES } from '@hub/policy';

describe('final schema policy (deny by default)', () => {
  it('every field reachable from Person, Household implementations and Child declares @policy', () => {
    const schema = buildUnprotectedSchema();
    expect(findFieldsWithoutPolicy(schema, ['Person', 'TaxHousehold', 'FamilyHousehold', 'Child'])).toEqual([]);
    // The final schema builds (applyPolicyDirective refuses an uncovered one).
    expect(() => buildHubSchema()).not.toThrow();
  });

  it('every scope named by a policy exists in the scope catalogue', () => {
    const schema = buildUnprotectedSchema();
    const known = new Set(ALL_SCOPE_NAMES);
    const unknown: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const args = getDirective(schema, field, 'policy')?.[0] as { scope?: string; anyOf?: string[]; allOf?: string[] } | undefined;
        for (const s of [args?.scope, ...(args?.anyOf ?? []), ...(args?.allOf ?? [])]) if (s && !known.has(s)) unknown.push(`${type.name}.${field.name}: ${s}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('refuses to build a schema where a personal field lacks a policy', () => {
    const schema = makeExecutableSchema({
      typeDefs: /* GraphQL */ `
        directive @policy(scope: String, anyOf: [String!], allOf: [String!], inherit: Boolean) on FIELD_DEFINITION
        type Query { person: Person }
        type Person { income: Int @policy(scope: "dgfip_revenu_imposable") secret: Nested @policy(anyOf: ["x"]) }
        type Nested { leak: String }
      `,
    });
    expect(findFieldsWithoutPolicy(schema)).toEqual(['Nested.leak']);
    expect(() => applyPolicyDirective(schema, { subjectOf: () => undefined })).toThrow(/Nested\.leak/);
  });
});
