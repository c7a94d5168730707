// The browser's calls to the JSON API, typed by the route table (src/lib/protocol/api-routes.ts):
// `request('GET /api/polls/:pollId/results', { pollId })` returns the same shape as a socket ack,
// `{ ok: true, data }` or `{ ok: false, error }`, with the server's translated error — or, when
// no answer came (offline, server down, not JSON), the `network` error in the page's language.
// It never throws, so a page decides what an error means instead of catching everywhere.
import { m } from '$lib/paraglide/messages';
import type { ApiRoute, RouteBody, RouteParams, RouteResponse } from '$lib/protocol/api-routes';
import type { WireError } from '$lib/protocol/errors';
import type { Ack } from '$lib/protocol/events';

export type ApiResult<T> = Ack<T>;

export interface RequestOptions {
	/** SvelteKit's `fetch` in a load function, or a test's; the browser's by default. */
	fetch?: typeof fetch;
	signal?: AbortSignal;
}

/** The body, left out when the route takes none, then the options. */
type RequestArguments<R extends ApiRoute> =
	RouteBody<R> extends undefined
		? [body?: undefined, options?: RequestOptions]
		: [body: RouteBody<R>, options?: RequestOptions];

export function networkError(): WireError {
	return { code: 'network', message: m.error_network() };
}

/** The path of `route` with its `:name` segments filled in (encoded). */
export function routePath<R extends ApiRoute>(route: R, params: RouteParams<R>): string {
	const path = route.slice(route.indexOf(' ') + 1);
	return path.replace(/:(\w+)/g, (_, name: string) => {
		const value = (params as Record<string, string | undefined>)[name];
		if (value === undefined) throw new Error(`${route}: missing :${name}`);
		return encodeURIComponent(value);
	});
}

export async function request<R extends ApiRoute>(
	route: R,
	params: RouteParams<R>,
	...[body, options = {}]: RequestArguments<R>
): Promise<ApiResult<RouteResponse<R>>> {
	const method = route.slice(0, route.indexOf(' '));
	const hasBody = body !== undefined;
	let res: Response;
	try {
		res = await (options.fetch ?? fetch)(routePath(route, params), {
			method,
			headers: hasBody ? { 'content-type': 'application/json' } : {},
			body: hasBody ? JSON.stringify(body) : undefined,
			signal: options.signal
		});
	} catch {
		return { ok: false, error: networkError() };
	}
	const data: unknown = await res.json().catch(() => null);
	if (res.ok) return { ok: true, data: data as RouteResponse<R> };
	// A proxy's error page or a cut connection has no `error`: the server did not answer.
	const error = (data as { error?: WireError } | null)?.error;
	return { ok: false, error: error?.code ? error : networkError() };
}
