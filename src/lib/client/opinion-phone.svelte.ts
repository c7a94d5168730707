// One opinion map as a participant's phone uses it on its light page: the statement to vote on,
// the vote sent and the next statement asked at once, the progress count, the statements this
// member wrote (and whether they wait for the facilitator), and which activity the current round
// points at, to follow the room. Its own socket, like the voting page: no workshop layout code.
//
// The phone learns of new statements from `opinion:changed` (no text in it): when it had run out
// of statements it asks for the next one again; it refetches the map only while one of its own
// statements waits for moderation, so 300 phones do not download every statement on each change.
import type { AgendaState } from '$lib/protocol/events';
import type { WireError } from '$lib/protocol/errors';
import type {
	NextStatement,
	OpinionMapDetail,
	OpinionMapSummary,
	OpinionVote,
	StatementView
} from '$lib/protocol/opinion';
import type { MemberRole } from '$lib/domain/workshop';
import type { LinkType } from '$lib/domain/agenda';
import { connectSocket, type PalabreClientSocket } from './socket';
import { opinionPaths, opinionRequest } from './opinion-api';

export type PhoneStatus = 'connecting' | 'online' | 'offline' | 'removed';

export interface OpinionPhoneInit {
	workshopId: string;
	role: MemberRole;
	map: OpinionMapDetail;
	next: NextStatement | null;
}

export class OpinionPhone {
	status = $state<PhoneStatus>('connecting');
	role = $state<MemberRole>('participant');
	ended = $state<string | null>(null);
	map = $state<OpinionMapSummary>() as OpinionMapSummary;
	/** The statement on screen; `null` once every statement has been voted on. */
	next = $state<NextStatement | null>(null);
	progress = $state<{ voted: number; total: number }>({ voted: 0, total: 0 });
	/** A vote is on its way: the buttons wait for it (the server answers with the progress). */
	voting = $state(false);
	voteError = $state<WireError | null>(null);
	mine = $state<StatementView[]>([]);
	writing = $state(false);
	writeError = $state<WireError | null>(null);
	/** The status of the statement just sent, for the thank-you line. */
	written = $state<StatementView['status'] | null>(null);
	linked = $state<{ type: LinkType; id: string } | undefined | null>(null);
	roundId = $state<string | null>(null);
	readonly socket: PalabreClientSocket;
	private agendaAt = 0;

	constructor(
		private readonly init: OpinionPhoneInit,
		socket: PalabreClientSocket = connectSocket({ websocketFirst: true })
	) {
		this.role = init.role;
		this.take(init.map);
		this.showNext(init.next);
		this.socket = socket;
		socket.on('connect', () => this.enter());
		socket.on('disconnect', () => {
			if (this.status !== 'removed') this.status = 'offline';
		});
		socket.on('session:ended', ({ message }) => (this.ended = message));
		socket.on('member:removed', ({ workshopId }) => {
			if (workshopId === init.workshopId) this.status = 'removed';
		});
		socket.on('member:role', ({ workshopId, role }) => {
			if (workshopId === init.workshopId) this.role = role;
		});
		socket.on('agenda:state', (state) => this.receiveAgenda(state));
		socket.on('opinion:changed', ({ mapId }) => {
			if (mapId === this.map.id) void this.changed();
		});
		if (socket.connected) this.enter();
	}

	get mapId() {
		return this.map.id;
	}

	private take(detail: OpinionMapDetail) {
		const { statements, ...summary } = detail;
		this.map = summary;
		this.mine = statements.filter((s) => s.mine);
	}

	private showNext(next: NextStatement | null) {
		this.next = next;
		if (next) this.progress = next.progress;
		else this.progress = { voted: this.progress.total, total: this.progress.total };
	}

	private enter() {
		this.socket.emit('workshop:enter', { workshopId: this.init.workshopId }, (res) => {
			if (!res.ok) {
				this.status = 'removed';
				return;
			}
			this.role = res.data.role;
			this.status = 'online';
			// Whatever changed while offline: the map's state and the statement to vote on.
			void this.changed(true);
		});
	}

	private receiveAgenda(state: AgendaState) {
		if (state.workshopId !== this.init.workshopId || state.serverNow < this.agendaAt) return;
		this.agendaAt = state.serverNow;
		const item = state.current ? state.items[state.current.index] : undefined;
		this.linked = item?.linked;
		this.roundId = item?.id ?? null;
	}

	private async changed(all = false) {
		const waiting = this.mine.some((s) => s.status === 'pending');
		if (all || waiting) {
			const detail = await opinionRequest<OpinionMapDetail>(opinionPaths.map(this.map.id));
			if (detail.ok) this.take(detail.data);
		} else {
			const maps = await opinionRequest<OpinionMapSummary[]>(
				opinionPaths.maps(this.init.workshopId)
			);
			const summary = maps.ok ? maps.data.find((s) => s.id === this.map.id) : undefined;
			if (summary) this.map = summary;
		}
		if (all || !this.next) await this.loadNext();
	}

	async loadNext() {
		const answer = await opinionRequest<NextStatement | null>(opinionPaths.next(this.map.id));
		if (answer.ok) this.showNext(answer.status === 204 ? null : answer.data);
	}

	/** Sends this vote on the statement on screen, then shows the next one. */
	async vote(vote: OpinionVote) {
		const current = this.next;
		if (!current || this.voting) return;
		this.voting = true;
		this.voteError = null;
		try {
			const answer = await opinionRequest<{ progress: { voted: number; total: number } }>(
				opinionPaths.votes(this.map.id),
				{ method: 'POST', body: { statementId: current.statement.id, vote } }
			);
			if (!answer.ok) {
				this.voteError = answer.error;
				return;
			}
			this.progress = answer.data.progress;
			await this.loadNext();
		} finally {
			this.voting = false;
		}
	}

	/** Sends a statement; resolves true when the server took it (the form then empties). */
	async write(text: string): Promise<boolean> {
		if (this.writing) return false;
		this.writing = true;
		this.writeError = null;
		this.written = null;
		try {
			const answer = await opinionRequest<{ statementId: string; status: StatementView['status'] }>(
				opinionPaths.statements(this.map.id),
				{ method: 'POST', body: { text } }
			);
			if (!answer.ok) {
				this.writeError = answer.error;
				return false;
			}
			this.written = answer.data.status;
			this.mine = [
				...this.mine,
				{
					id: answer.data.statementId,
					text: text.trim(),
					status: answer.data.status,
					mine: true,
					seed: false,
					// A one-off timestamp string, not reactive state (the phone does not show it).
					// eslint-disable-next-line svelte/prefer-svelte-reactivity
					createdAt: new Date().toISOString()
				}
			];
			return true;
		} finally {
			this.writing = false;
		}
	}

	close() {
		this.socket.disconnect();
	}
}
