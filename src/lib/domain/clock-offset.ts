// Estimates how far a device's clock is from the server's, NTP-style, so every phone and the
// projector count a round down to the same server `endsAt` instead of trusting their own clocks
// (cheap Android phones are often minutes off).
//
// Why "two phones never disagree by more than a second": a sample's server time `ts` was read
// somewhere between the client's send (t0) and receive (t1), so the true offset lies within
// ±rtt/2 of `ts - (t0 + t1) / 2`, whatever the network's asymmetry. Keeping the fastest samples
// bounds each phone's error by `uncertaintyMs` (half its best round trip); if every phone keeps
// that ≤ 500 ms (`isPrecise`), any two are within 1 s of each other. On a venue hotspot round
// trips are tens of ms; on 3G a few hundred, so a handful of samples is enough. Clients should
// re-sample now and then (clocks drift, users change the time): the accumulator keeps a window.

/** t0: client clock at send; ts: server clock when answering; t1: client clock at receipt (ms). */
export interface ClockSample {
	t0: number;
	ts: number;
	t1: number;
}

export interface OffsetMeasure {
	/** Add to the client clock to get server time. */
	offsetMs: number;
	rttMs: number;
}

export interface OffsetEstimate {
	offsetMs: number;
	/** Worst-case error of `offsetMs`: half the round trip of the best sample used. */
	uncertaintyMs: number;
	samples: number;
}

/** The bound each device must meet for two devices to agree within a second. */
export const PRECISE_UNCERTAINTY_MS = 500;
/** Samples kept: enough to ride out a few slow round trips, few enough to follow drift. */
export const DEFAULT_WINDOW = 8;
/** Fastest samples whose offsets are combined by median (one odd outlier cannot pull it). */
export const DEFAULT_BEST = 3;

/** `null` for an impossible sample (receipt before send, non-finite numbers): it is dropped. */
export function measure(sample: ClockSample): OffsetMeasure | null {
	const { t0, ts, t1 } = sample;
	if (![t0, ts, t1].every(Number.isFinite) || t1 < t0) return null;
	return { offsetMs: ts - (t0 + t1) / 2, rttMs: t1 - t0 };
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2
		? (sorted[mid] as number)
		: ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Median offset of the `best` samples with the smallest round trip (the least delayed by queues
 * and radio), or `null` with no valid sample.
 */
export function estimateOffset(
	samples: readonly ClockSample[],
	best = DEFAULT_BEST
): OffsetEstimate | null {
	const measures = samples
		.map(measure)
		.filter((m): m is OffsetMeasure => m !== null)
		.sort((a, b) => a.rttMs - b.rttMs)
		.slice(0, Math.max(1, best));
	const fastest = measures[0];
	if (!fastest) return null;
	return {
		offsetMs: Math.round(median(measures.map((m) => m.offsetMs))),
		// The median lies between the kept samples' intervals: bound it by the widest one kept.
		uncertaintyMs: Math.ceil(Math.max(...measures.map((m) => m.rttMs)) / 2),
		samples: measures.length
	};
}

export function isPrecise(estimate: OffsetEstimate | null): boolean {
	return estimate !== null && estimate.uncertaintyMs <= PRECISE_UNCERTAINTY_MS;
}

/** Plain-data accumulator: a client keeps one in its state and replaces it on each sample. */
export interface OffsetAccumulator {
	samples: readonly ClockSample[];
	estimate: OffsetEstimate | null;
}

export const EMPTY_ACCUMULATOR: OffsetAccumulator = { samples: [], estimate: null };

/** Adds a sample (invalid ones are ignored), keeps the last `window`, and re-estimates. */
export function addSample(
	acc: OffsetAccumulator,
	sample: ClockSample,
	options: { window?: number; best?: number } = {}
): OffsetAccumulator {
	if (!measure(sample)) return acc;
	const window = Math.max(1, options.window ?? DEFAULT_WINDOW);
	const samples = [...acc.samples, sample].slice(-window);
	return { samples, estimate: estimateOffset(samples, options.best) };
}

/** Server time as this device best knows it (0 offset until the first sample arrives). */
export function serverNow(clientNow: number, estimate: OffsetEstimate | null): number {
	return clientNow + (estimate?.offsetMs ?? 0);
}

/** Time left on a running round, from its server `endsAt`; never negative. */
export function msUntil(
	endsAt: number,
	clientNow: number,
	estimate: OffsetEstimate | null
): number {
	return Math.max(0, endsAt - serverNow(clientNow, estimate));
}
