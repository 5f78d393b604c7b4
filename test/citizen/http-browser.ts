// A minimal browser over fetch: a cookie jar (name → value, honouring Max-Age=0 and Path), no
// automatic redirects, so each hop of the login can be asserted.
export type Hop = { status: number; location: string | null; setCookies: string[]; body: string; headers: Headers; url: string };

export class HttpBrowser {
  readonly jar = new Map<string, { value: string; path: string }>();

  cookieHeader(url: string): string {
    const path = new URL(url).pathname;
    return [...this.jar]
      .filter(([, c]) => path === c.path || path.startsWith(`${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async request(url: string, init: RequestInit = {}): Promise<Hop> {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      if (attributes.some((a) => a.toLowerCase() === 'max-age=0')) this.jar.delete(name);
      else this.jar.set(name, { value: pair!.slice(eq + 1), path });
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, url).toString() : null, setCookies, body: await res.text(), headers: res.headers, url };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Hop> {
    return this.request(url, { headers });
  }

  postForm(url: string, form: Record<string, string> | URLSearchParams, headers: Record<string, string> = {}): Promise<Hop> {
    const body = form instanceof URLSearchParams ? form : new URLSearchParams(form);
    return this.request(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** The hidden inputs of the first form of a page (the IdP's persona form). */
export function hiddenFields(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (form.has(match[1]!)) break;
    form.set(match[1]!, match[2]!.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!));
  }
  return form;
}
