// Public surface of the sandbox (owned by the sandbox upstream work; see README of the package).
export type { Persona } from './personas/persona.js';
