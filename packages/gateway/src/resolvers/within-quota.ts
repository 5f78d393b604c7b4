import { HubError } from '@hub/core';
import type { VerifiedConsent } from '../auth/consent-service.js';
import { secondsToUtcMidnight } from '../limits/operator-limits.js';
import type { GraphQLContext } from './context.js';

/**
 * The daily distinct-citizen quota, applied where consents are verified: a consent whose citizen
 * would take the operator over its quota for that purpose today becomes `RATE_LIMITED` (reason
 * `subject_quota`) in its own slot — that person is null with the error, the others are served.
 * When the counter store fails, the whole field fails closed (SERVICE_UNAVAILABLE).
 */
export async function withinQuota(ctx: GraphQLContext, results: readonly (VerifiedConsent | HubError)[]): Promise<(VerifiedConsent | HubError)[]> {
  if (!ctx.quota) return [...results];
  const verified = results.flatMap((r, i) => (r instanceof HubError ? [] : [{ i, subjectRef: r.subjectRef, purpose: r.purpose }]));
  if (verified.length === 0) return [...results];
  const refused = await ctx.quota(verified);
  if (refused.size === 0) return [...results];
  const refusedSlots = new Set([...refused].map((k) => verified[k]!.i));
  const retryAfter = secondsToUtcMidnight();
  return results.map((r, i) => (refusedSlots.has(i)
    ? new HubError('RATE_LIMITED', "The operator's daily quota of distinct citizens for this purpose is reached.", { reason: 'subject_quota', retryAfter })
    : r));
}
