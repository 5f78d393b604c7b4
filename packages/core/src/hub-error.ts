import type { ErrorCode } from './error-codes.js';

/** Extensions a client may see; nothing personal, never a stack. */
export type HubErrorExtensions = {
  reason?: string;
  scope?: string;
  argument?: string;
  provider?: string;
  upstreamCode?: string;
  retryAfter?: number;
  /** Upstream failures: whether the same request may succeed later (docs/contract.md#upstream-refusals). */
  retryable?: boolean;
  limit?: string;
};

/**
 * The one error class of the hub: a code from the closed list, a message safe to show
 * to the caller, and coded extensions. Anything that is not a HubError is masked at the
 * edge as INTERNAL_SERVER_ERROR and logged with the request id.
 */
export class HubError extends Error {
  readonly code: ErrorCode;
  readonly extensions: HubErrorExtensions;

  constructor(code: ErrorCode, message: string, extensions: HubErrorExtensions = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubError';
    this.code = code;
    this.extensions = extensions;
  }
}

export function isHubError(value: unknown): value is HubError {
  return value instanceof HubError;
}
