import { describe, expect, it } from '@jest/globals';
import { validateSchoolingArgs, type SchoolingArgs } from './validate-schooling-args.js';

function rejected(args: SchoolingArgs): unknown {
  try {
    validateSchoolingArgs(args);
  } catch (error) {
    return error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('validateSchoolingArgs', () => {
  it('accepts a school search, upper-casing the UAI and sending the start year', () => {
    expect(validateSchoolingArgs({ schoolYear: '2025-2026', schoolCode: '0130032p' })).toEqual({
      anneeScolaire: '2025',
      codeEtablissement: '0130032P',
    });
    expect(validateSchoolingArgs({ schoolYear: '2022', schoolCode: '0890003V' })).toEqual({ anneeScolaire: '2022', codeEtablissement: '0890003V' });
  });

  it('accepts a perimeter search by departments or by regions, with the level as 1D/2D', () => {
    expect(validateSchoolingArgs({ schoolYear: '2025', level: 'PRIMARY', departmentCodes: ['075', '013', '075'] })).toEqual({
      anneeScolaire: '2025',
      degreEtablissement: '1D',
      codesBcnDepartements: ['013', '075'],
    });
    expect(validateSchoolingArgs({ schoolYear: '2025', level: 'SECONDARY', regionCodes: ['11'] })).toEqual({
      anneeScolaire: '2025',
      degreEtablissement: '2D',
      codesBcnRegions: ['11'],
    });
  });

  it.each([
    [{ schoolYear: '25-26', schoolCode: '0130032P' }, 'schoolYear'],
    [{ schoolYear: '2025-2027', schoolCode: '0130032P' }, 'schoolYear'],
    [{ schoolYear: '2025' }, 'schoolCode'],
    [{ schoolYear: '2025', schoolCode: 'ABC' }, 'schoolCode'],
    [{ schoolYear: '2025', schoolCode: '0130032P', departmentCodes: ['013'] }, 'schoolCode'],
    [{ schoolYear: '2025', schoolCode: '0130032P', level: 'SECONDARY' }, 'level'],
    [{ schoolYear: '2025', departmentCodes: ['013'] }, 'level'],
    [{ schoolYear: '2025', level: 'PRIMARY', departmentCodes: ['013'], regionCodes: ['11'] }, 'regionCodes'],
    [{ schoolYear: '2025', level: 'PRIMARY', departmentCodes: [] }, 'departmentCodes'],
    [{ schoolYear: '2025', level: 'PRIMARY', regionCodes: ['Île'] }, 'regionCodes'],
  ] as [SchoolingArgs, string][])('rejects %j naming %s', (args, argument) => {
    expect(rejected(args)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument } });
  });
});
