// What a round can be linked to, by type, for the agenda editor's pickers: the workshop's texts
// (charter, notes, plan), its polls, its idea walls and its opinion maps, read from the JSON API
// when the editor opens. The editor still accepts an id typed by hand if an activity is not in the lists.
import type { LinkType } from '$lib/domain/agenda';
import { request } from './api';

export interface LinkChoice {
	id: string;
	label: string;
}

export type LinkChoices = Record<LinkType, LinkChoice[]>;

export const NO_CHOICES: LinkChoices = { document: [], poll: [], wall: [], opinion: [] };

export async function fetchLinkChoices(workshopId: string): Promise<LinkChoices> {
	const [documents, polls, maps] = await Promise.all([
		request('GET /api/workshops/:workshopId/documents', { workshopId }),
		request('GET /api/workshops/:workshopId/polls', { workshopId }),
		request('GET /api/workshops/:workshopId/opinion-maps', { workshopId })
	]);
	// Offline or refused: empty lists, and the editor still takes an id typed by hand.
	const docs = documents.ok ? documents.data : [];
	return {
		document: docs.filter((d) => d.kind !== 'idea_wall').map((d) => ({ id: d.id, label: d.title })),
		wall: docs.filter((d) => d.kind === 'idea_wall').map((d) => ({ id: d.id, label: d.title })),
		poll: (polls.ok ? polls.data : []).map((p) => ({ id: p.id, label: p.question })),
		opinion: (maps.ok ? maps.data : []).map((o) => ({ id: o.id, label: o.prompt }))
	};
}
