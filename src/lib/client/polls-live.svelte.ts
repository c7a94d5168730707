// The workshop's polls as this device sees them: the last `poll:state` and `poll:tally` from the
// server, this member's own ballots, and the intents (vote, facilitators' commands). The server
// decides everything; a ballot keeps its id until acknowledged, so a retry is never counted twice.
import type { WireError } from '$lib/protocol/errors';
import type { Choice } from '$lib/domain/poll-types';
import type { PollCommandName, PollResults, PollView } from '$lib/protocol/polls';
import type { WorkshopLive } from './workshop-live.svelte';
import { protocolStatus } from './protocol-status.svelte';
import { request, type ApiResult } from './api';

export class PollsLive {
	polls = $state<PollView[]>([]);
	tallies = $state<Record<string, PollResults>>({});
	voted = $state<Record<string, boolean>>({});
	errors = $state<Record<string, WireError | null>>({});
	pending = $state<Record<string, boolean>>({});
	/** A ballot being sent keeps its id until the server answers: a retry is the same ballot. */
	private inFlight: Record<string, { ballotId: string; choice: string } | undefined> = {};

	/** What a member's phone lists: open and past polls, and nominations from their proposals on. */
	readonly current = $derived(
		this.polls.filter((p) => p.status !== 'draft' || p.method === 'nomination')
	);

	private onState = (view: PollView) => this.receive(view);
	private onTally = (tally: PollResults) => {
		const known = this.polls.find((p) => p.id === tally.pollId);
		if (!known) return;
		this.tallies = { ...this.tallies, [tally.pollId]: tally };
		// New ballots come as the tally alone when it is visible: it carries the count.
		const voted = tally.totalBallots ?? known.participation.voted;
		if (voted !== known.participation.voted || tally.eligible !== known.participation.eligible)
			this.polls = this.polls.map((p) =>
				p.id === tally.pollId ? { ...p, participation: { voted, eligible: tally.eligible } } : p
			);
	};

	/**
	 * `withResults: false`: the list only (a member's workshop page links to each poll's light
	 * voting page, which shows the bars), so no results request per poll on a phone's first load.
	 */
	constructor(
		private live: WorkshopLive,
		private options: { withResults?: boolean } = {}
	) {
		live.socket.on('poll:state', this.onState);
		live.socket.on('poll:tally', this.onTally);
		// The greeting on entry may be gone (client navigation): read the list once.
		void this.refresh();
	}

	close() {
		this.live.socket.off('poll:state', this.onState);
		this.live.socket.off('poll:tally', this.onTally);
	}

	private receive(view: PollView) {
		if (view.workshopId !== this.live.workshopId) return;
		const index = this.polls.findIndex((p) => p.id === view.id);
		if (index === -1) this.polls = [...this.polls, view];
		else if (view.serverNow >= this.polls[index].serverNow)
			this.polls = this.polls.map((p, i) => (i === index ? { ...view, voted: p.voted } : p));
		// A reopened or hidden poll: drop counts the server no longer shows.
		if (view.status === 'open' && !view.revealed && view.settings.reveal !== 'live') {
			const { [view.id]: _dropped, ...rest } = this.tallies;
			this.tallies = rest;
		}
	}

	async refresh() {
		const res = await request('GET /api/workshops/:workshopId/polls', {
			workshopId: this.live.workshopId
		});
		// Offline: the socket's greeting brings the polls when it reconnects.
		if (!res.ok) return;
		const views = res.data;
		for (const view of views) {
			this.receive(view);
			if (view.voted) this.voted = { ...this.voted, [view.id]: true };
		}
		if (this.options.withResults === false) return;
		await Promise.all(views.filter((v) => v.status !== 'draft').map((v) => this.loadResults(v.id)));
	}

	async loadResults(pollId: string) {
		const res = await request('GET /api/polls/:pollId/results', { pollId });
		if (res.ok && !res.data.hidden) this.tallies = { ...this.tallies, [pollId]: res.data };
	}

	vote(pollId: string, choice: Choice): Promise<boolean> {
		const key = JSON.stringify(choice);
		let attempt = this.inFlight[pollId];
		if (!attempt || attempt.choice !== key)
			attempt = { ballotId: crypto.randomUUID(), choice: key };
		this.inFlight[pollId] = attempt;
		const ballotId = attempt.ballotId;
		this.pending = { ...this.pending, [pollId]: true };
		// A reload would drop the ballot before its acknowledgement: "Palabre a été mis à jour" waits.
		protocolStatus.hold(`ballot:${pollId}`, true);
		return new Promise((resolve) => {
			this.live.socket.emit('poll:vote', { pollId, ballotId, choice }, (res) => {
				this.pending = { ...this.pending, [pollId]: false };
				protocolStatus.hold(`ballot:${pollId}`, false);
				if (res.ok) {
					this.inFlight[pollId] = undefined;
					this.voted = { ...this.voted, [pollId]: true };
					this.errors = { ...this.errors, [pollId]: null };
				} else {
					this.errors = { ...this.errors, [pollId]: res.error };
				}
				resolve(res.ok);
			});
		});
	}

	/** Runs a call with `key` pending, and keeps its error under `key`; null when refused. */
	private async track<T>(key: string, call: Promise<ApiResult<T>>): Promise<T | null> {
		this.pending = { ...this.pending, [key]: true };
		const res = await call;
		this.pending = { ...this.pending, [key]: false };
		this.errors = { ...this.errors, [key]: res.ok ? null : res.error };
		return res.ok ? res.data : null;
	}

	/** Facilitators. Resolves to the new poll's id, or null (the error is in `errors.create`). */
	async create(input: Record<string, unknown>): Promise<string | null> {
		const { workshopId } = this.live;
		const created = await this.track(
			'create',
			request('POST /api/workshops/:workshopId/polls', { workshopId }, input)
		);
		return created?.id ?? null;
	}

	async command(pollId: string, name: PollCommandName, closesInSeconds?: number) {
		const body = closesInSeconds ? { closesInSeconds } : undefined;
		const view = await this.track(
			pollId,
			request('POST /api/polls/:pollId/:command', { pollId, command: name }, body)
		);
		if (view) this.receive(view);
		if (view && view.status !== 'draft') await this.loadResults(pollId);
	}

	async addRoomCount(pollId: string, body: unknown) {
		const sent = request('POST /api/polls/:pollId/room-counts', { pollId }, body);
		return (await this.track(pollId, sent)) !== null;
	}
}
