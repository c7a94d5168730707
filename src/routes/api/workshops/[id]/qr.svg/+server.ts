import { api } from '$lib/server/http/api';
import { joinUrl, qrSvg } from '$lib/server/http/join-url';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const { workshop } = await app.workshops.access(user, event.params.id);
	const svg = await qrSvg(joinUrl(app.config.origin ?? event.url.origin, workshop.code));
	return new Response(svg, {
		headers: { 'content-type': 'image/svg+xml', 'cache-control': 'private, max-age=3600' }
	});
});
