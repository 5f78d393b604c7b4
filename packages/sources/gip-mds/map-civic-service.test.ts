import { describe, expect, it } from '@jest/globals';
import { readStagingCase } from '../fixtures/read-staging-case.js';
import { mapCivicService } from './map-civic-service.js';

const DIR = 'api_particulier_v3_gip_mds_service_civique_with_civility';

describe('mapCivicService', () => {
  it('maps a current and a past contract', () => {
    expect(mapCivicService(readStagingCase(`${DIR}/200-volontaire-actif-et-passe.yaml`).body)).toEqual({
      current: { found: true, hostOrganisation: { siret: '18009202500059', name: 'MINISTERE DE L EDUCATION NATIONALE' }, startDate: '2024-10-01', endDate: '2025-07-31' },
      past: { found: true, hostOrganisation: { siret: '42229566900026', name: 'UNIS CITE' }, startDate: '2021-03-15', endDate: '2021-11-14' },
    });
  });

  it('reads a contract not found as found: false with nothing else', () => {
    const { current, past } = mapCivicService(readStagingCase(`${DIR}/200-volontaire-passe.yaml`).body);
    expect(current).toEqual({ found: false, hostOrganisation: null, startDate: null, endDate: null });
    expect(past).toMatchObject({ found: true, hostOrganisation: { name: 'CROIX ROUGE FRANCAISE' } });
    expect(mapCivicService(readStagingCase(`${DIR}/200-volontaire-actif.yaml`).body).past?.found).toBe(false);
  });

  it('survives impossible dates, missing blocks and odd types', () => {
    const record = mapCivicService({
      data: {
        statut_actuel: { contrat_trouve: 'yes', organisme_accueil: null, date_debut_contrat: '2021-06-31', date_fin_contrat: '31/12/2021' },
      },
    });
    expect(record).toEqual({ current: { found: null, hostOrganisation: null, startDate: null, endDate: null }, past: null });
  });
});
