import { api } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

/** The workshop's minutes (procès-verbal), built on each request; facilitators and reviewers. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	const file = await app.report.generate(
		user,
		event.params.id,
		event.url.searchParams.get('format')
	);
	return new Response(new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
});
