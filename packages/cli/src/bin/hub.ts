#!/usr/bin/env node
import { runCli } from '../run-cli.js';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
// `start` keeps running (the server holds the event loop); other commands exit with their code.
if (process.argv[2] !== 'start' || code !== 0) process.exitCode = code;
