// Per-connection limits, kept apart from the session logic so that they can be reasoned about
// (and tuned) alone: a token bucket for messages, and a throttle that coalesces awareness.
import type { AwarenessEntry } from './protocol';
import { createKeyedThrottle, systemClock } from '../../src/lib/domain/keyed-throttle';

/**
 * `take(cost)` is false once a connection exceeds its sustained rate plus burst. Counts messages
 * (cost 1) or bytes (cost = frame length).
 */
export function createTokenBucket(perSecond: number, burst: number, now: () => number) {
	let tokens = burst;
	let refilledAt = now();
	return {
		take(cost = 1): boolean {
			const t = now();
			tokens = Math.min(burst, tokens + ((t - refilledAt) / 1000) * perSecond);
			refilledAt = t;
			if (tokens < cost) return false;
			tokens -= cost;
			return true;
		}
	};
}

/**
 * Awareness above one message per `intervalMs` is coalesced: only the latest state of each
 * client is kept and released when the interval is over. Cursors at keystroke rate doubled the
 * server's CPU in the collab benchmark (docs/performance.md); nobody sees a caret move 5 times a
 * second anyway. `now` is injected for the session's tests; the timers are real.
 */
export function createAwarenessThrottle(
	intervalMs: number,
	now: () => number,
	release: (entries: AwarenessEntry[]) => void
) {
	const held = new Map<number, AwarenessEntry>();
	// One key: the throttle is this connection's own.
	const throttle = createKeyedThrottle<'awareness'>({
		intervalMs,
		clock: { ...systemClock, now },
		run() {
			if (held.size === 0) return;
			const entries = Array.from(held.values());
			held.clear();
			release(entries);
		}
	});

	return {
		push(entries: AwarenessEntry[]) {
			for (const entry of entries) {
				const previous = held.get(entry.clientId);
				if (!previous || previous.clock <= entry.clock) held.set(entry.clientId, entry);
			}
			throttle.call('awareness');
		},
		dispose() {
			throttle.dispose();
			held.clear();
		}
	};
}
