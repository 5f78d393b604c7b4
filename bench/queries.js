/**
 * The benchmarked GraphQL documents. Each is sent unchanged to bare Apollo and to the hub, so the
 * servers parse, validate and execute the same text.
 */
export const QUERIES = [
  {
    id: 'identity',
    label: 'person.identity (identite_pivot: from the consent, no upstream call)',
    document: 'query Bench($c: String!) { person(consent: $c) { identity { birthName firstNames birthDate } } }',
    upstream: false,
  },
  {
    id: 'family-quotient',
    label: 'person.family.familyQuotient (one CNAV sandbox upstream call per request)',
    document: 'query Bench($c: String!) { person(consent: $c) { identity { birthName } family { familyQuotient { value year month } } } }',
    upstream: true,
  },
];

/** Scopes the benchmark operator holds and its consent grants. */
export const BENCH_SCOPES = 'identite_pivot,cnaf_quotient_familial';

/** Sandbox persona with a CNAF family quotient (the journal e2e test uses the same). */
export const BENCH_PERSONA = 'sophie-lambert';
