import { describe, expect, it } from '@jest/globals';
import { getOperationAST, parse } from 'graphql';
import { ALL_SCOPE_NAMES } from '@hub/policy';
import { buildHubSchema } from './build-schema.js';
import { ASSUMED_CHILDREN } from './upstream-routes.js';
import { UpstreamCostEstimator } from './upstream-cost.js';

const estimator = new UpstreamCostEstimator(buildHubSchema());
const ALL = new Set(ALL_SCOPE_NAMES);

function estimate(query: string, variables?: Record<string, unknown>, scopes: ReadonlySet<string> = ALL, limit = 10_000): number {
  const document = parse(query);
  return estimator.estimate(estimator.plan(document, getOperationAST(document)!), variables, scopes, limit);
}

describe('UpstreamCostEstimator', () => {
  it('counts distinct routes and arguments per distinct subject', () => {
    expect(estimate('{ viewer { id } person(consent: "a") { identity { birthName } } }')).toBe(0);
    expect(estimate('{ person(consent: "a") { family { provider } taxHousehold { fiscalAddress } households { address { city } } } }')).toBe(2);
    expect(estimate('{ person(consent: "a") { a: family(month: 1) { provider } b: family(month: 1) { provider } c: family(month: 2) { provider } } }')).toBe(2);
    expect(estimate('{ persons(consents: ["a", "b", "a"]) { family { provider } } person(consent: "b") { family { provider } } }')).toBe(2);
    expect(estimate('{ persons(consents: ["a", "b"]) { socialBenefits { activityBonus { isBeneficiary } disabledAdultAllowance { isBeneficiary } } jobSeeker { identifier civility payments { date } } } }')).toBe(8);
  });

  it('applies variables, fragments (each walked once) and Child.schooling per assumed child', () => {
    const query = `query($cs: [String!]!, $m: Int) { persons(consents: $cs) { ...F ...F } }
      fragment F on Person { family(month: $m) { children { schooling(schoolYear: "2025", schoolCode: "0210015C") { isEnrolled } } } }`;
    expect(estimate(query, { cs: ['a', 'b', 'c'], m: 3 })).toBe(3 * (1 + ASSUMED_CHILDREN));
    expect(estimate(query, { cs: 'a' })).toBe(1 + ASSUMED_CHILDREN);
  });

  it('counts nothing the habilitation cannot see, and stops once over the limit', () => {
    const query = '{ persons(consents: ["a", "b"]) { family { provider } student { identity { birthName } } } }';
    expect(estimate(query, undefined, new Set(['mesri_identite']))).toBe(2);
    expect(estimate(query, undefined, new Set(['identite_pivot']))).toBe(0);
    const many = `{ persons(consents: [${Array.from({ length: 500 }, (_, i) => `"c${i}"`).join(',')}]) { family { provider } } }`;
    expect(estimate(many, undefined, ALL, 50)).toBe(51);
  });
});
