import { describe, expect, it } from '@jest/globals';
import { ALL_SCOPE_NAMES } from './scope-catalogue.js';
import { describeScope, groupScopesByAdministration } from './scope-wording.js';

describe('scope wording', () => {
  it('has a sentence naming the source for every scope of the catalogue', () => {
    for (const name of ALL_SCOPE_NAMES) {
      const w = describeScope(name);
      expect(w.sentence).not.toContain(name);
      expect(w.sentence).toMatch(/, (auprès|telle)/);
    }
    expect(describeScope('cnaf_quotient_familial').sentence).toBe('Votre quotient familial, auprès de la CAF ou de la MSA');
  });

  it('keeps an unknown scope visible by its name', () => {
    expect(describeScope('old_scope')).toMatchObject({ label: 'Donnée « old_scope »', source: null });
  });

  it('groups by administration in order of appearance', () => {
    const groups = groupScopesByAdministration(['dgfip_revenu_fiscal_reference', 'cnaf_quotient_familial', 'dgfip_nombre_parts']);
    expect(groups.map((g) => g.scopes.map((s) => s.scope))).toEqual([['dgfip_revenu_fiscal_reference', 'dgfip_nombre_parts'], ['cnaf_quotient_familial']]);
  });
});
