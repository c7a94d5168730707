// A fetch with a cookie jar: each instance is one browser (a facilitator, a participant's phone).
export class HttpClient {
	private cookies = new Map<string, string>();

	constructor(readonly baseUrl: string) {}

	get cookieHeader(): string {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		if (this.cookies.size) headers.set('cookie', this.cookieHeader);
		let body = init.body;
		if (init.json !== undefined) {
			headers.set('content-type', 'application/json');
			body = JSON.stringify(init.json);
		}
		// Same-origin form posts: SvelteKit checks Origin on form actions.
		headers.set('origin', this.baseUrl);
		const res = await fetch(this.baseUrl + path, { ...init, headers, body, redirect: 'manual' });
		for (const line of res.headers.getSetCookie()) {
			const [pair, ...attrs] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
			if (expired || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return res;
	}

	async json<T = unknown>(path: string, init: RequestInit & { json?: unknown } = {}) {
		const res = await this.request(path, init);
		const text = await res.text();
		return {
			status: res.status,
			body: (text ? JSON.parse(text) : null) as T,
			headers: res.headers
		};
	}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}

	/** As a browser whose cookie changed (e.g. the language chosen on another page). */
	setCookie(name: string, value: string): void {
		this.cookies.set(name, value);
	}
}
