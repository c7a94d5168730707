import { describe, expect, it } from 'vitest';
import {
	EMPTY_ACCUMULATOR,
	addSample,
	estimateOffset,
	isPrecise,
	measure,
	msUntil,
	serverNow,
	type ClockSample
} from '../../src/lib/domain/clock-offset';

const SERVER = 1_700_000_000_000;

/**
 * A simulated exchange: the phone's clock is `skew` ms off the server's; the request takes `up` ms
 * and the answer `down` ms. Returns what the phone would record.
 */
function exchange(serverAtSend: number, skew: number, up: number, down: number): ClockSample {
	return { t0: serverAtSend - skew, ts: serverAtSend + up, t1: serverAtSend + up + down - skew };
}

describe('clock offset', () => {
	it('a symmetric round trip gives the exact offset', () => {
		const m = measure(exchange(SERVER, 120_000, 40, 40));
		expect(m).toEqual({ offsetMs: 120_000, rttMs: 80 });
	});

	it('an asymmetric round trip errs by at most half the round trip', () => {
		const m = measure(exchange(SERVER, -5000, 300, 20));
		expect(m).not.toBeNull();
		expect(Math.abs((m?.offsetMs ?? 0) - -5000)).toBeLessThanOrEqual((m?.rttMs ?? 0) / 2);
	});

	it('a sample received before it was sent is ignored', () => {
		expect(measure({ t0: 10, ts: 5, t1: 9 })).toBeNull();
		expect(measure({ t0: 10, ts: Number.NaN, t1: 12 })).toBeNull();
		expect(estimateOffset([{ t0: 10, ts: 5, t1: 9 }])).toBeNull();
	});

	it('the fastest samples win over slow, skewed ones', () => {
		const skew = 90_000;
		const samples = [
			exchange(SERVER, skew, 1500, 100), // stuck in a 3G queue on the way up
			exchange(SERVER + 1000, skew, 30, 30),
			exchange(SERVER + 2000, skew, 25, 35),
			exchange(SERVER + 3000, skew, 40, 20),
			exchange(SERVER + 4000, skew, 100, 2000) // slow on the way down
		];
		const estimate = estimateOffset(samples);
		expect(estimate?.samples).toBe(3);
		expect(Math.abs((estimate?.offsetMs ?? 0) - skew)).toBeLessThanOrEqual(10);
		expect(estimate?.uncertaintyMs).toBe(30);
	});

	it('two phones with different clocks and networks agree on the time left within a second', () => {
		const endsAt = SERVER + 10 * 60_000;
		const phones = [
			{ skew: 3 * 60_000, up: 400, down: 150 }, // fast clock, slow 3G
			{ skew: -47_000, up: 15, down: 400 } // slow clock, asymmetric link
		].map(({ skew, up, down }) => {
			let acc = EMPTY_ACCUMULATOR;
			for (let i = 0; i < 5; i++) acc = addSample(acc, exchange(SERVER + i * 1000, skew, up, down));
			return { skew, estimate: acc.estimate };
		});
		for (const p of phones) expect(isPrecise(p.estimate)).toBe(true);
		// Both look at the same real instant, each through its own clock.
		const realNow = SERVER + 5 * 60_000;
		const [a, b] = phones.map((p) => msUntil(endsAt, realNow - p.skew, p.estimate));
		expect(Math.abs((a ?? 0) - (b ?? 0))).toBeLessThan(1000);
	});

	it('the accumulator keeps a bounded window so it follows a clock that was changed', () => {
		let acc = EMPTY_ACCUMULATOR;
		for (let i = 0; i < 8; i++) acc = addSample(acc, exchange(SERVER + i, 1000, 20, 20));
		for (let i = 0; i < 8; i++) acc = addSample(acc, exchange(SERVER + 100 + i, 61_000, 20, 20));
		expect(acc.samples).toHaveLength(8);
		expect(acc.estimate?.offsetMs).toBe(61_000);
	});

	it('an invalid sample leaves the accumulator as it was', () => {
		const acc = addSample(EMPTY_ACCUMULATOR, exchange(SERVER, 0, 10, 10));
		expect(addSample(acc, { t0: 5, ts: 0, t1: 1 })).toBe(acc);
	});

	it('without an estimate the device clock is used as is, and time left never goes negative', () => {
		expect(serverNow(1234, null)).toBe(1234);
		expect(msUntil(1000, 5000, null)).toBe(0);
		expect(isPrecise(null)).toBe(false);
	});
});
