// A tiny seeded PRNG (mulberry32) and the value generators the fuzz tests share. Same seed, same
// sequence: a failure is replayed by its seed, and the seeds that once found a bug are kept in
// each fuzz test's REGRESSION_SEEDS (the way tldraw's sync-core keeps its fuzz seeds).

export interface Random {
	/** In [0, 1). */
	next(): number;
	int(min: number, maxInclusive: number): number;
	chance(p: number): boolean;
	pick<T>(items: readonly T[]): T;
	string(maxLength?: number): string;
	bytes(length: number): Uint8Array;
	/** A version-4-shaped UUID from the seed (crypto.randomUUID would break the replay). */
	uuid(): string;
}

export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)];
	return {
		next,
		int,
		chance: (p) => next() < p,
		pick,
		string(maxLength = 40) {
			const alphabets = [
				'abcdefghijklmnopqrstuvwxyz',
				'ÀÉÈÇàéèçœŒ’«»ɓɗƙƴ',
				'\u0000\u0001\u001f\u007f\u200b\u202e\ufeff\ud800\udfff',
				'<>"\'&/\\`${}%',
				'🙂👍🏾🇳🇪'
			];
			const length = int(0, maxLength);
			let out = '';
			for (let i = 0; i < length; i++) out += pick([...pick(alphabets)]);
			return out;
		},
		uuid() {
			const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16)).join('');
			return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
		},
		bytes(length) {
			const out = new Uint8Array(length);
			for (let i = 0; i < length; i++) out[i] = int(0, 255);
			return out;
		}
	};
}

/** Keys that have broken JavaScript servers before: prototype pollution and friends. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** Any JSON-ish value, biased towards the shapes that break handlers. */
export function randomValue(random: Random, depth = 0): unknown {
	const kinds = depth > 2 ? 8 : 11;
	switch (random.int(0, kinds)) {
		case 0:
			return null;
		case 1:
			return undefined;
		case 2:
			return random.chance(0.5);
		case 3:
			return random.pick([
				0,
				-1,
				1,
				1.5,
				-0,
				2 ** 31,
				2 ** 53 + 2,
				-(2 ** 63),
				1e308,
				Infinity,
				NaN
			]);
		case 4:
			return random.int(-1000, 1000);
		case 5:
			return random.string();
		case 6:
			return 'x'.repeat(random.int(1_000, 120_000));
		case 7:
			return random.uuid();
		case 8:
			return random.pick(['', ' ', '0', 'true', 'null', '[]', '{}', 'undefined']);
		case 9: {
			const length = random.int(0, 5);
			return Array.from({ length }, () => randomValue(random, depth + 1));
		}
		case 10:
			return hostileObject(random, depth);
		default: {
			const out: Record<string, unknown> = {};
			for (let i = random.int(0, 4); i > 0; i--)
				out[random.string(8)] = randomValue(random, depth + 1);
			return out;
		}
	}
}

/** An object whose own keys are `__proto__` & co. (as JSON.parse makes them on the server). */
export function hostileObject(random: Random, depth = 0): Record<string, unknown> {
	const entries: [string, unknown][] = [
		[random.pick(HOSTILE_KEYS), { polluted: true, isAdmin: true, role: 'facilitator' }]
	];
	if (depth < 2 && random.chance(0.5))
		entries.push([random.string(6), randomValue(random, depth + 1)]);
	return JSON.parse(JSON.stringify(Object.fromEntries(entries)));
}

/** `base` with some fields dropped, retyped or replaced: mostly-valid input is what finds bugs. */
export function mutate(random: Random, base: Record<string, unknown>): unknown {
	if (random.chance(0.1)) return randomValue(random);
	const out: Record<string, unknown> = JSON.parse(JSON.stringify(base));
	const keys = Object.keys(out);
	for (let n = random.int(0, 3); n > 0; n--) {
		const roll = random.int(0, 3);
		if (roll === 0 && keys.length) delete out[random.pick(keys)];
		else if (roll === 1 && keys.length) out[random.pick(keys)] = randomValue(random);
		else if (roll === 2) {
			// defineProperty, not assignment: `out.__proto__ = …` would set the prototype instead.
			for (const [key, value] of Object.entries(hostileObject(random)))
				Object.defineProperty(out, key, {
					value,
					enumerable: true,
					writable: true,
					configurable: true
				});
		} else out[random.string(10)] = randomValue(random);
	}
	return out;
}
