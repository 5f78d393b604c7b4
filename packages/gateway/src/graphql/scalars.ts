import { GraphQLError, Kind, type GraphQLScalarTypeConfig } from 'graphql';

/**
 * The behaviour of the `Date` and `DateTime` scalars. Their description and `@specifiedBy` URL are
 * declared in the SDL (schema/base.graphql), so these are plain resolver objects: a
 * GraphQLScalarType here would overwrite the SDL's description and URL with its own (undefined)
 * when graphql-tools merges it into the schema, and client code generators would type them `any`.
 */
type ScalarBehaviour<Internal, External> = Pick<GraphQLScalarTypeConfig<Internal, External>, 'serialize' | 'parseValue' | 'parseLiteral'>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Calendar date, serialised `YYYY-MM-DD`. Mappers already give valid ISO dates or null. */
export const DateScalar: ScalarBehaviour<string, string> = {
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string' && ISO_DATE.test(value)) return value;
    throw new GraphQLError('Date cannot represent a non-ISO value');
  },
  parseValue(value) {
    if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return value;
    throw new GraphQLError('Date must be YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && ISO_DATE.test(ast.value) && !Number.isNaN(Date.parse(ast.value))) return ast.value;
    throw new GraphQLError('Date must be YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
  },
};

export const DateTimeScalar: ScalarBehaviour<Date, string> = {
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(value) {
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
    throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
  },
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING && !Number.isNaN(Date.parse(ast.value))) return new Date(ast.value);
    throw new GraphQLError('DateTime must be an ISO 8601 string', { extensions: { code: 'BAD_USER_INPUT' } });
  },
};
