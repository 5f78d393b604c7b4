import type { ApolloServerPlugin } from '@apollo/server';
import type { JournalEntryInput } from '@hub/core';
import type { JournalWriter } from '@hub/store';
import type { GraphQLContext } from '../resolvers/context.js';

/** The result about to be sent (data + formatted errors), as both execution paths hold it. */
export type SingleResult = { data?: Record<string, unknown> | null; errors?: ReadonlyArray<unknown> };

/** Records the request's releases, or withholds them; resolves once the response may leave. */
export type ReleaseRecorder = (ctx: GraphQLContext, result: SingleResult) => Promise<void>;

/**
 * Nothing personal leaves the hub before its journal entries are committed (docs/contract.md#journal).
 *
 * Runs after execution and before the response is handed to the HTTP layer, on both execution
 * paths (Apollo's `willSendResponse` hook and the prepared-operation path): the entries of every
 * subject that had fields released are appended (group commit, see JournalWriter) and awaited. If
 * the journal cannot be written, every personal root field (`person`, `persons`) is replaced by
 * null and a coded error explains why — the data is withheld, never released unrecorded.
 */
export function createReleaseRecorder(writer: JournalWriter): ReleaseRecorder {
  return async (ctx, result) => {
    if (ctx.subjects.size === 0) return;
    const entries: JournalEntryInput[] = [];
    for (const subject of ctx.subjects.values()) {
      if (subject.releasedFields.size === 0) continue;
      entries.push({
        requestId: ctx.requestId,
        operatorId: ctx.principal.operatorId,
        tokenJti: ctx.principal.jti,
        consentId: subject.consent.id,
        subjectRef: subject.consent.subjectRef,
        purpose: subject.consent.purpose,
        releasedFields: [...subject.releasedFields].sort(),
        releasedScopes: [...subject.releasedScopes].sort(),
        // Only the calls made about this subject (under `persons`, not the others').
        upstreamCalls: subject.upstreamCallsAmong(ctx.upstreamCalls),
        deniedFields: subject.deniedFields,
        // FranceConnect mode: the token was the consent (its jti hashed; absent for a hub consent).
        ...(subject.consent.franceConnect ? { consentKind: 'franceconnect' as const, franceConnectJti: subject.consent.franceConnect.jtiHash } : {}),
      });
    }
    if (entries.length === 0) return;
    try {
      await writer.append(entries);
    } catch (error) {
      ctx.logger.error({ err: error }, 'journal unavailable: personal data withheld');
      withholdPersonalData(result, [...ctx.subjects.keys()]);
    }
  };
}

/** The release recorder as an Apollo plugin (the path for everything Apollo executes). */
export function journalPlugin(record: ReleaseRecorder): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue: ctx, response }) {
          if (ctx.subjects.size === 0 || response.body.kind !== 'single') return;
          await record(ctx, response.body.singleResult);
        },
      };
    },
  };
}

function withholdPersonalData(result: SingleResult, subjectKeys: string[]): void {
  const roots = new Set(subjectKeys.map((k) => k.split('.')[0]!));
  if (result.data) {
    for (const root of roots) {
      const value = result.data[root];
      // `persons` is a non-null list of nullable entries: keep its length, null every entry.
      result.data[root] = Array.isArray(value) ? value.map(() => null) : null;
    }
  }
  result.errors = [
    ...(result.errors ?? []).filter((e) => !roots.has(String((e as { path?: unknown[] }).path?.[0]))),
    {
      message: 'The access journal could not be written: personal data is withheld. Retry later.',
      path: [...roots].slice(0, 1),
      extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'journal_unavailable', retryAfter: 5 },
    },
  ];
}
