#!/usr/bin/env node
// The `hub` command. A committed shim (npm links bins at install time, before `prepare` builds
// dist/), loading the compiled CLI.
import '../dist/bin/hub.js';
