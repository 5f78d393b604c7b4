export { openDatabase, type Database, type DatabaseOptions } from './database.js';
export { migrateLatest, MIGRATIONS_DIR, type MigrationResult } from './migrator.js';
export { createStore, type Store } from './store.js';
export { OperatorsRepository, isUuid, type OperatorRecord } from './operators-repository.js';
export { HabilitationsRepository, type HabilitationRecord } from './habilitations-repository.js';
export { SigningKeysRepository, type SigningKeyRecord } from './signing-keys-repository.js';
export { ApiTokensRepository, type ApiTokenRecord, type TokenPrincipalRow } from './api-tokens-repository.js';
export { ConsentsRepository, type ConsentRecord, type ConsentStatus } from './consents-repository.js';
export * from './journal/index.js';
