import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { startTestServer } from '../helpers/test-server';
import { command, openPoll, results, vote, votingRoom } from './polls-helpers';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

async function rows(query: ReturnType<typeof sql>) {
	const res = (await server.app.database.db.execute(query)) as unknown as
		{ rows: Record<string, unknown>[] } | Record<string, unknown>[];
	return Array.isArray(res) ? res : res.rows;
}

describe('secret ballots', () => {
	it('store no voter id, no ballotId and no time next to the choice; the register says who voted', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 3);
		const poll = await openPoll(facilitator.client, workshop.id, { secret: true });
		const ballotIds = voters.map(() => crypto.randomUUID());
		for (const [i, v] of voters.entries())
			expect(
				(await vote(v.client, poll.id, { optionId: poll.options[i % 2].id }, ballotIds[i])).status
			).toBe(201);

		const secret = await rows(sql`select * from secret_ballots where poll_id = ${poll.id}`);
		expect(secret).toHaveLength(3);
		for (const row of secret) expect(Object.keys(row).sort()).toEqual(['choice', 'id', 'poll_id']);
		const text = JSON.stringify(secret);
		for (const v of voters) expect(text).not.toContain(v.memberId);
		for (const id of ballotIds) expect(text).not.toContain(id);
		expect(await rows(sql`select * from ballots where poll_id = ${poll.id}`)).toEqual([]);

		const register = await rows(
			sql`select member_id, ballot_id from poll_participation where poll_id = ${poll.id}`
		);
		expect(register.map((r) => r.member_id).sort()).toEqual(voters.map((v) => v.memberId).sort());
		const columns = await rows(
			sql`select column_name from information_schema.columns where table_name = 'secret_ballots' order by column_name`
		);
		expect(columns.map((c) => c.column_name)).toEqual(['choice', 'id', 'poll_id']);
	});

	it('are idempotent on the same ballotId and final otherwise', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, { secret: true });
		const ballotId = crypto.randomUUID();
		expect(
			(await vote(voters[0].client, poll.id, { optionId: poll.options[0].id }, ballotId)).status
		).toBe(201);
		expect(
			(await vote(voters[0].client, poll.id, { optionId: poll.options[0].id }, ballotId)).status
		).toBe(200);
		const other = await vote(voters[0].client, poll.id, { optionId: poll.options[1].id });
		expect(other.status).toBe(409);
		expect(
			await rows(sql`select count(*)::int as n from secret_ballots where poll_id = ${poll.id}`)
		).toEqual([{ n: 1 }]);
	});
});

describe('results and their visibility', () => {
	it('hides counts from everyone until the poll closes (after_close), showing only participation', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 2);
		const poll = await openPoll(facilitator.client, workshop.id);
		await vote(voters[0].client, poll.id, { optionId: poll.options[0].id });
		for (const client of [voters[1].client, facilitator.client]) {
			const res = await results(client, poll.id);
			expect(res.status).toBe(200);
			expect(res.body.hidden).toBe(true);
			expect(res.body.totalBallots).toBe(1);
			expect(res.body.eligible).toBe(3);
			expect(res.body.options.every((o) => !('count' in o))).toBe(true);
			expect(res.body).not.toHaveProperty('winner');
			expect(res.body).not.toHaveProperty('bySource');
		}
		await command(facilitator.client, poll.id, 'close');
		const closed = await results(voters[1].client, poll.id);
		expect(closed.body).toMatchObject({ hidden: false, winner: poll.options[0].id });
	});

	it('shows live counts when the reveal policy is live, and none to the public before publication', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'live' });
		await vote(voters[0].client, poll.id, { optionId: poll.options[2].id });
		const live = await results(voters[0].client, poll.id);
		expect(live.body.options.map((o) => o.count)).toEqual([0, 0, 1]);
		const anonymous = new HttpClient(server.url);
		expect((await results(anonymous, poll.id)).status).toBe(404);
		expect((await anonymous.request(`/api/polls/${poll.id}/results.csv`)).status).toBe(404);
		expect((await anonymous.request(`/api/polls/${poll.id}/results.json`)).status).toBe(404);
	});

	it('adds counted-in-room entries as a separate source with who entered them', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, { reveal: 'live' });
		await vote(voters[0].client, poll.id, { optionId: poll.options[0].id });
		const [a, b, c] = poll.options.map((o) => o.id);
		const refused = await voters[0].client.json(`/api/polls/${poll.id}/room-counts`, {
			method: 'POST',
			json: { label: 'Main levée', counts: { [a]: 1 } }
		});
		expect(refused.status).toBe(403);
		const added = await facilitator.client.json(`/api/polls/${poll.id}/room-counts`, {
			method: 'POST',
			json: { label: 'Main levée, salle 2', counts: { [a]: 4, [b]: 7, [c]: 1 }, voters: 12 }
		});
		expect(added.status).toBe(201);
		const bad = await facilitator.client.json<{ error: { reason: string } }>(
			`/api/polls/${poll.id}/room-counts`,
			{ method: 'POST', json: { label: 'x', counts: { [a]: 20 }, voters: 3 } }
		);
		expect(bad.status).toBe(400);
		expect(bad.body.error.reason).toBe('room_count_invalid');
		const res = await results(voters[0].client, poll.id);
		expect(res.body.totalBallots).toBe(13);
		expect(res.body.options.map((o) => o.count)).toEqual([5, 7, 1]);
		expect(res.body.bySource).toEqual([
			expect.objectContaining({ source: 'online', counts: { [a]: 1, [b]: 0, [c]: 0 } }),
			expect.objectContaining({
				source: 'room',
				label: 'Main levée, salle 2',
				enteredBy: 'Aïcha Animatrice',
				counts: { [a]: 4, [b]: 7, [c]: 1 }
			})
		]);
	});

	it('publishes results as public CSV and JSON open data, never naming a voter', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 2);
		const poll = await openPoll(facilitator.client, workshop.id, { secret: true, quorum: 2 });
		await vote(voters[0].client, poll.id, { optionId: poll.options[1].id });
		await vote(voters[1].client, poll.id, { optionId: poll.options[1].id });
		await command(facilitator.client, poll.id, 'close');
		expect((await command(facilitator.client, poll.id, 'publish')).status).toBe(200);

		const anonymous = new HttpClient(server.url);
		const pub = await results(anonymous, poll.id);
		expect(pub.status).toBe(200);
		expect(pub.body).toMatchObject({
			status: 'published',
			hidden: false,
			totalBallots: 2,
			winner: poll.options[1].id
		});

		const json = await anonymous.json<Record<string, unknown>>(
			`/api/polls/${poll.id}/results.json`
		);
		expect(json.status).toBe(200);
		expect(json.body).toMatchObject({
			poll: {
				id: poll.id,
				method: 'single',
				secret: true,
				quorum: { kind: 'ballots', min: 2 },
				openedAt: expect.any(String),
				closedAt: expect.any(String),
				publishedAt: expect.any(String)
			},
			totalBallots: 2,
			quorumMet: true,
			winner: poll.options[1].id
		});
		const csvRes = await anonymous.request(`/api/polls/${poll.id}/results.csv`);
		expect(csvRes.status).toBe(200);
		expect(csvRes.headers.get('content-type')).toContain('text/csv');
		const csv = await csvRes.text();
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe(
			'poll_id,question,method,source,source_label,entered_by,source_ballots,option_id,option_label,count,published_at'
		);
		expect(lines.filter((l) => l.includes('"total"') && l.includes('"Santé"'))[0]).toContain(',2,');
		for (const text of [csv, JSON.stringify(json.body)])
			for (const v of voters) {
				expect(text).not.toContain(v.memberId);
				expect(text).not.toContain('Votant');
			}
	});
});
