import { describe, it } from '@jest/globals';
import { COMMANDS, renderCommandResult } from '@hub/gateway';
import { expect } from '../../../test/support/expect.js';
import { UsageError } from './cli-error.js';
import { parseCommandLine, usage } from './parse-command-line.js';

describe('the one command table, as the CLI reads it', () => {
  it('parses every declared command, camelCases its flags and checks required ones', () => {
    for (const [name, spec] of Object.entries(COMMANDS)) {
      const argv = [...name.split(' ')];
      for (const [flag, option] of Object.entries(spec.options)) if (option.required) argv.push(`--${flag}`, 'x');
      expect(parseCommandLine(argv).command, name).toBe(name);
      expect(usage(), name).toContain(`hub ${name}`);
    }
    expect(parseCommandLine(['habilitation', 'grant', '--operator', 'o', '--scopes', 's', '--purpose', 'p', '--legal-basis', 'l', '--json']))
      .toEqual({ command: 'habilitation grant', args: { operator: 'o', scopes: 's', purpose: 'p', legalBasis: 'l' }, json: true });
    expect(() => parseCommandLine(['token', 'issue'])).toThrow(new UsageError('token issue: --operator is required (operator id)'));
    expect(() => parseCommandLine(['token', 'revoke', '--jti', 'x', '--force'])).toThrow(/--force/);
    expect(() => parseCommandLine(['token', 'mint'])).toThrow(/unknown command: token mint/);
    expect(parseCommandLine(['start']).command).toBe('start');
  });

  it('renders results as the table says', () => {
    expect(renderCommandResult('token issue', { token: 't', jti: 'j', expiresAt: 'e' }, true)).toEqual({ stdout: ['{"token":"t","jti":"j","expiresAt":"e"}'] });
    expect(renderCommandResult('audit export', { entries: [{ seq: 1 }, { seq: 2 }] }, false)).toEqual({ stdout: ['{"seq":1}', '{"seq":2}'] });
    const broken = renderCommandResult('audit verify', { ok: false, seq: 7, problem: 'hash', detail: 'edited' }, true);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toEqual(['journal verification failed at seq 7: hash (edited)']);
  });
});
