/**
 * Content-Security-Policy of the explorer page. Scripts, styles and fetches stay on the hub's own
 * origin: no inline script or style (the boot script and the page stylesheet are served assets), no
 * CDN. `font-src`/`img-src` also allow `data:` because GraphiQL's stylesheet embeds its fonts and
 * icons as data URLs. `frame-ancestors` only works as a response header, not in the `<meta>` copy.
 */
export const EXPLORER_CSP_DIRECTIVES: readonly string[] = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** The policy as a response header (adds what a `<meta>` policy cannot carry). */
export const EXPLORER_CSP_HEADER = [...EXPLORER_CSP_DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** The policy as the page's `<meta http-equiv>`, so it holds even if a proxy drops the header. */
export const EXPLORER_CSP_META = EXPLORER_CSP_DIRECTIVES.join('; ');
