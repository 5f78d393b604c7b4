import { z } from 'zod';
import { faultConfigSchema, type FaultConfig } from '../admin/fault-config.js';

export type SandboxConfig = { port: number; host: string; token: string; faults: FaultConfig[]; publicUrl?: string };

export class ConfigError extends Error {}

/**
 * The standalone sandbox's configuration, the only place it reads the environment:
 * `SANDBOX_PORT` (default 4010), `SANDBOX_HOST` (default 0.0.0.0, for containers),
 * `HUB_SANDBOX_TOKEN` (default `sandbox`), `SANDBOX_FAULTS` (JSON array of fault configs),
 * `SANDBOX_PUBLIC_URL` (default `http://<host>:<port>`: where browsers reach the sandbox, e.g.
 * `http://localhost:4000/sandbox` behind the compose nginx; the IdP's issuer is it + `/idp`).
 * A bad value throws a ConfigError naming the variable.
 */
export function readSandboxConfig(env: NodeJS.ProcessEnv): SandboxConfig {
  const portText = env.SANDBOX_PORT ?? '4010';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) {
    throw new ConfigError(`SANDBOX_PORT must be a port number (0-65535), got "${portText}"`);
  }
  const token = env.HUB_SANDBOX_TOKEN ?? 'sandbox';
  if (token.trim() === '' || /\s/.test(token)) {
    throw new ConfigError('HUB_SANDBOX_TOKEN must be a non-empty token without spaces');
  }
  const faults = env.SANDBOX_FAULTS !== undefined && env.SANDBOX_FAULTS.trim() !== '' ? parseFaultsJson(env.SANDBOX_FAULTS) : [];
  const publicUrl = env.SANDBOX_PUBLIC_URL?.trim() ? env.SANDBOX_PUBLIC_URL.trim().replace(/\/+$/, '') : undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(publicUrl)) {
    throw new ConfigError(`SANDBOX_PUBLIC_URL must be an http(s) URL without query or fragment, got "${publicUrl}"`);
  }
  return { port: Number(portText), host: env.SANDBOX_HOST ?? '0.0.0.0', token, faults, ...(publicUrl !== undefined && { publicUrl }) };
}

/** `SANDBOX_FAULTS`: a JSON array of fault configs (also read by the hub for its in-process sandbox). */
export function parseFaultsJson(text: string): FaultConfig[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ConfigError('SANDBOX_FAULTS must be JSON: an array of {"route", "latencyMs", ...} objects');
  }
  const parsed = z.array(faultConfigSchema).safeParse(raw);
  if (!parsed.success) throw new ConfigError(`SANDBOX_FAULTS is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
