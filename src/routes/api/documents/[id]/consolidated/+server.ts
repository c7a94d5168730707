// The consolidated charter: JSON here; `?format=pdf|docx|html` are drawn by the writers of
// src/lib/server/charter/consolidated-*.ts from the same ConsolidatedCharter, in its language.
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { consolidatedExport } from '$lib/server/charter/consolidated-export';
import { translate } from '$lib/server/i18n';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	const charter = await locals.app.charter.consolidated(locals.user, params.id);
	if (format === 'json') return json(charter);
	const file = await consolidatedExport(
		format,
		charter,
		(key, values) => translate(key, charter.language, values),
		locals.app.pdfFonts
	);
	return new Response(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
});
