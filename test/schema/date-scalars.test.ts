import { describe, it } from '@jest/globals';
import { graphql } from 'graphql';
import { buildHubSchema } from '@hub/gateway';
import { expect } from '../support/expect.js';

// Client code generators type a custom scalar from its introspected description and
// `specifiedByURL`; without them, `Date` and `DateTime` come out as `any`.
describe('Date and DateTime scalars', () => {
  it('are described and specified by URL in introspection', async () => {
    const schema = buildHubSchema();
    const result = await graphql({
      schema,
      source: '{ date: __type(name: "Date") { kind description specifiedByURL } dateTime: __type(name: "DateTime") { kind description specifiedByURL } }',
    });
    expect(result.errors).toBeUndefined();
    const { date, dateTime } = result.data as Record<string, { kind: string; description: string; specifiedByURL: string }>;
    expect(date!.kind).toBe('SCALAR');
    expect(date!.description).toMatch(/ISO 8601.*YYYY-MM-DD/s);
    expect(date!.specifiedByURL).toBe('https://www.rfc-editor.org/rfc/rfc3339#section-5.6');
    expect(dateTime!.kind).toBe('SCALAR');
    expect(dateTime!.description).toMatch(/RFC 3339/);
    expect(dateTime!.specifiedByURL).toBe('https://www.rfc-editor.org/rfc/rfc3339#section-5.6');
  });

  it('still serialise and parse as before', () => {
    const schema = buildHubSchema();
    const date = schema.getType('Date') as import('graphql').GraphQLScalarType;
    const dateTime = schema.getType('DateTime') as import('graphql').GraphQLScalarType;
    expect(date.serialize(new Date('2014-03-21T10:00:00Z'))).toBe('2014-03-21');
    expect(() => date.parseValue('21/03/2014')).toThrow(/YYYY-MM-DD/);
    expect(dateTime.serialize('2026-01-15T10:30:00+01:00')).toBe('2026-01-15T09:30:00.000Z');
  });
});
