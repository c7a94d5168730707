// One `setTimeout` per open poll with a countdown, armed at its persisted `closesAt`, so the
// server closes the poll itself. The callback re-reads the poll under lock before closing it.
import { createLogger } from '../log';

const log = createLogger('polls');

export function createPollCountdown(options: {
	now: () => number;
	onDue: (pollId: string) => Promise<void>;
}) {
	const alarms = new Map<string, NodeJS.Timeout>();
	const ringing = new Set<Promise<void>>();
	let closed = false;

	function ring(pollId: string) {
		alarms.delete(pollId);
		if (closed) return;
		const done = options
			.onDue(pollId)
			.catch((error) => log.error({ err: error, pollId }, 'could not close at the countdown'))
			.finally(() => ringing.delete(done));
		ringing.add(done);
	}

	return {
		/** Arms the poll's alarm at `closesAt`, or disarms it (null: no countdown, or not open). */
		schedule(pollId: string, closesAt: number | null) {
			const previous = alarms.get(pollId);
			if (previous) clearTimeout(previous);
			alarms.delete(pollId);
			if (closed || closesAt === null) return;
			const handle = setTimeout(() => ring(pollId), Math.max(0, closesAt - options.now()));
			// A pending close must not keep a CLI process (or a finished test) alive.
			handle.unref();
			alarms.set(pollId, handle);
		},
		async close() {
			closed = true;
			for (const handle of alarms.values()) clearTimeout(handle);
			alarms.clear();
			await Promise.allSettled([...ringing]);
		}
	};
}
