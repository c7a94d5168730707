// Guessing limits in the `guess_limits` table (PGlite or PostgreSQL): survives a restart, and is
// shared by every instance on one database. Each claim, refund and failure is one atomic statement.
import { and, eq, gt, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client';
import { guessLimits } from '../db/schema';
import {
	afterFailure,
	delayAfter,
	forgetAt,
	type FailureState,
	type GuessRule
} from '../../domain/guess-limits';
import type { LimitStore } from './limit-store';

/** Expired rows are swept at most this often, by whichever failure comes along. */
const SWEEP_EVERY_MS = 60_000;

export function createDbLimitStore(db: Database): LimitStore {
	let lastSweep = 0;

	async function sweep(now: number) {
		if (now - lastSweep < SWEEP_EVERY_MS) return;
		lastSweep = now;
		await db.delete(guessLimits).where(lt(guessLimits.expiresAt, now));
	}

	/** The score as of `now`, drained since the row's last failure (0 for an expired row). */
	const drainedSql = (now: number, rule: GuessRule) =>
		sql`(case when ${guessLimits.expiresAt} <= ${now} then 0 else greatest(0, ${guessLimits.score} - greatest(0, ${now} - ${guessLimits.at}) * ${rule.drainPerMinute / 60_000}::double precision) end)`;
	/** `delayAfter(score)` of the domain, in SQL (the contract suite checks they agree). */
	const delaySql = (score: SQL, rule: GuessRule) =>
		sql`(case when ${score} <= ${rule.free} then 0 else least(${rule.maxDelayMs}::double precision, ${rule.baseDelayMs}::double precision * power(2, least(ceil(${score} - ${rule.free}) - 1, 40))) end)`;

	return {
		async read(keys, now) {
			if (keys.length === 0) return [];
			const rows = await db
				.select()
				.from(guessLimits)
				.where(and(inArray(guessLimits.key, keys), gt(guessLimits.expiresAt, now)));
			const byKey = new Map(rows.map((r) => [r.key, r]));
			return keys.map((key) => {
				const row = byKey.get(key);
				return row ? { score: row.score, at: row.at, blockedUntil: row.blockedUntil } : null;
			});
		},

		async claim(key, rule, now) {
			await sweep(now);
			const score = sql`(${drainedSql(now, rule)} + 1)`;
			const delay = delaySql(score, rule);
			const first = afterFailure(null, now, rule);
			const [row] = await db
				.insert(guessLimits)
				.values({
					key,
					score: first.score,
					at: now,
					blockedUntil: first.blockedUntil > now ? first.blockedUntil : 0,
					expiresAt: forgetAt(first, rule) + 1
				})
				.onConflictDoUpdate({
					target: guessLimits.key,
					set: {
						score,
						at: sql`greatest(${guessLimits.at}, ${now})`,
						blockedUntil: sql`case when ${delay} > 0 then ${now} + ${delay} else 0 end`,
						expiresAt: sql`greatest(${guessLimits.expiresAt}, ${now} + ${delay}, ${now} + ceil(${score} / ${rule.drainPerMinute / 60_000}::double precision)) + 1`
					},
					// Only while not blocked: a blocked key is left as it is and the claim refused.
					setWhere: sql`${guessLimits.blockedUntil} <= ${now} or ${guessLimits.expiresAt} <= ${now}`
				})
				.returning({ blockedUntil: guessLimits.blockedUntil });
			if (row) return { ok: true, heldUntil: row.blockedUntil };
			const [held] = await db
				.select({ blockedUntil: guessLimits.blockedUntil })
				.from(guessLimits)
				.where(eq(guessLimits.key, key));
			return { ok: false, blockedUntil: held?.blockedUntil ?? now };
		},

		async refund(key, heldUntil, rule, now) {
			await db
				.update(guessLimits)
				.set({
					score: sql`greatest(0, ${drainedSql(now, rule)} - 1)`,
					at: sql`greatest(${guessLimits.at}, ${now})`,
					blockedUntil: sql`case when ${guessLimits.blockedUntil} = ${heldUntil} then 0 else ${guessLimits.blockedUntil} end`
				})
				.where(eq(guessLimits.key, key));
		},

		async fail(key, rule, now) {
			await sweep(now);
			const drainPerMs = rule.drainPerMinute / 60_000;
			// The drain and the +1 in SQL, so that concurrent failures all count (no read-modify-write).
			// A new row lives at least until its one failure has drained, so that a concurrent
			// failure arriving before the update below adds to it instead of starting over.
			const firstExpiry = forgetAt({ score: 1, at: now, blockedUntil: now }, rule) + 1;
			const [row] = await db
				.insert(guessLimits)
				.values({ key, score: 1, at: now, blockedUntil: 0, expiresAt: firstExpiry })
				.onConflictDoUpdate({
					target: guessLimits.key,
					set: {
						score: sql`case when ${guessLimits.expiresAt} <= ${now} then 1 else greatest(0, ${guessLimits.score} - greatest(0, ${now} - ${guessLimits.at}) * ${drainPerMs}::double precision) + 1 end`,
						at: sql`greatest(${guessLimits.at}, ${now})`,
						blockedUntil: sql`case when ${guessLimits.expiresAt} <= ${now} then 0 else ${guessLimits.blockedUntil} end`
					}
				})
				.returning();
			const blockedUntil = Math.max(row.blockedUntil, now + delayAfter(row.score, rule));
			const state: FailureState = { score: row.score, at: row.at, blockedUntil };
			const expiresAt = forgetAt(state, rule);
			await db
				.update(guessLimits)
				.set({
					blockedUntil: sql`greatest(${guessLimits.blockedUntil}, ${blockedUntil})`,
					expiresAt: sql`greatest(${guessLimits.expiresAt}, ${expiresAt})`
				})
				.where(eq(guessLimits.key, key));
			return state;
		},

		async remember(key, until, now) {
			await db
				.insert(guessLimits)
				.values({ key, at: now, expiresAt: until })
				.onConflictDoUpdate({
					target: guessLimits.key,
					set: { at: now, expiresAt: sql`greatest(${guessLimits.expiresAt}, ${until})` }
				});
		},

		async isRemembered(key, now) {
			const rows = await db
				.select({ key: guessLimits.key })
				.from(guessLimits)
				.where(and(eq(guessLimits.key, key), gt(guessLimits.expiresAt, now)));
			return rows.length > 0;
		},

		async close() {}
	};
}

/**
 * The deployment's id, made once and kept in the table: instances of one deployment share it
 * (same database), two deployments sharing a Redis server (or two test databases) do not.
 */
export async function deploymentId(db: Database): Promise<string> {
	await db
		.insert(guessLimits)
		.values({
			key: 'deployment',
			at: 0,
			expiresAt: Number.MAX_SAFE_INTEGER,
			value: crypto.randomUUID()
		})
		.onConflictDoNothing();
	const [row] = await db
		.select({ value: guessLimits.value })
		.from(guessLimits)
		.where(eq(guessLimits.key, 'deployment'));
	return row.value!;
}
