// Public surface of the sandbox: fake API Particulier upstreams, their personas, and the IdP.
export type { Persona } from './personas/persona.js';
export { personas } from './personas/personas.js';
export { createSandbox } from './http/create-sandbox.js';
export type { Sandbox, SandboxOptions } from './http/create-sandbox.js';
export { startSandboxServer } from './http/start-sandbox-server.js';
export type { FaultConfig } from './admin/fault-config.js';
export { parseFaultsJson } from './config/sandbox-config.js';
export { SANDBOX_FRANCECONNECT } from './franceconnect/sandbox-franceconnect.js';
