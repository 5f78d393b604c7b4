import { z } from 'zod';

/**
 * Fault injection for one route (or `*` for every route):
 * - `latencyMs` + up to `jitterMs` (uniform) before answering;
 * - `errorRate` (0..1) of calls answered with `status` (default 502) and that provider's real
 *   error body; `status` alone means every call (`errorRate` 1);
 * - `hang`: never answer, until the client goes away;
 * - `garbage`: 200 with a body that is not JSON; `truncated`: 200 with the JSON cut short.
 */
export const faultConfigSchema = z.strictObject({
  route: z.string().min(1),
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  jitterMs: z.number().int().min(0).max(600_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  status: z.number().int().min(400).max(599).optional(),
  hang: z.boolean().optional(),
  garbage: z.boolean().optional(),
  truncated: z.boolean().optional(),
});

export type FaultConfig = z.infer<typeof faultConfigSchema>;
