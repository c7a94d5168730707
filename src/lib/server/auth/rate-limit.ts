// Token buckets keyed by string (ip, device, join code, e-mail). In memory, per instance: with
// several instances behind a proxy each enforces its own share, which is stricter, not looser.
export interface RateLimiter {
	/** Takes one token for `key`; false when the bucket is empty. */
	consume(key: string): boolean;
	reset(key: string): void;
}

export interface RateLimitOptions {
	/** Burst size. */
	capacity: number;
	/** Tokens restored per minute. */
	perMinute: number;
	now?: () => number;
}

export function createRateLimiter({ capacity, perMinute, now = Date.now }: RateLimitOptions) {
	const buckets = new Map<string, { tokens: number; at: number }>();
	const refillPerMs = perMinute / 60_000;
	let lastSweep = now();

	function sweep(t: number) {
		// Forget full buckets now and then so memory tracks active clients, not every client ever.
		if (t - lastSweep < 60_000) return;
		lastSweep = t;
		for (const [key, b] of buckets) {
			if (b.tokens + (t - b.at) * refillPerMs >= capacity) buckets.delete(key);
		}
	}

	const limiter: RateLimiter = {
		consume(key) {
			const t = now();
			sweep(t);
			const b = buckets.get(key) ?? { tokens: capacity, at: t };
			b.tokens = Math.min(capacity, b.tokens + (t - b.at) * refillPerMs);
			b.at = t;
			if (b.tokens < 1) {
				buckets.set(key, b);
				return false;
			}
			b.tokens -= 1;
			buckets.set(key, b);
			return true;
		},
		reset(key) {
			buckets.delete(key);
		}
	};
	return limiter;
}
