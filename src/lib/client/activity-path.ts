// Where a round's activity lives, for « tout le monde ici »: phones follow the current round to
// its page. A link type with no page yet falls back to the workshop page, which shows the round.
import type { LinkType } from '$lib/domain/agenda';

/**
 * Pages of linked activities, by type. A type missing here falls back to the workshop page,
 * which shows the round and its instructions.
 */
const ACTIVITY_PAGES: Partial<Record<LinkType, (code: string, id: string) => string>> = {
	document: (code, id) => `/w/${code}/documents/${id}`,
	wall: (code, id) => `/w/${code}/mur/${id}`,
	// The light voting page (no agenda, queue or document code on it: a phone's first load).
	poll: (code, id) => `/w/${code}/vote/${id}`,
	// The light opinion page: one statement at a time, also a phone's first load.
	opinion: (code, id) => `/w/${code}/opinion/${id}`
};

export function workshopPath(code: string): string {
	return `/w/${code}`;
}

export function activityPath(
	code: string,
	linked: { type: LinkType; id: string } | undefined
): string {
	const page = linked ? ACTIVITY_PAGES[linked.type] : undefined;
	return page && linked ? page(code, linked.id) : workshopPath(code);
}
