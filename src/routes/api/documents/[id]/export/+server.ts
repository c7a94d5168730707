import { api } from '$lib/server/http/api';
import { getLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/**
 * Derived from the live Y.Doc on each request (an action plan may ask `?version=approved`);
 * members only until the document is published.
 */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const file = await app.documentContent.export(
		user,
		event.params.id,
		event.url.searchParams.get('format'),
		getLocale(),
		{ version: event.url.searchParams.get('version') }
	);
	const inline = event.url.searchParams.has('inline');
	return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
});
