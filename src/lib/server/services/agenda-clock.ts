// One `setTimeout` per workshop whose round is running, armed at its persisted `endsAt`, so the
// server rings the bell itself (no per-second messages, no client deciding a round is over).
// The database stays the truth: the callback re-reads the run state before settling anything.
import type { TimerState } from '../../domain/timer-state';
import { createLogger } from '../log';

const log = createLogger('agenda');

export interface RoundClock {
	/**
	 * Arms (or disarms) the workshop's alarm for `timer`. `asOf` is when that state was committed:
	 * a late call carrying an older state is ignored, so a slow request cannot disarm the alarm a
	 * newer one just set.
	 */
	schedule(workshopId: string, timer: TimerState, asOf: number): void;
	/** Disarms everything and waits for alarms already ringing, so the database is not closed under them. */
	close(): Promise<void>;
}

export function createRoundClock(options: {
	now: () => number;
	onExpire: (workshopId: string) => Promise<void>;
}): RoundClock {
	// Entries stay after a round stops (one small object per workshop run here) so that `asOf`
	// still orders a late call against the last state seen.
	const alarms = new Map<string, { asOf: number; handle?: NodeJS.Timeout }>();
	const ringing = new Set<Promise<void>>();
	let closed = false;

	function ring(workshopId: string) {
		const alarm = alarms.get(workshopId);
		if (alarm) alarm.handle = undefined;
		if (closed) return;
		const done = options
			.onExpire(workshopId)
			.catch((error) => log.error({ err: error, workshopId }, 'could not end the round'))
			.finally(() => ringing.delete(done));
		ringing.add(done);
	}

	return {
		schedule(workshopId, timer, asOf) {
			const alarm = alarms.get(workshopId);
			if (alarm && alarm.asOf > asOf) return;
			if (alarm?.handle) clearTimeout(alarm.handle);
			const next: { asOf: number; handle?: NodeJS.Timeout } = { asOf };
			alarms.set(workshopId, next);
			if (closed || timer.state !== 'running') return;
			next.handle = setTimeout(() => ring(workshopId), Math.max(0, timer.endsAt - options.now()));
			// A pending bell must not keep a CLI process (or a finished test) alive.
			next.handle.unref();
		},
		async close() {
			closed = true;
			for (const alarm of alarms.values()) if (alarm.handle) clearTimeout(alarm.handle);
			alarms.clear();
			await Promise.allSettled([...ringing]);
		}
	};
}
