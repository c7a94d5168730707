// The consolidated charter: JSON here; `?format=pdf|docx|html` are drawn by the writers of
// src/lib/server/charter/consolidated-*.ts from the same ConsolidatedCharter.
import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { ServiceError } from '$lib/server/services/service-error';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = api(async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') ?? 'json';
	if (format !== 'json') throw new ServiceError('validation', { field: 'format' });
	return json(await locals.app.charter.consolidated(locals.user, params.id));
});
