import { describe, expect, it } from '@jest/globals';
import { CookieSealer } from './sealed-cookie.js';

const SECRET = 'a-session-secret-of-enough-length';

describe('CookieSealer', () => {
  it('opens what it sealed, and the value does not show the claims', async () => {
    const sealer = new CookieSealer(SECRET, 'session', () => 1_000_000);
    const value = await sealer.seal({ sref: 'pseudonym-123' }, 60);
    expect(value).not.toContain('pseudonym');
    expect(Buffer.from(value.split('.').join(''), 'base64url').toString('latin1')).not.toContain('pseudonym');
    expect(await sealer.open(value)).toMatchObject({ sref: 'pseudonym-123' });
  });

  it('refuses an altered value, another purpose, another secret, and an expired value', async () => {
    let clock = 1_000_000;
    const sealer = new CookieSealer(SECRET, 'session', () => clock);
    const value = await sealer.seal({ sref: 'p' }, 60);
    const parts = value.split('.');
    const tag = parts[4]!;
    parts[4] = (tag[0] === 'A' ? 'B' : 'A') + tag.slice(1);
    expect(await sealer.open(parts.join('.'))).toBeNull();
    expect(await new CookieSealer(SECRET, 'login', () => clock).open(value)).toBeNull();
    expect(await new CookieSealer(`${SECRET}!`, 'session', () => clock).open(value)).toBeNull();
    expect(await sealer.open('not-a-jwe')).toBeNull();
    expect(await sealer.open(undefined)).toBeNull();
    clock += 61_000;
    expect(await sealer.open(value)).toBeNull();
  });

  it('refuses a short secret', () => {
    expect(() => new CookieSealer('short', 'session', Date.now)).toThrow(RangeError);
  });
});
