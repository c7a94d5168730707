// Guessing limits in Redis (REDIS_URL): shared by every instance at once, and kept across a
// restart by Redis itself. Keys carry the deployment id (see `deploymentId`) so that two
// deployments, or two test databases, sharing one Redis never mix their limits.
import { createClient } from 'redis';
import { delayAfter, forgetAt, type FailureState } from '../../domain/guess-limits';
import type { LimitStore } from './limit-store';
import { createLogger } from '../log';
import { closeRedisClient } from '../redis-close';

const log = createLogger('limits');

// The drain and the +1, atomically (Redis runs a script alone): the same formula as the SQL
// store and `afterFailure`. Numbers travel as strings; Lua's tostring keeps 14 digits.
const FAIL = `
local h = redis.call('HMGET', KEYS[1], 'score', 'at', 'blocked')
local now = tonumber(ARGV[1])
local score, at, blocked = tonumber(h[1]), tonumber(h[2]), tonumber(h[3])
if not score then score = 0; at = now; blocked = 0 end
score = math.max(0, score - math.max(0, now - at) * tonumber(ARGV[2])) + 1
at = math.max(at, now)
redis.call('HSET', KEYS[1], 'score', tostring(score), 'at', tostring(at), 'blocked', tostring(blocked))
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], 60000) end
return { tostring(score), tostring(at), tostring(blocked) }`;

// Claim: refused while blocked; otherwise one failure in advance and the block it brings. The
// delay is the domain's delayAfter (the contract suite checks they agree).
const CLAIM = `
local h = redis.call('HMGET', KEYS[1], 'score', 'at', 'blocked')
local now, drain = tonumber(ARGV[1]), tonumber(ARGV[2])
local free, base, cap = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local score, at, blocked = tonumber(h[1]) or 0, tonumber(h[2]) or now, tonumber(h[3]) or 0
if blocked > now then return { 0, tostring(blocked) } end
score = math.max(0, score - math.max(0, now - at) * drain) + 1
local delay = 0
if score > free then delay = math.min(cap, base * 2 ^ math.min(math.ceil(score - free) - 1, 40)) end
if delay > 0 then blocked = now + delay else blocked = 0 end
redis.call('HSET', KEYS[1], 'score', tostring(score), 'at', tostring(math.max(at, now)), 'blocked', tostring(blocked))
local ttl = math.ceil(math.max(score / drain, delay)) + 1
if redis.call('PTTL', KEYS[1]) < ttl then redis.call('PEXPIRE', KEYS[1], ttl) end
return { 1, tostring(blocked) }`;

// Refund: the failure counted in advance is taken back, and the block if it is still the claim's.
const REFUND = `
local h = redis.call('HMGET', KEYS[1], 'score', 'at', 'blocked')
if not h[1] then return 0 end
local now, drain = tonumber(ARGV[1]), tonumber(ARGV[2])
local score = math.max(0, tonumber(h[1]) - math.max(0, now - tonumber(h[2])) * drain - 1)
local blocked = tonumber(h[3])
if blocked == tonumber(ARGV[3]) then blocked = 0 end
redis.call('HSET', KEYS[1], 'score', tostring(score), 'at', tostring(math.max(tonumber(h[2]), now)), 'blocked', tostring(blocked))
return 1`;

// Extends the block and the key's life, never shortens them.
const EXTEND = `
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blocked') or '0')
if tonumber(ARGV[1]) > blocked then redis.call('HSET', KEYS[1], 'blocked', ARGV[1]) end
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`;

/** `keyPrefix`: the deployment's (see `redisPrefix` in app.ts), e.g. `palabre:<id>:`. */
export async function createRedisLimitStore(url: string, keyPrefix: string): Promise<LimitStore> {
	const client = createClient({ url });
	client.on('error', (error) => log.error({ error: error.message }, 'redis error'));
	await client.connect();
	const prefix = `${keyPrefix}limits:`;

	return {
		async read(keys) {
			if (keys.length === 0) return [];
			const rows = await Promise.all(
				keys.map((key) => client.hmGet(prefix + key, ['score', 'at', 'blocked']))
			);
			return rows.map(([score, at, blocked]) =>
				score === null || score === undefined
					? null
					: { score: Number(score), at: Number(at), blockedUntil: Number(blocked) }
			);
		},

		async claim(key, rule, now) {
			const [ok, blocked] = (await client.eval(CLAIM, {
				keys: [prefix + key],
				arguments: [
					String(now),
					String(rule.drainPerMinute / 60_000),
					String(rule.free),
					String(rule.baseDelayMs),
					String(rule.maxDelayMs)
				]
			})) as [number, string];
			return ok === 1
				? { ok: true, heldUntil: Number(blocked) }
				: { ok: false, blockedUntil: Number(blocked) };
		},

		async refund(key, heldUntil, rule, now) {
			await client.eval(REFUND, {
				keys: [prefix + key],
				arguments: [String(now), String(rule.drainPerMinute / 60_000), String(heldUntil)]
			});
		},

		async fail(key, rule, now) {
			const reply = (await client.eval(FAIL, {
				keys: [prefix + key],
				arguments: [String(now), String(rule.drainPerMinute / 60_000)]
			})) as string[];
			const score = Number(reply[0]);
			const at = Number(reply[1]);
			const blockedUntil = Math.max(Number(reply[2]), now + delayAfter(score, rule));
			const state: FailureState = { score, at, blockedUntil };
			// Redis expires by its own clock: a time to live, not an instant of the app's clock.
			const ttl = Math.max(1, forgetAt(state, rule) - now);
			await client.eval(EXTEND, {
				keys: [prefix + key],
				arguments: [String(blockedUntil), String(ttl)]
			});
			return state;
		},

		async remember(key, until, now) {
			const ttl = Math.max(1, until - now);
			const current = await client.pTTL(prefix + key);
			if (current < ttl) await client.set(prefix + key, '1', { PX: ttl });
		},

		async isRemembered(key) {
			return (await client.exists(prefix + key)) === 1;
		},

		async close() {
			await closeRedisClient(client);
		}
	};
}
