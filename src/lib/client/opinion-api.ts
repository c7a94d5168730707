// The opinion map's JSON API as the screens call it (docs/api.md, « Carte des opinions »): one
// request helper that hands back either the answer or the server's translated error, so that a
// screen shows the server's reason and never decides anything itself.
import { m } from '$lib/paraglide/messages';
import type { WireError } from '$lib/protocol/errors';

export type ApiAnswer<T> = { ok: true; status: number; data: T } | { ok: false; error: WireError };

export async function opinionRequest<T>(
	path: string,
	init: { method?: string; body?: unknown } = {}
): Promise<ApiAnswer<T>> {
	try {
		const res = await fetch(path, {
			method: init.method ?? 'GET',
			headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
			body: init.body === undefined ? undefined : JSON.stringify(init.body)
		});
		// 204: « nothing more to vote on » for /next.
		const data = res.status === 204 ? null : await res.json().catch(() => null);
		if (res.ok) return { ok: true, status: res.status, data: data as T };
		const error = (data as { error?: WireError } | null)?.error;
		return { ok: false, error: error ?? { code: 'internal', message: m.opinion_error_generic() } };
	} catch {
		return { ok: false, error: { code: 'network', message: m.opinion_error_network() } };
	}
}

export const opinionPaths = {
	maps: (workshopId: string) => `/api/workshops/${workshopId}/opinion-maps`,
	map: (mapId: string) => `/api/opinion-maps/${mapId}`,
	statements: (mapId: string) => `/api/opinion-maps/${mapId}/statements`,
	moderate: (mapId: string, statementId: string) =>
		`/api/opinion-maps/${mapId}/statements/${statementId}/moderate`,
	promote: (mapId: string, statementId: string) =>
		`/api/opinion-maps/${mapId}/statements/${statementId}/promote`,
	next: (mapId: string) => `/api/opinion-maps/${mapId}/next`,
	votes: (mapId: string) => `/api/opinion-maps/${mapId}/votes`,
	analysis: (mapId: string) => `/api/opinion-maps/${mapId}/analysis`,
	export: (mapId: string, format: 'csv' | 'json') => `/api/opinion-maps/${mapId}/export.${format}`
};
