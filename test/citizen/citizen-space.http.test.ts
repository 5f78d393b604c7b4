// The citizen space over real HTTP: login at the sandbox IdP by posting its persona form, then
// the access log; refusals of forged sessions, wrong state, and ID tokens the hub must not trust.
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import { expect } from '../support/expect.js';
import type { Persona } from '@hub/sandbox';
import { CLIENT_ID, ENTRIES, JULIEN, NOBODY, OPERATORS, PAGE_SIZE, SOPHIE, refOf, startCitizenFixture, type CitizenFixture } from './citizen-fixture.js';
import { HttpBrowser, hiddenFields, type Hop } from './http-browser.js';

let f: CitizenFixture;
beforeAll(async () => { f = await startCitizenFixture(); });
afterAll(async () => f?.close());
beforeEach(() => {
  f.fakeIdp.behaviour = {};
  f.accessLog.askedFor.length = 0;
});

/** GET /me → IdP authorize page → persona button → callback; returns the callback's answer. */
async function login(browser: HttpBrowser, who: Persona, options: { start?: string; tamper?: (authorize: URL) => void } = {}): Promise<Hop> {
  const start = await browser.get(`${f.base}${options.start ?? '/me'}`);
  expect(start.status).toBe(303);
  const authorize = new URL(start.location!);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${f.issuer}/authorize`);
  options.tamper?.(authorize);
  const page = await browser.get(authorize.toString());
  expect(page.status).toBe(200);
  const form = hiddenFields(page.body);
  form.set('persona', who.id);
  const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
  expect(chosen.status).toBe(302);
  expect(chosen.location).toMatch(new RegExp(`^${f.base}/me/callback\\?`));
  return browser.get(chosen.location!);
}

async function loggedInAs(who: Persona): Promise<HttpBrowser> {
  const browser = new HttpBrowser();
  const callback = await login(browser, who);
  expect(callback.status).toBe(303);
  expect(callback.location).toBe(`${f.base}/me`);
  return browser;
}

type JsonLog = { entries: { seq: number; when: string; recordedAt: string; purpose: string; operator: { name: string; siret: string }; data: { scope: string; label: string }[] }[]; next: string | null };

async function jsonLog(browser: HttpBrowser, query = ''): Promise<JsonLog> {
  const r = await browser.get(`${f.base}/me/access-log?format=json${query}`);
  expect(r.status).toBe(200);
  return JSON.parse(r.body) as JsonLog;
}

const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe('login at the sandbox IdP', () => {
  it('redirects with state, nonce, PKCE and the FranceConnect scopes, and keeps them in a protected cookie', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/me`);
    const params = new URL(start.location!).searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('redirect_uri')).toBe(`${f.base}/me/callback`);
    expect(params.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['openid', 'given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'birthcountry']));
    expect(params.get('state')!.length).toBeGreaterThanOrEqual(43);
    expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(43);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(start.setCookies).toHaveLength(1);
    const cookie = start.setCookies[0]!;
    expect(cookie).toMatch(/^hub_citizen_login=[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+; /);
    expect(cookie).toContain('Path=/me');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).not.toContain('Secure'); // http://127.0.0.1: Secure only over https
    expect(cookie).not.toContain(params.get('state')!);
  });

  it('logs in with a persona and sets an encrypted, short-lived session cookie', async () => {
    const browser = new HttpBrowser();
    const callback = await login(browser, SOPHIE);
    expect(callback.status).toBe(303);
    const session = callback.setCookies.find((c) => c.startsWith('hub_citizen_session='))!;
    expect(session).toMatch(/Max-Age=1800; HttpOnly; SameSite=Lax$/);
    expect(session).not.toContain(refOf(SOPHIE));
    expect(callback.setCookies.find((c) => c.startsWith('hub_citizen_login='))).toContain('Max-Age=0');
    const home = await browser.get(`${f.base}/me`);
    expect(home.status).toBe(200);
    expect(home.body).toContain('<h1>Votre espace</h1>');
    expect(home.body).toContain('href="/me/access-log"');
  });

  it('marks cookies Secure when the public URL is https', async () => {
    const start = await new HttpBrowser().get(`${f.base}/secure/me`);
    expect(start.status).toBe(303);
    expect(new URL(start.location!).searchParams.get('redirect_uri')).toBe('https://hub.example/secure/me/callback');
    expect(start.setCookies[0]).toMatch(/; Path=\/secure\/me; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
  });

  it('answers 502 with a French page when the identity provider cannot be reached', async () => {
    const r = await new HttpBrowser().get(`${f.base}/broken/me`);
    expect(r.status).toBe(502);
    expect(r.body).toContain('Connexion impossible pour le moment');
    expect(r.setCookies).toEqual([]);
    expect(f.logs.join('')).toContain('discovery document unreachable');
  });

  it('comes back to the access log when the login started there', async () => {
    const browser = new HttpBrowser();
    const callback = await login(browser, JULIEN, { start: '/me/access-log' });
    expect(callback.location).toBe(`${f.base}/me/access-log`);
  });

  it('shows a cancelled login as such, without a session', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/me`);
    const authorize = new URL(start.location!);
    const page = await browser.get(authorize.toString());
    const form = hiddenFields(page.body);
    form.set('action', 'cancel');
    const back = await browser.postForm(new URL('authorize', authorize).toString(), form);
    const callback = await browser.get(back.location!);
    expect(callback.status).toBe(200);
    expect(callback.body).toContain('Connexion annulée');
    expect(browser.jar.has('hub_citizen_session')).toBe(false);
  });
});

describe('the access log', () => {
  it('shows only the logged-in citizen’s entries, in plain French', async () => {
    const browser = await loggedInAs(SOPHIE);
    const page = await browser.get(`${f.base}/me/access-log`);
    expect(page.status).toBe(200);
    // Newest first, three per page: Sophie's entries 7, 6 and 4.
    expect(page.body).toContain('Mairie de Villeurbanne');
    expect(page.body).toContain('SIRET 21690266800013');
    expect(page.body).toContain('Tarification du conservatoire');
    expect(page.body).toContain('Quotient familial (CAF ou MSA)');
    expect(page.body).toContain('Adresse du foyer allocataire');
    expect(page.body).toContain('mardi 15 juillet 2025 à 00:05');
    expect(page.body).not.toContain('cnaf_quotient_familial');
    expect(page.body).not.toContain('person.cnaf');
    // Nothing of Julien's.
    expect(page.body).not.toContain('Julien');
    expect(f.accessLog.askedFor).toEqual([refOf(SOPHIE)]);

    const json = await jsonLog(browser);
    expect(json.entries.map((e) => e.seq)).toEqual([7, 6, 4]);
    expect(json.entries[0]).toMatchObject({
      when: 'mardi 15 juillet 2025 à 00:05',
      recordedAt: '2025-07-14T22:05:00.000Z',
      purpose: 'Tarification du conservatoire',
      operator: { name: 'Mairie de Villeurbanne', siret: '21690266800013' },
      data: [{ scope: 'cnaf_quotient_familial', label: 'Quotient familial (CAF ou MSA)' }],
    });
  });

  it('pages with ?before= through all of the citizen’s entries and no one else’s', async () => {
    const browser = await loggedInAs(SOPHIE);
    const first = await jsonLog(browser);
    expect(first.next).toBe('/me/access-log?format=json&before=4');
    const second = await jsonLog(browser, '&before=4');
    expect(second.entries.map((e) => e.seq)).toEqual([3, 1]);
    expect(second.next).toBeNull();
    const sophies = ENTRIES.filter((e) => e.subjectRef === refOf(SOPHIE)).map((e) => e.seq).sort((a, b) => b - a);
    expect([...first.entries, ...second.entries].map((e) => e.seq)).toEqual(sophies);
    expect(first.entries).toHaveLength(PAGE_SIZE);

    const html = await browser.get(`${f.base}/me/access-log`);
    expect(html.body).toContain('href="/me/access-log?before=4"');
    const older = await browser.get(`${f.base}/me/access-log?before=4`);
    expect(older.body).toContain('Instruction du dossier d’aide au logement');
    expect(older.body).not.toContain('rel="next"');
  });

  it('shows the other citizen only their own entries', async () => {
    const browser = await loggedInAs(JULIEN);
    const json = await jsonLog(browser);
    expect(json.entries.map((e) => e.seq)).toEqual([5, 2]);
    expect(json.entries[1]!.data.map((d) => d.label)).toEqual(['Revenu fiscal de référence', 'Nombre de parts fiscales']);
    const page = await browser.get(`${f.base}/me/access-log`);
    expect(page.body).toContain('CCAS de Lyon');
    expect(page.body).not.toContain('conservatoire');
  });

  it('says so when nobody accessed the citizen’s data', async () => {
    const browser = await loggedInAs(NOBODY);
    const page = await browser.get(`${f.base}/me/access-log`);
    expect(page.body).toContain('Aucun organisme n’a encore obtenu de données vous concernant');
    expect((await jsonLog(browser)).entries).toEqual([]);
    expect((await browser.get(`${f.base}/me/access-log?before=2`)).body).toContain('Il n’y a pas de consultation plus ancienne.');
  });

  it('refuses a malformed page bound', async () => {
    const browser = await loggedInAs(SOPHIE);
    for (const bad of ['abc', '-1', '0', '1e3', '99999999999999999999']) {
      expect((await browser.get(`${f.base}/me/access-log?before=${bad}`)).status).toBe(400);
    }
  });

  it('escapes operator names and purposes, and serves a strict policy with no script', async () => {
    const browser = await loggedInAs(SOPHIE);
    const page = await browser.get(`${f.base}/me/access-log`);
    expect(page.body).toContain('Crèche &lt;script&gt;alert(1)&lt;/script&gt; &amp; Cie');
    expect(page.body).toContain('Inscription en crèche &lt;b&gt;urgente&lt;/b&gt;');
    expect(page.body).not.toMatch(/<script|<b>/);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('sessions the hub must not trust', () => {
  it('sends a forged or altered session cookie back to the login', async () => {
    const browser = await loggedInAs(SOPHIE);
    const real = browser.jar.get('hub_citizen_session')!.value;
    for (const forged of [`${real.slice(0, -3)}AAA`, 'eyJhbGciOiJub25lIn0.e30.', real.split('.').reverse().join('.')]) {
      const headers = { cookie: `hub_citizen_session=${forged}` };
      const home = await browser.get(`${f.base}/me`, headers);
      expect(home.status).toBe(303);
      expect(home.location).toMatch(new RegExp(`^${f.issuer}/authorize\\?`));
      expect((await browser.get(`${f.base}/me/access-log?format=json`, headers)).status).toBe(401);
    }
  });

  it('does not accept a session sealed with another key, nor a login cookie as a session', async () => {
    const rogue = new HttpBrowser();
    const start = await rogue.get(`${f.base}/rogue/me`);
    const callback = await rogue.get((await rogue.get(start.location!)).location!);
    expect(callback.status).toBe(303);
    const otherKey = rogue.jar.get('hub_citizen_session')!.value;
    expect((await rogue.get(`${f.base}/rogue/me`)).status).toBe(200);
    const browser = new HttpBrowser();
    expect((await browser.get(`${f.base}/me/access-log?format=json`, { cookie: `hub_citizen_session=${otherKey}` })).status).toBe(401);
    await browser.get(`${f.base}/me`);
    const loginCookie = browser.jar.get('hub_citizen_login')!.value;
    expect((await browser.get(`${f.base}/me/access-log?format=json`, { cookie: `hub_citizen_session=${loginCookie}` })).status).toBe(401);
  });

  it('expires the session after 30 minutes', async () => {
    const browser = await loggedInAs(SOPHIE);
    expect((await browser.get(`${f.base}/me`)).status).toBe(200);
    f.advanceClock(31 * 60 * 1000);
    try {
      const home = await browser.get(`${f.base}/me`);
      expect(home.status).toBe(303);
      expect(home.location).toMatch(new RegExp(`^${f.issuer}/authorize\\?`));
      expect((await browser.get(`${f.base}/me/access-log?format=json`)).status).toBe(401);
    } finally {
      f.advanceClock(-31 * 60 * 1000);
    }
  });
});

describe('callbacks the hub must refuse', () => {
  it('refuses a wrong state with 400 and no session', async () => {
    const browser = new HttpBrowser();
    const callback = await login(browser, SOPHIE, { tamper: (u) => u.searchParams.set('state', 'attacker-chosen-state-0123456789abcdef') });
    expect(callback.status).toBe(400);
    expect(callback.body).toContain('Connexion expirée');
    expect(browser.jar.has('hub_citizen_session')).toBe(false);
  });

  it('refuses a callback without the login cookie (another browser) with 400', async () => {
    const victim = new HttpBrowser();
    const start = await victim.get(`${f.base}/me`);
    const authorize = new URL(start.location!);
    const page = await victim.get(authorize.toString());
    const form = hiddenFields(page.body);
    form.set('persona', SOPHIE.id);
    const chosen = await victim.postForm(new URL('authorize', authorize).toString(), form);
    const attacker = new HttpBrowser();
    const r = await attacker.get(chosen.location!);
    expect(r.status).toBe(400);
    expect(attacker.jar.has('hub_citizen_session')).toBe(false);
  });

  it('refuses an ID token whose nonce is not the one sent (the real IdP, nonce altered on the way)', async () => {
    const browser = new HttpBrowser();
    const callback = await login(browser, SOPHIE, { tamper: (u) => u.searchParams.set('nonce', 'nonce-injected-by-an-attacker-0123456789') });
    expect(callback.status).toBe(401);
    expect(callback.body).toContain('Connexion refusée');
    expect(browser.jar.has('hub_citizen_session')).toBe(false);
    expect(f.logs.join('')).toContain('nonce mismatch');
  });

  it('does not redeem the code on HEAD or POST', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/me`);
    const authorize = new URL(start.location!);
    const form = hiddenFields((await browser.get(authorize.toString())).body);
    form.set('persona', SOPHIE.id);
    const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
    expect((await browser.request(chosen.location!, { method: 'HEAD' })).status).toBe(405);
    expect((await browser.postForm(chosen.location!, {})).status).toBe(405);
    // The code is still good for the real GET.
    expect((await browser.get(chosen.location!)).status).toBe(303);
  });

  it('refuses a replayed authorization code', async () => {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/me`);
    const authorize = new URL(start.location!);
    const form = hiddenFields((await browser.get(authorize.toString())).body);
    form.set('persona', SOPHIE.id);
    const chosen = await browser.postForm(new URL('authorize', authorize).toString(), form);
    const loginCookie = browser.jar.get('hub_citizen_login')!.value;
    expect((await browser.get(chosen.location!)).status).toBe(303);
    const replay = await new HttpBrowser().get(chosen.location!, { cookie: `hub_citizen_login=${loginCookie}` });
    expect(replay.status).toBe(401);
    expect(replay.setCookies.some((c) => c.startsWith('hub_citizen_session='))).toBe(false);
  });

  async function rogueLogin(): Promise<Hop> {
    const browser = new HttpBrowser();
    const start = await browser.get(`${f.base}/rogue/me`);
    const back = await browser.get(start.location!);
    return browser.get(back.location!);
  }

  it('accepts the fake provider’s well-formed token (control for the refusals below)', async () => {
    const r = await rogueLogin();
    expect(r.status).toBe(303);
    expect(r.location).toBe(`${f.base}/rogue/me`);
  });

  it.each([
    ['another audience', { audience: 'someone-else' }, 401],
    ['another nonce', { nonce: 'a-nonce-of-a-previous-login-0123456789' }, 401],
    ['a key outside the provider’s JWKS', { foreignKey: true }, 401],
    ['no birth date', { claims: { birthdate: undefined } }, 502],
  ])('refuses an ID token with %s', async (_what, behaviour, status) => {
    f.fakeIdp.behaviour = behaviour;
    const r = await rogueLogin();
    expect(r.status).toBe(status);
    expect(r.setCookies.some((c) => c.startsWith('hub_citizen_session='))).toBe(false);
  });
});

describe('logout', () => {
  it('refuses a logout without the form token or from another origin', async () => {
    const browser = await loggedInAs(SOPHIE);
    expect((await browser.postForm(`${f.base}/me/logout`, {})).status).toBe(403);
    expect((await browser.postForm(`${f.base}/me/logout`, { csrf: 'guessed-token-0123456789abcdef' })).status).toBe(403);
    const token = csrfOf((await browser.get(`${f.base}/me`)).body);
    expect((await browser.postForm(`${f.base}/me/logout`, { csrf: token }, { origin: 'https://evil.example' })).status).toBe(403);
    // An opaque origin (sandboxed frame, data: URL) is not ours either.
    expect((await browser.postForm(`${f.base}/me/logout`, { csrf: token }, { origin: 'null' })).status).toBe(403);
    expect((await browser.get(`${f.base}/me`)).status).toBe(200);
    expect((await browser.get(`${f.base}/me/logout`)).status).toBe(405);
  });

  it('clears the session cookie on a same-origin logout with the form token', async () => {
    const browser = await loggedInAs(SOPHIE);
    const token = csrfOf((await browser.get(`${f.base}/me/access-log`)).body);
    const out = await browser.postForm(`${f.base}/me/logout`, { csrf: token }, { origin: f.base });
    expect(out.status).toBe(303);
    expect(out.location).toBe(`${f.base}/me/logged-out`);
    expect(out.setCookies.find((c) => c.startsWith('hub_citizen_session='))).toMatch(/^hub_citizen_session=; Path=\/me; Max-Age=0/);
    expect(browser.jar.has('hub_citizen_session')).toBe(false);
    expect((await browser.get(out.location!)).body).toContain('Vous êtes déconnecté');
    expect((await browser.get(`${f.base}/me`)).status).toBe(303);
  });
});

describe('privacy of the logs', () => {
  it('logs no name, birth date, commune or subject reference', async () => {
    await loggedInAs(SOPHIE);
    await loggedInAs(JULIEN);
    const text = f.logs.join('\n');
    expect(text).toContain('citizen logged in');
    for (const secret of ['FONTAINE', 'SOPHIE', 'LAMBERT', 'JULIEN', '1984', '1982', '69123', refOf(SOPHIE), refOf(JULIEN)]) {
      expect(text).not.toContain(secret);
    }
    expect([...OPERATORS.values()].some((o) => text.includes(o.siret))).toBe(false);
  });
});
