import { getNamedType, isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { getDirective } from '@graphql-tools/utils';

/**
 * Deny by default: every field of every object type reachable from the given roots (through
 * fields, interfaces' implementations) must declare `@policy`. Returns the coordinates that do not
 * (`Type.field`), empty when the schema is fully covered.
 */
export function findFieldsWithoutPolicy(schema: GraphQLSchema, roots: readonly string[] = ['Person']): string[] {
  const missing: string[] = [];
  const seen = new Set<string>();
  const queue: GraphQLNamedType[] = roots.map((r) => {
    const t = schema.getType(r);
    if (!t) throw new Error(`policy coverage: no type ${r} in the schema`);
    return t;
  });
  while (queue.length > 0) {
    const type = queue.shift()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isInterfaceType(type)) {
      queue.push(...schema.getPossibleTypes(type));
      continue;
    }
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (!getDirective(schema, field, 'policy')?.length) missing.push(`${type.name}.${field.name}`);
      queue.push(getNamedType(field.type));
    }
  }
  return missing;
}
