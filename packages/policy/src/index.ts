export { SCOPE_CATALOGUE, ALL_SCOPE_NAMES, findScope, unknownScopes, type ScopeDefinition } from './scope-catalogue.js';
export { parsePolicySpec, scopesOf, type PolicySpec, type PolicyDirectiveArgs } from './policy-spec.js';
export { SubjectPolicy, type PolicyDecision } from './subject-policy.js';
export { findFieldsWithoutPolicy } from './policy-coverage.js';
export { applyPolicyDirective, type PolicyOptions, type SubjectRelease } from './apply-policy-directive.js';
export { SOURCE_WORDING, describeScope, groupScopesByAdministration, type ScopeWording, type SourceWording } from './scope-wording.js';
