import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapSocialBenefit } from './map-social-benefit.js';

function stagingData(benefit: string): [string, Record<string, unknown>][] {
  const dir = `api_particulier_v3_cnav_${benefit}_with_civility`;
  return readdirSync(fileURLToPath(new URL(`../fixtures/siade-staging/${dir}/`, import.meta.url)))
    .filter((f) => f.startsWith('200'))
    .map((f) => [f, (readStagingCase(`${dir}/${f}`).body as { data: Record<string, unknown> }).data]);
}

describe('mapSocialBenefit over every staging case', () => {
  it.each([...stagingData('revenu_solidarite_active'), ...stagingData('prime_activite')])('RSA / prime d’activité %s', (_file, data) => {
    expect(mapSocialBenefit.withIncrease({ data })).toEqual({
      isBeneficiary: data.est_beneficiaire,
      rightsStartDate: data.date_debut_droit,
      withIncrease: data.avec_majoration,
    });
  });

  it.each([...stagingData('allocation_adulte_handicape'), ...stagingData('allocation_soutien_familial')])('AAH / ASF %s', (_file, data) => {
    expect(mapSocialBenefit.entitlement({ data })).toEqual({ isBeneficiary: data.est_beneficiaire, rightsStartDate: data.date_debut_droit });
  });

  it.each(stagingData('complementaire_sante_solidaire'))('C2S %s', (_file, data) => {
    expect(mapSocialBenefit.healthCoverage({ data })).toEqual({
      isBeneficiary: data.est_beneficiaire,
      withContribution: data.avec_participation,
      rightsStartDate: data.date_debut_droit,
    });
  });

  it.each(stagingData('allocation_enfant_handicape'))('AEEH %s', (_file, data) => {
    const mapped = mapSocialBenefit.childEducation({ data });
    const expected = { allocataire: 'RECIPIENT', ouvrant_droit: 'ENTITLING_CHILD', non_beneficiaire: 'NOT_BENEFICIARY' }[data.status as string];
    expect(expected).toBeDefined();
    expect(mapped).toEqual({ status: expected, rightsStartDate: data.date_debut_droit });
  });
});

describe('mapSocialBenefit oddities', () => {
  it('nulls an impossible date, an unknown status and mistyped flags only', () => {
    expect(mapSocialBenefit.withIncrease({ data: { est_beneficiaire: 'oui', avec_majoration: true, date_debut_droit: '2021-06-31' } })).toEqual({
      isBeneficiary: null,
      rightsStartDate: null,
      withIncrease: true,
    });
    expect(mapSocialBenefit.childEducation({ data: { status: 'inconnu', date_debut_droit: '2022-11-29' } })).toEqual({
      status: null,
      rightsStartDate: '2022-11-29',
    });
  });

  it('refuses a body without data', () => {
    expect(() => mapSocialBenefit.entitlement({ errors: [] })).toThrow(TypeError);
  });
});
