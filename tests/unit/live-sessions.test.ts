import { afterEach, describe, expect, it } from 'vitest';
import {
	createLiveSessions,
	decodeSessionsEnded,
	encodeSessionsEnded,
	type LiveSessions,
	type SessionEndReason
} from '../../src/lib/server/auth/live-sessions';
import { waitFor } from '../helpers/wait-for';

const id = (n: number) => n.toString(16).padStart(64, '0');

describe('live sessions', () => {
	let live: LiveSessions | null = null;
	afterEach(() => live?.close());

	function make(table: Map<string, number>, sweepMs = 60_000) {
		live = createLiveSessions({
			lookup: async (ids) =>
				new Map(ids.filter((i) => table.has(i)).map((i) => [i, table.get(i)!])),
			now: Date.now,
			sweepMs
		});
		return live;
	}

	it('ends a session’s connections at its expiry, without any announcement', async () => {
		const expiresAt = Date.now() + 50;
		const live = make(new Map([[id(1), expiresAt]]));
		const ended: SessionEndReason[] = [];
		live.watch({ id: id(1), expiresAt: new Date(expiresAt) }, (reason) => ended.push(reason));
		await waitFor(() => ended.length === 1, 2_000);
		expect(ended).toEqual(['expired']);
		expect(live.stats()).toEqual({ sessions: 0, connections: 0 });
	});

	it('re-arms when the session was renewed meanwhile, and ends when it is gone', async () => {
		const table = new Map([[id(2), Date.now() + 30]]);
		const live = make(table, 40);
		const ended: SessionEndReason[] = [];
		live.watch({ id: id(2), expiresAt: new Date(Date.now() + 30) }, (r) => ended.push(r));
		table.set(id(2), Date.now() + 60_000); // an HTTP request slid the expiry forward
		await live.sweep();
		expect(ended).toEqual([]);
		expect(live.stats().sessions).toBe(1);
		table.delete(id(2)); // deleted behind our back (another process, no Redis)
		await waitFor(() => ended.length === 1, 2_000);
		expect(ended).toEqual(['ended']);
	});

	it('says « disabled » when the sweep finds the session gone with its account disabled', async () => {
		const far = Date.now() + 3_600_000;
		const table = new Map([
			[id(5), far],
			[id(6), far]
		]);
		const disabled = new Set<string>();
		live = createLiveSessions({
			lookup: async (ids) =>
				new Map(ids.filter((i) => table.has(i)).map((i) => [i, table.get(i)!])),
			disabledUsers: async (userIds) => new Set(userIds.filter((u) => disabled.has(u))),
			now: Date.now,
			sweepMs: 60_000
		});
		const ended: string[] = [];
		live.watch({ id: id(5), expiresAt: new Date(far), userId: 'awa' }, (r) =>
			ended.push(`awa:${r}`)
		);
		live.watch({ id: id(6), expiresAt: new Date(far), userId: 'issa' }, (r) =>
			ended.push(`issa:${r}`)
		);
		// Awa's account disabled (its sessions deleted), Issa signed out elsewhere, no announcement yet.
		disabled.add('awa');
		table.clear();
		await live.sweep();
		expect(ended.sort()).toEqual(['awa:disabled', 'issa:ended']);
	});

	it('ends every connection of the session, only that session, and tells the peers once', () => {
		const live = make(new Map());
		const far = new Date(Date.now() + 3_600_000);
		const ended: string[] = [];
		live.watch({ id: id(3), expiresAt: far }, (r) => ended.push(`a:${r}`));
		live.watch({ id: id(3), expiresAt: far }, (r) => ended.push(`b:${r}`));
		live.watch({ id: id(4), expiresAt: far }, (r) => ended.push(`c:${r}`));
		const announced: string[][] = [];
		live.onAnnounce((ids) => announced.push(ids));
		expect(live.ended([id(3)], 'signed_out')).toBe(2);
		expect(ended.sort()).toEqual(['a:signed_out', 'b:signed_out']);
		expect(announced).toEqual([[id(3)]]);
		expect(live.endHere([id(3)], 'signed_out')).toBe(0);
		expect(live.stats()).toEqual({ sessions: 1, connections: 1 });
	});

	it('ends a connection that registers just after its session ended (authorized before)', async () => {
		const live = make(new Map());
		live.ended([id(5)], 'signed_out');
		const ended: SessionEndReason[] = [];
		live.watch({ id: id(5), expiresAt: new Date(Date.now() + 60_000) }, (r) => ended.push(r));
		await waitFor(() => ended.length === 1);
		expect(ended).toEqual(['signed_out']);
	});

	it('a closed connection is forgotten', () => {
		const live = make(new Map());
		const stop = live.watch({ id: id(6), expiresAt: new Date(Date.now() + 60_000) }, () => {
			throw new Error('must not be called');
		});
		stop();
		expect(live.stats()).toEqual({ sessions: 0, connections: 0 });
		expect(live.ended([id(6)], 'signed_out')).toBe(0);
	});

	it('reads only well-formed announcements from Redis', () => {
		const ok = { ids: [id(7)], reason: 'disabled' as const };
		expect(decodeSessionsEnded(encodeSessionsEnded(ok))).toEqual(ok);
		for (const bad of [
			'',
			'{',
			'null',
			'{"ids":"x","reason":"disabled"}',
			JSON.stringify({ ids: ['zz'], reason: 'disabled' }),
			JSON.stringify({ ids: [id(1)], reason: 'pwned' }),
			JSON.stringify({ ids: [id(1)], reason: '__proto__' })
		]) {
			expect(decodeSessionsEnded(bad), bad).toBeNull();
		}
	});
});
