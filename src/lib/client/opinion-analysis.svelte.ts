// One opinion map's latest analysis, kept current from the room: the server announces each
// recomputation (`opinion:analysis`, at most one per 2 s and only after new votes) and every
// screen then asks for its own copy, where only its own dot is marked. The projector, the
// facilitator's panel and a phone that opened its map all use this; nobody receives votes.
import type { OpinionAnalysis } from '$lib/protocol/opinion';
import type { PalabreClientSocket } from './socket';
import { opinionPaths, opinionRequest } from './opinion-api';

export class OpinionAnalysisLive {
	analysis = $state<OpinionAnalysis | null>(null);
	/** The first answer has come (an analysis, or the server's refusal). */
	loaded = $state(false);
	private inFlight = false;
	/** An announcement came during a request: one more request once it answers, not one each. */
	private again = false;
	private closed = false;
	private readonly onAnalysis = ({ mapId }: { mapId: string }) => {
		if (mapId === this.mapId) void this.refresh();
	};
	private readonly onConnect = () => void this.refresh();

	constructor(
		private readonly socket: PalabreClientSocket,
		readonly mapId: string
	) {
		socket.on('opinion:analysis', this.onAnalysis);
		// Announcements missed while offline: the newest analysis comes with the connection.
		socket.on('connect', this.onConnect);
		void this.refresh();
	}

	async refresh() {
		if (this.inFlight) {
			this.again = true;
			return;
		}
		this.inFlight = true;
		try {
			const answer = await opinionRequest<OpinionAnalysis>(opinionPaths.analysis(this.mapId));
			if (this.closed) return;
			// Answers may cross: never go back to an older version.
			if (answer.ok && (!this.analysis || answer.data.version >= this.analysis.version))
				this.analysis = answer.data;
			this.loaded = true;
		} finally {
			this.inFlight = false;
		}
		if (this.again && !this.closed) {
			this.again = false;
			await this.refresh();
		}
	}

	close() {
		this.closed = true;
		this.socket.off('opinion:analysis', this.onAnalysis);
		this.socket.off('connect', this.onConnect);
	}
}
