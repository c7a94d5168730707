import { joinUrl } from '$lib/server/http/join-url';
import type { PageServerLoad } from './$types';

/**
 * The projector screen: any member may open it (the layout checked membership); read-only.
 * `bare`: the layouts leave out the site header and the workshop's links (nothing to project).
 */
export const load: PageServerLoad = async ({ parent, locals, url }) => {
	const { workshop } = await parent();
	return {
		bare: true,
		joinUrl: joinUrl(locals.app.config.origin ?? url.origin, workshop.code)
	};
};
