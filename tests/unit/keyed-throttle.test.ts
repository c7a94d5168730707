// The one "at most once per interval per key" throttle, on a fake clock: time moves only when the
// test says so, so every edge (leading, trailing, per key, cancel, dispose) is exact.
import { describe, expect, it } from 'vitest';
import { createKeyedThrottle, type ThrottleClock } from '../../src/lib/domain/keyed-throttle';

/** A clock whose timers fire when `advance` walks past them, in order. */
function fakeClock() {
	let t = 1_000;
	let nextId = 0;
	const timers = new Map<number, { at: number; run: () => void }>();
	const clock: ThrottleClock = {
		now: () => t,
		setTimeout(run, ms) {
			const id = ++nextId;
			timers.set(id, { at: t + ms, run });
			return id;
		},
		clearTimeout: (handle) => void timers.delete(handle as number)
	};
	return {
		clock,
		timers: () => timers.size,
		advance(ms: number) {
			const end = t + ms;
			for (;;) {
				const due = [...timers.entries()]
					.filter(([, timer]) => timer.at <= end)
					.sort((a, b) => a[1].at - b[1].at)[0];
				if (!due) break;
				timers.delete(due[0]);
				t = due[1].at;
				due[1].run();
			}
			t = end;
		}
	};
}

function setup(leading = true) {
	const time = fakeClock();
	const runs: Array<[string, number]> = [];
	const throttle = createKeyedThrottle<string>({
		intervalMs: 200,
		clock: time.clock,
		leading,
		run: (key) => runs.push([key, time.clock.now()])
	});
	return { time, runs, throttle };
}

describe('createKeyedThrottle, leading and trailing', () => {
	it('runs a call after a quiet interval at once', () => {
		const { runs, throttle } = setup();
		throttle.call('poll');
		expect(runs).toEqual([['poll', 1_000]]);
	});

	it('turns a burst into the first run and one last run at the end of the interval', () => {
		const { time, runs, throttle } = setup();
		throttle.call('poll');
		for (let i = 0; i < 10; i++) {
			time.advance(15);
			throttle.call('poll');
		}
		expect(runs).toHaveLength(1);
		expect(throttle.pending('poll')).toBe(true);
		time.advance(200);
		expect(runs).toEqual([
			['poll', 1_000],
			['poll', 1_200]
		]);
		expect(throttle.pending('poll')).toBe(false);
	});

	it('never runs a key twice within an interval, whatever the rhythm of the calls', () => {
		const { time, runs, throttle } = setup();
		for (let i = 0; i < 100; i++) {
			throttle.call('poll');
			time.advance(37);
		}
		time.advance(1_000);
		const gaps = runs.slice(1).map(([, at], i) => at - runs[i][1]);
		expect(gaps.every((gap) => gap >= 200)).toBe(true);
		// The last call (at 4,663) is covered by a run after it.
		expect(runs.at(-1)![1]).toBeGreaterThanOrEqual(1_000 + 99 * 37);
	});

	it('keeps keys apart: a burst on one key does not delay another', () => {
		const { time, runs, throttle } = setup();
		throttle.call('a');
		time.advance(50);
		throttle.call('a');
		throttle.call('b');
		expect(runs).toEqual([
			['a', 1_000],
			['b', 1_050]
		]);
		time.advance(150);
		expect(runs.at(-1)).toEqual(['a', 1_200]);
	});

	it('ranNow starts the interval and drops the waiting run; cancel drops it only', () => {
		const { time, runs, throttle } = setup();
		throttle.call('poll');
		time.advance(50);
		throttle.call('poll');
		throttle.ranNow('poll');
		expect(throttle.pending('poll')).toBe(false);
		time.advance(100);
		throttle.call('poll'); // 150 ms after the forced run: waits until 250 ms after it
		time.advance(99);
		expect(runs).toHaveLength(1);
		time.advance(1);
		expect(runs.at(-1)).toEqual(['poll', 1_250]);

		throttle.call('poll');
		throttle.cancel('poll');
		time.advance(1_000);
		expect(runs).toHaveLength(2);
	});

	it('after dispose, runs nothing more and holds no timer', () => {
		const { time, runs, throttle } = setup();
		throttle.call('a');
		throttle.call('a');
		throttle.call('b');
		throttle.call('b');
		expect(time.timers()).toBe(2);
		throttle.dispose();
		expect(time.timers()).toBe(0);
		throttle.call('c');
		time.advance(1_000);
		expect(runs.map(([key]) => key)).toEqual(['a', 'b']);
	});
});

describe('createKeyedThrottle, trailing only', () => {
	it('gathers a burst for a whole interval, then runs once', () => {
		const { time, runs, throttle } = setup(false);
		throttle.call('wall');
		time.advance(100);
		throttle.call('wall');
		expect(runs).toEqual([]);
		time.advance(100);
		expect(runs).toEqual([['wall', 1_200]]);
		throttle.call('wall');
		time.advance(199);
		expect(runs).toHaveLength(1);
		time.advance(1);
		expect(runs.at(-1)).toEqual(['wall', 1_400]);
	});
});

describe('createKeyedThrottle, take (leading only)', () => {
	it('allows one per interval per key and drops the rest', () => {
		const { time, throttle } = setup();
		expect(throttle.take('refusal')).toBe(true);
		expect(throttle.take('refusal')).toBe(false);
		expect(throttle.take('resync')).toBe(true);
		time.advance(199);
		expect(throttle.take('refusal')).toBe(false);
		time.advance(1);
		expect(throttle.take('refusal')).toBe(true);
		expect(time.timers()).toBe(0);
	});
});

describe('createKeyedThrottle, memory', () => {
	it('forgets keys that have been quiet for an interval', () => {
		const { time, runs, throttle } = setup();
		for (let i = 0; i < 1_000; i++) {
			throttle.call(`poll-${i}`);
			time.advance(1);
		}
		// Old keys were swept: a key seen long ago runs at once, as a new one would.
		time.advance(200);
		throttle.call('poll-0');
		expect(runs.at(-1)).toEqual(['poll-0', time.clock.now()]);
		// A key inside its interval was not forgotten.
		throttle.call('poll-999');
		throttle.call('poll-0');
		expect(throttle.pending('poll-0')).toBe(true);
	});
});

describe('createKeyedThrottle, values', () => {
	it('gives the run the value of the latest call of that key', () => {
		const time = fakeClock();
		const sent: Array<[string, number]> = [];
		const throttle = createKeyedThrottle<string, number>({
			intervalMs: 250,
			clock: time.clock,
			leading: false,
			run: (key, value) => sent.push([key, value])
		});
		throttle.call('w1', 1);
		throttle.call('w2', 10);
		throttle.call('w1', 2);
		throttle.call('w1', 3);
		time.advance(250);
		expect(sent).toEqual([
			['w1', 3],
			['w2', 10]
		]);
	});
});
