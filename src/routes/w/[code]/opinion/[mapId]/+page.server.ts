// The light opinion page's data: the map and the first statement to vote on. Like the voting page
// it resets to the root layout (`+page@.svelte`), so the membership check the workshop layout
// makes is made here (pageMember). The map and the statement come from the opinion API itself
// (SvelteKit answers `event.fetch` in process): one set of access rules, the API's (docs/api.md).
import { error } from '@sveltejs/kit';
import { pageMember } from '$lib/server/http/page-member';
import type { NextStatement, OpinionMapDetail } from '$lib/protocol/opinion';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, fetch }) => {
	const { workshop, member } = await pageMember(locals, params.code);
	const mapId = encodeURIComponent(params.mapId);
	const [mapRes, nextRes] = await Promise.all([
		fetch(`/api/opinion-maps/${mapId}`),
		fetch(`/api/opinion-maps/${mapId}/next`)
	]);
	if (!mapRes.ok) error(mapRes.status === 403 ? 403 : 404);
	const map = (await mapRes.json()) as OpinionMapDetail;
	if (map.workshopId !== workshop.id) error(404);
	const next = nextRes.status === 200 ? ((await nextRes.json()) as NextStatement) : null;
	return {
		workshop: { id: workshop.id, code: workshop.code, title: workshop.title },
		role: member.role,
		map,
		next
	};
};
