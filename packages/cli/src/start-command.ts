import { createHub, DEMO_OPERATOR_PATH, prepareDemo, type HubConfig } from '@hub/gateway';

/** `hub start` (what `npm start` runs): migrations, keys, demo operator, HTTP server. */
export async function startCommand(config: HubConfig, out: (line: string) => void): Promise<void> {
  const hub = await createHub(config);
  const { url } = await hub.listen();
  const base = config.publicUrl.includes(`:${config.port}`) || config.port === 0 ? url : config.publicUrl;
  out('');
  out(`Particulier Hub listening on ${base}`);
  out(`  GraphQL      ${base}/graphql   (explorer: ${base}/)`);
  out(`  JWKS         ${base}/.well-known/jwks.json`);
  if (config.sandbox.enabled) out(`  Sandbox      ${base}/sandbox   (fictitious upstreams and identity provider)`);
  out(`  Database     ${config.database.kind === 'pg' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.database.dataDir}`}`);
  if (config.demo) {
    const demo = await prepareDemo(hub.store, hub.admin, config.sandbox.enabled ? { publicUrl: config.publicUrl } : {});
    if (demo) {
      out('');
      out(`Demo operator${demo.created ? ' created' : ''} (id ${demo.operatorId}); a token valid for 12 hours:`);
      out('');
      out(`  ${demo.token}`);
      out('');
      out('Try it:');
      out('');
      out(`  curl -s ${base}/graphql -H 'Authorization: Bearer ${demo.token}' -H 'Content-Type: application/json' \\`);
      out(`    -d '{"query":"{ viewer { name siret scopes } }"}'`);
      if (config.sandbox.enabled) {
        out('');
        out('A sandbox consent for a synthetic citizen (see: npx hub sandbox personas):');
        out('');
        out(`  npx hub consent grant --operator ${demo.operatorId} --persona sophie-lambert --scopes identite_pivot,cnaf_quotient_familial --purpose "Démonstration" --json`);
        out('');
        out('The whole consent journey in a browser (the demo operator\'s site: consent page, token, query):');
        out('');
        out(`  ${base}${DEMO_OPERATOR_PATH}`);
      }
    }
  }
  out('');
  const stop = async (signal: string) => {
    hub.logger.info({ signal }, 'stopping');
    await hub.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
