import type { AdminService } from './admin-service.js';

/** Arguments as given on the command line (`--legal-basis` → legalBasis). */
export type CommandArgs = Record<string, string | boolean | undefined>;

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The administrative commands that may run inside the hub (admin socket) or in the CLI process:
 * one table, so both paths behave the same.
 */
export const ADMIN_COMMANDS: Record<string, (s: AdminService, a: CommandArgs) => Promise<unknown>> = {
  migrate: (s) => s.migrate(),
  'operator add': (s, a) => s.addOperator({ name: str(a.name), siret: str(a.siret), contact: str(a.contact) }),
  'operator delete': (s, a) => s.deleteOperator({ id: str(a.id) }),
  'operator list': (s) => s.listOperators(),
  'habilitation grant': (s, a) => s.grantHabilitation({
    operator: str(a.operator), scopes: str(a.scopes), purpose: str(a.purpose), purposeCode: str(a.purposeCode),
    legalBasis: str(a.legalBasis), until: str(a.until),
  }),
  'token issue': (s, a) => s.issueToken({ operator: str(a.operator), ttl: str(a.ttl) }),
  'token revoke': (s, a) => s.revokeToken({ jti: str(a.jti) }),
  'consent grant': (s, a) => s.grantConsent({
    operator: str(a.operator), scopes: str(a.scopes), purpose: str(a.purpose), persona: str(a.persona), identity: str(a.identity), ttl: str(a.ttl),
  }),
  'consent revoke': (s, a) => s.revokeConsent({ id: str(a.id) }),
  'sandbox personas': async (s) => s.listPersonas(),
  'audit verify': (s) => s.auditVerify(),
  'audit export': (s, a) => s.auditExport({ operator: str(a.operator), since: str(a.since), until: str(a.until) }),
  'audit prune': (s, a) => s.auditPrune({ before: str(a.before) }),
  'key rotate': (s) => s.rotateKey(),
  'key retire': (s, a) => s.retireKey({ kid: str(a.kid) }),
  'key list': (s) => s.listKeys(),
};
