/**
 * The sandbox's FranceConnect emulation, as the hub's configuration needs to know it: where it is
 * mounted (below the sandbox) and the two client ids of the staging corpus — the data hub's own
 * client (the `aud` of every check-token answer there) and the service provider that obtained the
 * citizens' tokens (their `token_introspection.aud`), which the sandbox demo operator plays.
 */
export const SANDBOX_FRANCECONNECT = {
  path: '/franceconnect',
  hubClientId: '423dcbdc5a15ece61ed00ff5989d72379c26d9ed4c8e4e05a87cffae019586e0',
  operatorClientId: '6925fb8143c76eded44d32b40c0cb1006065f7f003de52712b78985704f39950',
} as const;
