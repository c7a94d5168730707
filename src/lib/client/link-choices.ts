// What a round can be linked to, by type, for the agenda editor's pickers: the workshop's texts
// (charter, notes, plan), its polls, its idea walls and its opinion maps, read from the JSON API when the editor
// opens. The editor still accepts an id typed by hand if an activity is not in the lists.
import type { LinkType } from '$lib/domain/agenda';
import type { OpinionMapSummary } from '$lib/protocol/opinion';

export interface LinkChoice {
	id: string;
	label: string;
}

export type LinkChoices = Record<LinkType, LinkChoice[]>;

export const NO_CHOICES: LinkChoices = { document: [], poll: [], wall: [], opinion: [] };

interface DocumentSummary {
	id: string;
	kind: string;
	title: string;
}

interface OpinionMapSummary {
	id: string;
	prompt: string;
}

interface PollSummary {
	id: string;
	question: string;
}

export async function fetchLinkChoices(workshopId: string): Promise<LinkChoices> {
	const [documents, polls, maps] = await Promise.all([
		getJson<DocumentSummary[]>(`/api/workshops/${workshopId}/documents`),
		getJson<PollSummary[]>(`/api/workshops/${workshopId}/polls`),
		getJson<OpinionMapSummary[]>(`/api/workshops/${workshopId}/opinion-maps`)
	]);
	const docs = documents ?? [];
	return {
		document: docs.filter((d) => d.kind !== 'idea_wall').map((d) => ({ id: d.id, label: d.title })),
		wall: docs.filter((d) => d.kind === 'idea_wall').map((d) => ({ id: d.id, label: d.title })),
		poll: (polls ?? []).map((p) => ({ id: p.id, label: p.question })),
		opinion: (maps ?? []).map((o) => ({ id: o.id, label: o.prompt }))
	};
}

async function getJson<T>(path: string): Promise<T | null> {
	try {
		const res = await fetch(path);
		return res.ok ? ((await res.json()) as T) : null;
	} catch {
		return null;
	}
}
