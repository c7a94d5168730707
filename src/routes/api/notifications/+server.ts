import { json } from '@sveltejs/kit';
import { api } from '$lib/server/http/api';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/server/i18n';
import type { RequestHandler } from './$types';

/** The caller's newest notifications, translated, and how many are unread. */
export const GET: RequestHandler = api(async (event) => {
	const { app, user } = event.locals;
	return json(await app.notifications.list(user, getLocale() as Locale));
});
