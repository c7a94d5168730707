// "At most once per interval per key": a tally per poll, a refetch signal per wall, a notice per
// connection. Bursts are the normal case in a room (50 phones vote, place dots or arrive within
// a second), and each burst must cost a few messages, not one per person — while the last state
// still leaves, so nobody is left looking at a count that missed the final ballot.
//
// Time is injected (`clock`), so the logic is tested with a fake clock, and each throttle is one
// instance owned by whoever created it (a channel, a connection): no state shared between them.

/** What a throttle needs from time; `systemClock` in the app, a fake one in tests. */
export interface ThrottleClock {
	now(): number;
	setTimeout(run: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/**
 * Real time. Its timers do not keep a Node process alive (`unref`): a throttled notice is never
 * worth delaying a shutdown, and every owner cancels its throttle when it closes.
 */
export const systemClock: ThrottleClock = {
	now: () => Date.now(),
	setTimeout(run, ms) {
		const handle = setTimeout(run, ms) as { unref?: () => void };
		handle.unref?.();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0])
};

export interface KeyedThrottleOptions<K, V> {
	intervalMs: number;
	clock: ThrottleClock;
	/**
	 * The throttled action, for `call`, with the value of the key's latest call (the newest state
	 * to send). Callers that only use `take` leave it out.
	 */
	run?: (key: K, value: V) => void;
	/**
	 * true (default): a call after a quiet interval runs at once, and the calls that follow within
	 * the interval run once when it ends (leading + trailing). false: the first call waits a full
	 * interval too, so a burst is gathered before anything is sent (trailing only).
	 */
	leading?: boolean;
}

/** `V` is what a call carries to the run (`void`: nothing, and `call(key)` alone). */
export interface KeyedThrottle<K, V = void> {
	/**
	 * Asks for `run(key, value)`: at once when allowed, else once at the end of the interval with
	 * the value of the last call made meanwhile.
	 */
	call(key: K, value: V): void;
	/**
	 * For callers that act themselves and drop what is too soon (a notice repeated to a client
	 * typing into a locked editor): true — and it counts as a run — when `key` may run now.
	 */
	take(key: K): boolean;
	/** `key` just ran by another path (a forced send): its interval starts now, no run pending. */
	ranNow(key: K): void;
	/** Drops the run waiting for `key`, if any. */
	cancel(key: K): void;
	/** Whether a run is waiting for the end of `key`'s interval. */
	pending(key: K): boolean;
	/** Drops every waiting run; later calls do nothing (the owner closed). */
	dispose(): void;
}

interface KeyState<V> {
	lastAt: number;
	timer: unknown;
	value: V | undefined;
}

export function createKeyedThrottle<K, V = void>(
	options: KeyedThrottleOptions<K, V>
): KeyedThrottle<K, V> {
	const { intervalMs, clock } = options;
	const leading = options.leading ?? true;
	const keys = new Map<K, KeyState<V>>();
	let disposed = false;
	/** Key count after the last sweep: sweeping when it doubles keeps the cost per call constant. */
	let sweptAt = 0;

	const stateOf = (key: K) => {
		let state = keys.get(key);
		if (!state) {
			if (keys.size >= 2 * Math.max(sweptAt, 32)) sweep();
			state = { lastAt: -Infinity, timer: null, value: undefined };
			keys.set(key, state);
		}
		return state;
	};

	/** Keys quiet for a whole interval behave as if never seen: forgetting them bounds memory. */
	function sweep() {
		const t = clock.now();
		for (const [key, state] of keys) {
			if (state.timer === null && t - state.lastAt >= intervalMs) keys.delete(key);
		}
		sweptAt = keys.size;
	}

	function fire(key: K, state: KeyState<V>, value: V) {
		state.timer = null;
		state.value = undefined;
		state.lastAt = clock.now();
		options.run?.(key, value);
	}

	return {
		call(key, value) {
			if (disposed) return;
			const state = stateOf(key);
			state.value = value;
			if (state.timer !== null) return;
			const t = clock.now();
			if (leading && t - state.lastAt >= intervalMs) return fire(key, state, value);
			const wait = leading ? state.lastAt + intervalMs - t : intervalMs;
			state.timer = clock.setTimeout(() => fire(key, state, state.value as V), Math.max(0, wait));
		},
		take(key) {
			if (disposed) return false;
			const state = stateOf(key);
			const t = clock.now();
			if (state.timer !== null || t - state.lastAt < intervalMs) return false;
			state.lastAt = t;
			return true;
		},
		ranNow(key) {
			if (disposed) return;
			const state = stateOf(key);
			if (state.timer !== null) clock.clearTimeout(state.timer);
			state.timer = null;
			state.value = undefined;
			state.lastAt = clock.now();
		},
		cancel(key) {
			const state = keys.get(key);
			if (!state || state.timer === null) return;
			clock.clearTimeout(state.timer);
			state.timer = null;
			state.value = undefined;
		},
		pending: (key) => (keys.get(key)?.timer ?? null) !== null,
		dispose() {
			disposed = true;
			for (const state of keys.values()) {
				if (state.timer !== null) clock.clearTimeout(state.timer);
			}
			keys.clear();
		}
	};
}
