import { fileURLToPath } from 'node:url';
import { dereference } from '@apidevtools/json-schema-ref-parser';
import OpenAPIResponseValidatorModule from 'openapi-response-validator';

const OPENAPI_V3 = fileURLToPath(
  new URL('../fixtures/siade_staging_data/openapi_files/api_particulier_v3.yaml', import.meta.url),
);

/**
 * Dates are checked for their shape only: upstream data carries impossible dates (2021-06-31)
 * that the real API serves, so the sandbox must too.
 */
const customFormats = { date: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) };

/**
 * The DGFIP v2 route is absent from the OpenAPI files; its response schema is written from
 * docs/contract.md#upstreams (the retired v2 route and its staging cases).
 */
const declarant = {
  type: 'object',
  additionalProperties: false,
  required: ['nom', 'nomNaissance', 'prenoms', 'dateNaissance'],
  properties: {
    nom: { type: 'string' },
    nomNaissance: { type: 'string' },
    prenoms: { type: 'string' },
    dateNaissance: { type: 'string', pattern: '^(\\d{2}/\\d{2}/\\d{4})?$' },
  },
};
const dgfipError = {
  type: 'object',
  additionalProperties: false,
  required: ['error', 'reason', 'message'],
  properties: { error: { type: 'string' }, reason: { type: 'string' }, message: { type: 'string' } },
};
const dgfipResponses = {
  200: {
    description: 'avis',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [
        'declarant1', 'declarant2', 'foyerFiscal', 'dateRecouvrement', 'dateEtablissement', 'nombreParts',
        'situationFamille', 'nombrePersonnesCharge', 'revenuBrutGlobal', 'revenuImposable',
        'impotRevenuNetAvantCorrections', 'montantImpot', 'revenuFiscalReference', 'anneeImpots', 'anneeRevenus',
        'erreurCorrectif', 'situationPartielle',
      ],
      properties: {
        declarant1: declarant,
        declarant2: declarant,
        foyerFiscal: {
          type: 'object',
          required: ['adresse', 'annee'],
          properties: { adresse: { type: 'string' }, annee: { type: 'integer' } },
        },
        dateRecouvrement: { type: 'string', pattern: '^\\d{2}/\\d{2}/\\d{4}$' },
        dateEtablissement: { type: 'string', pattern: '^\\d{2}/\\d{2}/\\d{4}$' },
        nombreParts: { type: 'number' },
        situationFamille: { type: 'string' },
        nombrePersonnesCharge: { type: 'integer' },
        revenuBrutGlobal: { type: 'integer' },
        revenuImposable: { type: 'integer' },
        impotRevenuNetAvantCorrections: { type: ['integer', 'null'] },
        montantImpot: { type: ['integer', 'null'] },
        revenuFiscalReference: { type: 'integer' },
        anneeImpots: { type: 'string', pattern: '^\\d{4}$' },
        anneeRevenus: { type: 'string', pattern: '^\\d{4}$' },
        erreurCorrectif: { type: 'string' },
        situationPartielle: { type: 'string' },
      },
    },
  },
  default: { description: 'erreur', schema: dgfipError },
};

// A CommonJS module compiled from TypeScript: under Node's ESM loader the default import is the
// class, under Jest's it is `module.exports` (the class is its `default`).
const OpenAPIResponseValidator = ((OpenAPIResponseValidatorModule as unknown as { default?: typeof OpenAPIResponseValidatorModule }).default ?? OpenAPIResponseValidatorModule);

export type ResponseValidator = { validateResponse(status: number, body: unknown): unknown };

/** One validator per sandbox route, from the vendored OpenAPI file (dereferenced). */
export async function loadValidators(routes: readonly string[]): Promise<Map<string, ResponseValidator>> {
  const api = (await dereference(OPENAPI_V3)) as unknown as {
    paths: Record<string, { get: { responses: Record<string, unknown> } }>;
  };
  const validators = new Map<string, ResponseValidator>();
  for (const route of routes) {
    if (route === '/api/v2/avis-imposition') {
      validators.set(route, new OpenAPIResponseValidator({ responses: dgfipResponses as never, customFormats }));
      continue;
    }
    const operation = api.paths[route]?.get;
    if (!operation) throw new Error(`route ${route} is not in the OpenAPI file`);
    validators.set(route, new OpenAPIResponseValidator({ responses: operation.responses as never, customFormats }));
  }
  return validators;
}
