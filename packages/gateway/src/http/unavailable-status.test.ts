import { describe, expect, it } from '@jest/globals';
import { unavailableRetryAfter } from './unavailable-status.js';

const unavailable = (path: unknown[], retryAfter = 5) => ({ message: 'm', path, extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'database_unavailable', retryAfter } });
const body = (value: unknown) => JSON.stringify(value);

describe('unavailableRetryAfter', () => {
  it('is null without the code (the body is not parsed)', () => {
    expect(unavailableRetryAfter('{"data":null,"errors":[{"extensions":{"code":"CONSENT_INVALID"}}]}')).toBeNull();
    expect(unavailableRetryAfter('not json "SERVICE_UNAVAILABLE"')).toBeNull();
  });

  it('gives the largest retryAfter when no data came back and every error is SERVICE_UNAVAILABLE', () => {
    expect(unavailableRetryAfter(body({ data: null, errors: [unavailable(['persons'])] }))).toBe(5);
    expect(unavailableRetryAfter(body({ data: { a: null, b: null }, errors: [unavailable(['a']), unavailable(['b'], 12)] }))).toBe(12);
    expect(unavailableRetryAfter(body({ data: { persons: [null, null] }, errors: [unavailable(['persons', 0]), unavailable(['persons', 1])] }))).toBe(5);
  });

  it('is null when some data came back, or when another error is beside', () => {
    expect(unavailableRetryAfter(body({ data: { viewer: { name: 'x' }, person: null }, errors: [unavailable(['person'])] }))).toBeNull();
    expect(unavailableRetryAfter(body({ data: { persons: [{ identity: null }, null] }, errors: [unavailable(['persons', 1])] }))).toBeNull();
    expect(unavailableRetryAfter(body({ data: { a: null, b: null }, errors: [unavailable(['a']), { message: 'm', path: ['b'], extensions: { code: 'CONSENT_INVALID' } }] }))).toBeNull();
    expect(unavailableRetryAfter(body({ data: { __typename: 'Query', person: null }, errors: [unavailable(['person'])] }))).toBeNull();
  });
});
