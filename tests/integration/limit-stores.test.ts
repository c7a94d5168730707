// One contract, two stores: the guessing limits behave the same in the database (PGlite or
// PostgreSQL) and in Redis, and a new store over the same data (a restarted server) sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import { createDbLimitStore, deploymentId } from '../../src/lib/server/limits/db-store';
import { createRedisLimitStore } from '../../src/lib/server/limits/redis-store';
import type { LimitStore } from '../../src/lib/server/limits/limit-store';
import { afterFailure, type FailureState, type GuessRule } from '../../src/lib/domain/guess-limits';
import { createTestDatabase } from '../helpers/test-database';

const rule: GuessRule = { free: 2, drainPerMinute: 6, baseDelayMs: 1_000, maxDelayMs: 4_000 };
const T0 = 1_800_000_000_000;

let database: DatabaseHandle;
beforeAll(async () => {
	database = await createTestDatabase();
});
afterAll(() => database.close());

const redisUrl = process.env.REDIS_URL;

const backends: { name: string; skip: boolean; open: () => Promise<LimitStore> }[] = [
	{ name: 'the database', skip: false, open: async () => createDbLimitStore(database.db) },
	{
		name: 'Redis',
		skip: !redisUrl,
		open: async () =>
			createRedisLimitStore(redisUrl!, `palabre:${await deploymentId(database.db)}:`)
	}
];

for (const backend of backends) {
	describe.skipIf(backend.skip)(`guessing limits kept in ${backend.name}`, () => {
		let store: LimitStore;
		let n = 0;
		const key = () => `fail:test:${backend.name}:${++n}`;
		beforeAll(async () => {
			store = await backend.open();
		});
		afterAll(() => store.close());

		it('counts failures with the drain and the delays of the domain rules', async () => {
			const k = key();
			let expected: FailureState | null = null;
			const times = [T0, T0, T0, T0 + 500, T0 + 20_000];
			for (const t of times) {
				expected = afterFailure(expected, t, rule);
				const got = await store.fail(k, rule, t);
				expect(got.score).toBeCloseTo(expected.score, 6);
				expect(got.blockedUntil).toBe(expected.blockedUntil);
			}
			const [read] = await store.read([k], T0 + 20_000);
			expect(read?.blockedUntil).toBe(expected!.blockedUntil);
		});

		it('counts every one of many concurrent failures', async () => {
			const k = key();
			await Promise.all(Array.from({ length: 25 }, () => store.fail(k, rule, T0)));
			const [state] = await store.read([k], T0);
			expect(state?.score).toBe(25);
		});

		it('lets concurrent claims through only as far as the schedule allows', async () => {
			const k = key();
			const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim(k, rule, T0)));
			// Two free, then the third sets a block of 1 s: the seven others are refused.
			expect(claims.filter((c) => c.ok)).toHaveLength(rule.free + 1);
			const refused = claims.find((c) => !c.ok);
			expect(refused).toEqual({ ok: false, blockedUntil: T0 + rule.baseDelayMs });
			const [state] = await store.read([k], T0);
			expect(state?.score).toBe(rule.free + 1);
		});

		it('claims as the domain counts failures, and a refund takes the failure and its block back', async () => {
			const k = key();
			let expected: FailureState | null = null;
			for (const t of [T0, T0 + 10, T0 + 20]) {
				expected = afterFailure(expected, t, rule);
				const claim = await store.claim(k, rule, t);
				expect(claim).toEqual({
					ok: true,
					heldUntil: expected.blockedUntil > t ? expected.blockedUntil : 0
				});
			}
			expect(expected!.blockedUntil).toBe(T0 + 20 + rule.baseDelayMs);
			await store.refund(k, expected!.blockedUntil, rule, T0 + 30);
			const [state] = await store.read([k], T0 + 30);
			expect(state?.blockedUntil).toBe(0);
			expect(state?.score).toBeCloseTo(
				expected!.score - 1 - (10 * rule.drainPerMinute) / 60_000,
				6
			);
			expect((await store.claim(k, rule, T0 + 40)).ok).toBe(true);
		});

		it('does not lift a block that a later failure extended', async () => {
			const k = key();
			for (let i = 0; i < rule.free; i++) await store.claim(k, rule, T0);
			const claim = await store.claim(k, rule, T0);
			expect(claim.ok).toBe(true);
			const failed = await store.fail(k, rule, T0);
			await store.refund(k, claim.ok ? claim.heldUntil : 0, rule, T0);
			const [state] = await store.read([k], T0);
			expect(state?.blockedUntil).toBe(failed.blockedUntil);
		});

		it('answers null for a key it never saw', async () => {
			expect(await store.read([key(), key()], T0)).toEqual([null, null]);
		});

		it('remembers an address until the given time', async () => {
			const k = `known:test:${backend.name}:${++n}`;
			expect(await store.isRemembered(k, T0)).toBe(false);
			await store.remember(k, T0 + 60_000, T0);
			expect(await store.isRemembered(k, T0 + 1_000)).toBe(true);
		});

		it('keeps what it stored for a new store over the same data (a restarted server)', async () => {
			const k = key();
			for (let i = 0; i < 4; i++) await store.fail(k, rule, T0);
			const known = `known:test:${backend.name}:${++n}`;
			await store.remember(known, T0 + 60_000, T0);
			const again = await backend.open();
			try {
				const [state] = await again.read([k], T0 + 100);
				expect(state?.score).toBe(4);
				expect(state!.blockedUntil).toBeGreaterThan(T0 + 100);
				expect(await again.isRemembered(known, T0 + 100)).toBe(true);
			} finally {
				await again.close();
			}
		});
	});
}

describe('the deployment id that keeps deployments apart in one Redis', () => {
	it('is the same for every instance on one database and differs between databases', async () => {
		const first = await deploymentId(database.db);
		expect(await deploymentId(database.db)).toBe(first);
		const other = await createTestDatabase();
		try {
			expect(await deploymentId(other.db)).not.toBe(first);
		} finally {
			await other.close();
		}
	});
});
