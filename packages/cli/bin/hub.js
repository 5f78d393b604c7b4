#!/usr/bin/env node
// The `hub` command. A committed shim (npm links bins at install time, before `prepare` builds
// dist/), loading the compiled CLI.
//
// NODE_ENV defaults to production, as in a deployment: graphql-js then skips its development-only
// cross-realm check in every `instanceOf` (a measurable share of execution). Set before the CLI
// is imported, because graphql-js reads it once, when its modules load.
process.env.NODE_ENV ??= 'production';
await import('../dist/bin/hub.js');
