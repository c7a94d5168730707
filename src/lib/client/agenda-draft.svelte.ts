// The facilitator's working copy of the ordre du jour: edited locally (add, edit, reorder,
// duplicate, delete, template) and sent whole with `PUT /api/workshops/:id/agenda`. Rounds keep
// their server id so the running round keeps its clock across a save.
import {
	AGENDA_MAX_ITEMS,
	reorder,
	type AgendaItem,
	type AgendaItemInput,
	type LinkType,
	type RoundKind
} from '$lib/domain/agenda';

/** A round being edited: `key` is local (list identity), `id` the server's (absent when new). */
export interface DraftRound {
	key: string;
	id?: string;
	title: string;
	kind: RoundKind;
	minutes: number;
	instructions: string;
	linkType: LinkType | '';
	linkId: string;
	lockDocument: boolean;
	closePoll: boolean;
}

function fromItem(item: AgendaItem | AgendaItemInput): DraftRound {
	return {
		key: crypto.randomUUID(),
		...(item.id ? { id: item.id } : {}),
		title: item.title,
		kind: item.kind,
		minutes: Math.max(1, Math.round(item.durationSeconds / 60)),
		instructions: item.instructions ?? '',
		linkType: item.linked?.type ?? '',
		linkId: item.linked?.id ?? '',
		lockDocument: !!item.onEnd?.lockDocument,
		closePoll: !!item.onEnd?.closePoll
	};
}

/** The PUT body: end-of-round options only go with their matching link (the schema insists). */
export function toInput(round: DraftRound): AgendaItemInput {
	const linked =
		round.linkType && round.linkId.trim()
			? { type: round.linkType, id: round.linkId.trim() }
			: null;
	const onEnd = {
		...(linked?.type === 'document' && round.lockDocument ? { lockDocument: true } : {}),
		...(linked?.type === 'poll' && round.closePoll ? { closePoll: true } : {})
	};
	const instructions = round.instructions.trim();
	return {
		...(round.id ? { id: round.id } : {}),
		title: round.title.trim(),
		kind: round.kind,
		durationSeconds: Math.round(round.minutes * 60),
		...(linked ? { linked } : {}),
		...(instructions ? { instructions } : {}),
		...(Object.keys(onEnd).length ? { onEnd } : {})
	};
}

export class AgendaDraft {
	rounds = $state<DraftRound[]>([]);
	dirty = $state(false);
	/** The round whose fields are open, by key. */
	editing = $state<string | null>(null);
	/** Read by screen readers after a move or a deletion (an aria-live region shows it). */
	announcement = $state('');

	readonly full = $derived(this.rounds.length >= AGENDA_MAX_ITEMS);
	readonly valid = $derived(
		this.rounds.every((r) => r.title.trim() !== '' && r.minutes > 0 && r.minutes <= 1440)
	);

	/** Replaces the draft with the server's rounds (only when there is nothing unsaved). */
	load(items: readonly AgendaItem[]) {
		this.rounds = items.map(fromItem);
		this.dirty = false;
		this.editing = null;
	}

	/** A template replaces the draft; nothing is saved until the facilitator says so. */
	useTemplate(inputs: readonly AgendaItemInput[]) {
		this.rounds = inputs.map(fromItem);
		this.touch();
	}

	add(title: string) {
		if (this.full) return;
		const round = fromItem({ title, kind: 'discussion', durationSeconds: 600 });
		this.rounds.push(round);
		this.editing = round.key;
		this.touch();
	}

	/** Moves a round; returns false at either end (nothing to do). */
	move(from: number, to: number): boolean {
		const moved = reorder(this.rounds, from, to);
		if (!moved.ok || from === to) return false;
		this.rounds = moved.value;
		this.touch();
		return true;
	}

	duplicate(index: number) {
		const source = this.rounds[index];
		if (!source || this.full) return;
		// The copy is a new round: no server id, so it gets its own (and never steals the clock).
		const copy: DraftRound = { ...$state.snapshot(source), key: crypto.randomUUID() };
		delete copy.id;
		this.rounds.splice(index + 1, 0, copy);
		this.touch();
	}

	remove(index: number) {
		const [removed] = this.rounds.splice(index, 1);
		if (removed && this.editing === removed.key) this.editing = null;
		this.touch();
		return removed;
	}

	touch() {
		this.dirty = true;
	}

	toInput(): AgendaItemInput[] {
		return this.rounds.map(toInput);
	}
}

/** The rounds as stored (with their end-of-round options), for the facilitator's editor. */
export async function fetchEditableAgenda(workshopId: string): Promise<AgendaItem[] | null> {
	try {
		const res = await fetch(`/api/workshops/${workshopId}/agenda?edit`);
		return res.ok ? ((await res.json()) as { items: AgendaItem[] }).items : null;
	} catch {
		return null;
	}
}
