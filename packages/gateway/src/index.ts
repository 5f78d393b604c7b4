export { createHub, type Hub, type CreateHubOptions } from './hub.js';
export { loadConfig, ConfigError, DEFAULT_DATA_DIR, type HubConfig, type LoadConfigOptions } from './config.js';
export { createLogger } from './logger.js';
export { LEASE_FLOOR, MAX_LEASE } from './limits/batched-rate-counter.js';
export { startClusterMetrics } from './observability/cluster-metrics.js';
export { AdminService, parseDuration, parseScopes } from './admin/admin-service.js';
export { AdminInputError } from './admin/admin-error.js';
export {
  COMMANDS, argumentKey, checkCommandArgs, renderCommandResult, runCommand,
  type CommandArgs, type CommandDefinition, type CommandOption, type CommandOutput,
} from './admin/command-table.js';
export { isAdminSocketAlive, sendAdminCommand, type RemoteResult } from './admin/admin-socket.js';
export { KeyRing, SIGNING_ALG } from './auth/key-ring.js';
export { SealedSigningKeys } from './auth/sealed-signing-keys.js';
export { sandboxSecrets, SANDBOX_SECRETS_FILE, type SandboxSecrets } from './sandbox-secrets.js';
export { buildHubSchema } from './graphql/build-schema.js';
export { prepareDemo, DEMO_OPERATOR_NAME, DEMO_SIRET, type PrepareDemoOptions } from './demo.js';
export { createDemoOperator, DEMO_OPERATOR_PATH, DEMO_QUERY, DEMO_REQUEST, demoCallbackUri, type DemoOperatorDeps } from './demo-operator/index.js';
export { createAdminService } from './admin/create-admin-service.js';
export { ConsentService, CONSENT_TOKEN_TYPE } from './auth/consent-service.js';
export { buildUnprotectedSchema } from './graphql/build-schema.js';
export { createExplorer, EXPLORER_DEFAULT_QUERY, type Explorer, type ExplorerOptions } from './explorer/index.js';
export { createCitizenSpace, storeAccessLog, storeOperatorDirectory, identityFromClaims, CitizenLoginError, type CitizenSpace, type CitizenSpaceDeps, type CitizenSession, type AccessLogReader, type OperatorDirectory, type CitizenSpaceLink } from './citizen/index.js';
export { createConsentFlow, storeCitizenConsents, buildReceipt, verifyReceipt, CONSENT_RECEIPT_TYPE, type ConsentFlowDeps, type ConsentReceipt, type ReceiptVerification } from './consent/index.js';
export { formatResult } from './admin/format-result.js';
