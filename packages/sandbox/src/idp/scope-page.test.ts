import { describe, expect, it } from '@jest/globals';
import { dataScopesOf, grantedScope, renderScopePage } from './scope-page.js';

const request = { clientId: 'demo-fc', redirectUri: 'http://localhost/cb', scope: 'openid identite_pivot cnaf_quotient_familial cnous_email' };

describe('the IdP scope page', () => {
  it('lists the data scopes only (not openid nor the identity claims)', () => {
    expect(dataScopesOf('openid identite_pivot given_name cnaf_quotient_familial cnous_email cnaf_quotient_familial')).toEqual(['cnaf_quotient_familial', 'cnous_email']);
  });

  it('keeps the identity scopes and the ticked data scopes', () => {
    expect(grantedScope(request.scope, ['cnous_email'])).toBe('openid identite_pivot cnous_email');
    expect(grantedScope(request.scope, [])).toBe('openid identite_pivot');
  });

  it('shows one checkbox per data scope, ticked, each with its label, and carries the login', () => {
    const html = renderScopePage(request, new URLSearchParams({ client_id: 'demo-fc', persona: 'sophie-lambert', action: 'identity' }), dataScopesOf(request.scope));
    const boxes = [...html.matchAll(/<input type="checkbox" id="([^"]+)" name="data_scope" value="([^"]+)" checked>/g)];
    expect(boxes.map((m) => m[2])).toEqual(['cnaf_quotient_familial', 'cnous_email']);
    for (const [, id] of boxes) expect(html).toContain(`<label for="${id}"`);
    expect(html).toContain('<input type="hidden" name="persona" value="sophie-lambert">');
    expect(html).not.toContain('name="action" value="identity"');
    expect(html).toContain('<legend>Données à partager avec le service</legend>');
  });
});
