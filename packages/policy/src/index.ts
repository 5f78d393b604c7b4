export { SCOPE_CATALOGUE, ALL_SCOPE_NAMES, findScope, unknownScopes, type ScopeDefinition } from './scope-catalogue.js';
