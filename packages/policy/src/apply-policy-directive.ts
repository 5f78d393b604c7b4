import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { MapperKind, getDirective, mapSchema } from '@graphql-tools/utils';
import { HubError } from '@hub/core';
import { findFieldsWithoutPolicy } from './policy-coverage.js';
import { parsePolicySpec, type PolicyDirectiveArgs, type PolicySpec } from './policy-spec.js';
import type { PolicyDecision, SubjectPolicy } from './subject-policy.js';

/** What the directive needs about the subject a field belongs to (built once per request and subject). */
export type SubjectRelease = {
  policy: SubjectPolicy;
  /** A field was resolved with a non-null value: record it for the journal. */
  released(coordinate: string, spec: PolicySpec): void;
  /** A field was withheld. */
  denied(coordinate: string, path: string, decision: Exclude<PolicyDecision, { allowed: true }>): void;
};

export type PolicyOptions<TContext, TSubject extends SubjectRelease = SubjectRelease> = {
  /** Finds the subject of the field being resolved (e.g. from the root field of `info.path`). */
  subjectOf(context: TContext, info: GraphQLResolveInfo): TSubject | undefined;
  /** The context the field's own resolver receives once allowed (default: the request's), e.g.
   * one whose loaders note the upstream calls they make on behalf of that subject. */
  contextFor?(context: TContext, subject: TSubject): TContext;
  /** Roots whose reachable fields must all declare a policy. */
  roots?: readonly string[];
};

const MESSAGES = {
  FORBIDDEN_SCOPE: (scope: string) => `The operator's habilitation does not cover scope ${scope}.`,
  CONSENT_SCOPE_MISSING: (scope: string) => `The citizen's consent does not cover scope ${scope}.`,
};

/**
 * Enforces `@policy` on every field that declares it: the field is resolved only when the
 * subject's effective scopes (habilitation ∩ consent) allow it; otherwise that field alone is null
 * with FORBIDDEN_SCOPE or CONSENT_SCOPE_MISSING — and its resolver never runs, so a denied field
 * makes no upstream call. A schema in which a personal field lacks a policy is refused here, at
 * build time (deny by default).
 */
export function applyPolicyDirective<TContext, TSubject extends SubjectRelease = SubjectRelease>(
  schema: GraphQLSchema,
  options: PolicyOptions<TContext, TSubject>,
): GraphQLSchema {
  const contextFor = options.contextFor;
  const missing = findFieldsWithoutPolicy(schema, options.roots ?? ['Person']);
  if (missing.length > 0) throw new Error(`fields without @policy (deny by default): ${missing.join(', ')}`);

  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) => {
      const args = getDirective(schema, fieldConfig, 'policy')?.[0] as PolicyDirectiveArgs | undefined;
      if (!args) return fieldConfig;
      const coordinate = `${typeName}.${fieldName}`;
      const spec = parsePolicySpec(args, coordinate);
      const resolve: GraphQLFieldResolver<unknown, TContext> = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        resolve(source, fieldArgs, context, info) {
          const subject = options.subjectOf(context, info);
          if (!subject) throw new HubError('INTERNAL_SERVER_ERROR', 'No consent governs this field.');
          const decision = subject.policy.decide(spec);
          if (!decision.allowed) {
            subject.denied(coordinate, pathString(info), decision);
            throw new HubError(decision.code, MESSAGES[decision.code](decision.scope), { scope: decision.scope });
          }
          const result = resolve(source, fieldArgs, contextFor ? contextFor(context, subject) : context, info);
          if (isPromiseLike(result)) {
            return Promise.resolve(result).then((value) => {
              if (value !== null && value !== undefined) subject.released(coordinate, spec);
              return value;
            });
          }
          if (result !== null && result !== undefined) subject.released(coordinate, spec);
          return result;
        },
      };
    },
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function pathString(info: GraphQLResolveInfo): string {
  const keys: (string | number)[] = [];
  for (let p: GraphQLResolveInfo['path'] | undefined = info.path; p; p = p.prev) keys.push(p.key);
  return keys.reverse().join('.');
}
