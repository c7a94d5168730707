// When each agenda round really ran, read back from the agenda's audit lines (append-only, dated
// by the database in the same transaction as the command). No second record is kept: the audit
// log already holds every start, finish, bell and move, in order.
//
// A round starts at its first `start`; it ends at the last `finish` or bell (`round_end`), or when
// the facilitator moves on (`next` / `previous`) while it was running or paused. A round visited
// again and restarted keeps its first start and gets its latest end.

export const ROUND_TIME_ACTIONS = [
	'agenda.start',
	'agenda.finish',
	'agenda.round_end',
	'agenda.next',
	'agenda.previous'
] as const;

export interface AgendaAuditEvent {
	action: string;
	/** The round the cursor is on after the command (the new one for next/previous). */
	subject: string | null;
	at: number;
}

export interface RoundTimes {
	startedAt: number | null;
	endedAt: number | null;
}

/** Actual times by round id; events must be in the order they were committed. */
export function actualRoundTimes(events: readonly AgendaAuditEvent[]): Map<string, RoundTimes> {
	const times = new Map<string, RoundTimes>();
	const of = (id: string) => {
		let t = times.get(id);
		if (!t) times.set(id, (t = { startedAt: null, endedAt: null }));
		return t;
	};
	let running: string | null = null;
	for (const event of events) {
		switch (event.action) {
			case 'agenda.start':
				if (!event.subject) break;
				of(event.subject).startedAt ??= event.at;
				running = event.subject;
				break;
			case 'agenda.finish':
			case 'agenda.round_end':
				if (!event.subject) break;
				of(event.subject).endedAt = event.at;
				if (running === event.subject) running = null;
				break;
			case 'agenda.next':
			case 'agenda.previous':
				if (running) of(running).endedAt = event.at;
				running = null;
				break;
		}
	}
	return times;
}
