// The facilitator's hold on a workshop's opinion maps: the list, the map being run with all its
// statements and their counts, and the commands — create, open or close, change moderation,
// approve or hide a statement, turn a statement into an article, amendment or action. Each
// command goes to the API; the server's answer (or its translated refusal) is what is shown.
import type { WireError } from '$lib/protocol/errors';
import type {
	CreateOpinionMapBody,
	OpinionMapDetail,
	OpinionMapSummary,
	PromoteBody,
	PromoteResult,
	StatementModerationAction,
	StatementView,
	UpdateOpinionMapBody
} from '$lib/protocol/opinion';
import type { WorkshopLive } from './workshop-live.svelte';
import { opinionPaths, opinionRequest } from './opinion-api';

export class OpinionControl {
	maps = $state<OpinionMapSummary[]>([]);
	selected = $state<OpinionMapDetail | null>(null);
	pending = $state(false);
	error = $state<WireError | null>(null);
	private readonly onChanged = ({ mapId }: { mapId: string }) => {
		void this.loadMaps();
		if (mapId === this.selected?.id) void this.select(mapId);
	};

	constructor(private readonly live: WorkshopLive) {
		live.socket.on('opinion:changed', this.onChanged);
		void this.loadMaps();
	}

	async loadMaps() {
		const answer = await opinionRequest<OpinionMapSummary[]>(
			opinionPaths.maps(this.live.workshopId)
		);
		if (!answer.ok) return;
		this.maps = answer.data;
		// The newest map is the one being run, unless the facilitator picked another.
		if (!this.selected && answer.data.length > 0) await this.select(answer.data.at(-1)!.id);
	}

	async select(mapId: string) {
		const answer = await opinionRequest<OpinionMapDetail>(opinionPaths.map(mapId));
		if (answer.ok) this.selected = answer.data;
	}

	private async run<T>(request: () => ReturnType<typeof opinionRequest<T>>): Promise<T | null> {
		this.pending = true;
		this.error = null;
		try {
			const answer = await request();
			if (!answer.ok) {
				this.error = answer.error;
				return null;
			}
			return answer.data;
		} finally {
			this.pending = false;
		}
	}

	async create(body: CreateOpinionMapBody): Promise<boolean> {
		const created = await this.run<{ id: string }>(() =>
			opinionRequest(opinionPaths.maps(this.live.workshopId), { method: 'POST', body })
		);
		if (!created) return false;
		await this.select(created.id);
		await this.loadMaps();
		return true;
	}

	async update(patch: UpdateOpinionMapBody) {
		const id = this.selected?.id;
		if (!id) return;
		const summary = await this.run<OpinionMapSummary>(() =>
			opinionRequest(opinionPaths.map(id), { method: 'PATCH', body: patch })
		);
		if (summary && this.selected?.id === id) this.selected = { ...this.selected, ...summary };
	}

	async moderate(statementId: string, action: StatementModerationAction) {
		const id = this.selected?.id;
		if (!id) return;
		const view = await this.run<StatementView>(() =>
			opinionRequest(opinionPaths.moderate(id, statementId), { method: 'POST', body: { action } })
		);
		if (view && this.selected?.id === id)
			this.selected = {
				...this.selected,
				statements: this.selected.statements.map((s) => (s.id === view.id ? view : s))
			};
	}

	async promote(statementId: string, body: PromoteBody): Promise<PromoteResult | null> {
		const id = this.selected?.id;
		if (!id) return null;
		return this.run<PromoteResult>(() =>
			opinionRequest(opinionPaths.promote(id, statementId), { method: 'POST', body })
		);
	}

	close() {
		this.live.socket.off('opinion:changed', this.onChanged);
	}
}
