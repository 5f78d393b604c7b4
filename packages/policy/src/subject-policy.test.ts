import { describe, expect, it } from '@jest/globals';
import { SubjectPolicy } from './subject-policy.js';

const policy = new SubjectPolicy(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']));

describe('SubjectPolicy', () => {
  it('releases a scope only when habilitation and consent both hold it', () => {
    expect(policy.decide({ kind: 'scope', scope: 'b' })).toEqual({ allowed: true });
    expect(policy.decide({ kind: 'scope', scope: 'a' })).toEqual({ allowed: false, code: 'CONSENT_SCOPE_MISSING', scope: 'a' });
    expect(policy.decide({ kind: 'scope', scope: 'd' })).toEqual({ allowed: false, code: 'FORBIDDEN_SCOPE', scope: 'd' });
    expect(policy.decide({ kind: 'scope', scope: 'z' })).toEqual({ allowed: false, code: 'FORBIDDEN_SCOPE', scope: 'z' });
  });
  it('anyOf opens a container with one effective scope', () => {
    expect(policy.decide({ kind: 'anyOf', scopes: ['z', 'c'] })).toEqual({ allowed: true });
    expect(policy.decide({ kind: 'anyOf', scopes: ['d', 'a'] })).toEqual({ allowed: false, code: 'CONSENT_SCOPE_MISSING', scope: 'a' });
  });
  it('allOf needs every scope', () => {
    expect(policy.decide({ kind: 'allOf', scopes: ['b', 'c'] })).toEqual({ allowed: true });
    expect(policy.decide({ kind: 'allOf', scopes: ['b', 'd'] })).toEqual({ allowed: false, code: 'FORBIDDEN_SCOPE', scope: 'd' });
  });
});
