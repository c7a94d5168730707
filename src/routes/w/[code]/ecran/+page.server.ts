import { joinUrl } from '$lib/server/http/join-url';
import type { PageServerLoad } from './$types';

/** The projector screen: any member may open it (the layout checked membership); read-only. */
export const load: PageServerLoad = async ({ parent, locals, url }) => {
	const { workshop } = await parent();
	return { joinUrl: joinUrl(locals.app.config.origin ?? url.origin, workshop.code) };
};
