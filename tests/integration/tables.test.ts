// One phone per table against a real server on port 0: the relay registers the people at their
// table and each votes in turn through the relay's phone, with the same ballot rules as everyone;
// nobody else can act for them; a secret ballot stays unlinkable; the audit log says "shared
// device" and never what was chosen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { joinedParticipant, workshopWithFacilitator } from '../helpers/fixtures';
import type { HttpClient } from '../helpers/http-client';
import { connectAs, connected } from '../helpers/socket-client';
import { command, openPoll, results, vote, type ErrorBody } from './polls-helpers';

let server: RunningServer;

beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server?.close();
});

async function rows(query: ReturnType<typeof sql>) {
	const res = (await server.app.database.db.execute(query)) as unknown as
		{ rows: Record<string, unknown>[] } | Record<string, unknown>[];
	return Array.isArray(res) ? res : res.rows;
}

type Seat = { memberId: string; displayName: string; voted?: boolean };

async function createTable(client: HttpClient, workshopId: string, body: unknown) {
	return client.json<{ id: string; relayMemberId: string } & ErrorBody>(
		`/api/workshops/${workshopId}/tables`,
		{ method: 'POST', json: body }
	);
}

async function register(client: HttpClient, workshopId: string, tableId: string, body: unknown) {
	return client.json<Seat & ErrorBody>(`/api/workshops/${workshopId}/tables/${tableId}/members`, {
		method: 'POST',
		json: body
	});
}

function voteFor(
	client: HttpClient,
	pollId: string,
	forMember: string,
	choice: unknown,
	ballotId = crypto.randomUUID()
) {
	return client.json<{ outcome: string } & ErrorBody>(`/api/polls/${pollId}/ballots`, {
		method: 'POST',
		json: { ballotId, choice, forMember }
	});
}

/** A workshop, a participant trusted as relay of « Table 3 », three names registered on it. */
async function tableOfThree() {
	const { facilitator, workshop } = await workshopWithFacilitator(server);
	const relay = await joinedParticipant(server, workshop.code, 'Mariama');
	const table = await createTable(facilitator.client, workshop.id, {
		name: 'Table 3',
		relayMemberId: relay.memberId
	});
	expect(table.status, JSON.stringify(table.body)).toBe(201);
	const seats: Seat[] = [];
	for (const [displayName, gender] of [
		['Awa', 'woman'],
		['Issa', 'man'],
		['Fati', '']
	]) {
		const res = await register(relay.client, workshop.id, table.body.id, { displayName, gender });
		expect(res.status, JSON.stringify(res.body)).toBe(201);
		seats.push(res.body);
	}
	return { facilitator, workshop, relay, tableId: table.body.id, seats };
}

describe('registering people on a table', () => {
	it('lets the facilitator make a participant a relay, and the relay register names and themself', async () => {
		const { facilitator, workshop, relay, tableId, seats } = await tableOfThree();
		const self = await register(relay.client, workshop.id, tableId, { self: true });
		expect(self.status).toBe(201);
		expect(self.body.memberId).toBe(relay.memberId);

		const mine = await relay.client.json<{ id: string; name: string; seated: Seat[] }[]>(
			`/api/workshops/${workshop.id}/tables/mine`
		);
		expect(mine.body).toEqual([
			{
				id: tableId,
				name: 'Table 3',
				seated: [...seats, { memberId: relay.memberId, displayName: 'Mariama' }]
			}
		]);
		// The guests are members like any other, counted by the inclusion panel's profile fields.
		const members = await facilitator.client.json<{ displayName: string }[]>(
			`/api/workshops/${workshop.id}/members`
		);
		expect(members.body.map((m) => m.displayName)).toEqual(
			expect.arrayContaining(['Awa', 'Issa', 'Fati'])
		);
		const profiles = await rows(
			sql`select display_name, gender from members where workshop_id = ${workshop.id} and display_name in ('Awa', 'Issa', 'Fati') order by display_name`
		);
		expect(profiles).toEqual([
			{ display_name: 'Awa', gender: 'woman' },
			{ display_name: 'Fati', gender: null },
			{ display_name: 'Issa', gender: 'man' }
		]);
		// Every registration is in the audit log.
		const audit = await rows(
			sql`select action, subject, data from audit_log where workshop_id = ${workshop.id} and action like 'table.%' order by id`
		);
		expect(audit.map((a) => a.action)).toEqual([
			'table.create',
			'table.register',
			'table.register',
			'table.register',
			'table.register'
		]);
		expect(audit.slice(1).map((a) => a.subject)).toEqual([
			...seats.map((s) => s.memberId),
			relay.memberId
		]);
	});

	it('refuses registration to anyone but the table’s relay, and table creation to participants', async () => {
		const { facilitator, workshop, tableId } = await tableOfThree();
		const other = await joinedParticipant(server, workshop.code, 'Yacouba');
		const before = await rows(sql`select count(*)::int as n from members`);
		for (const client of [other.client, facilitator.client]) {
			const res = await register(client, workshop.id, tableId, { displayName: 'Intrus' });
			expect(res.status).toBe(403);
		}
		const created = await createTable(other.client, workshop.id, { name: 'Ma table' });
		expect(created.status).toBe(403);
		expect(await rows(sql`select count(*)::int as n from members`)).toEqual(before);
	});

	it('takes a name off the table, audited, and the member stays in the workshop', async () => {
		const { workshop, relay, tableId, seats } = await tableOfThree();
		const res = await relay.client.json(
			`/api/workshops/${workshop.id}/tables/${tableId}/members/${seats[1].memberId}`,
			{ method: 'DELETE' }
		);
		expect(res.status).toBe(200);
		const roster = await relay.client.json<{ seated: Seat[] }>(
			`/api/workshops/${workshop.id}/tables/${tableId}`
		);
		expect(roster.body.seated.map((s) => s.displayName)).toEqual(['Awa', 'Fati']);
		const audit = await rows(
			sql`select action from audit_log where workshop_id = ${workshop.id} and action = 'table.unregister'`
		);
		expect(audit).toHaveLength(1);
	});
});

describe('handing the table’s phone to another relay', () => {
	it('lets the facilitator change the relay: the new one acts for the table, the old one no longer', async () => {
		const { facilitator, workshop, relay, tableId, seats } = await tableOfThree();
		const next = await joinedParticipant(server, workshop.code, 'Hadiza');
		const path = `/api/workshops/${workshop.id}/tables/${tableId}`;
		const refused = await relay.client.json(path, {
			method: 'PATCH',
			json: { relayMemberId: relay.memberId }
		});
		expect(refused.status).toBe(403);
		const res = await facilitator.client.json<{ relayName: string; seated: number }>(path, {
			method: 'PATCH',
			json: { relayMemberId: next.memberId }
		});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ relayName: 'Hadiza', seated: 3 });
		const poll = await openPoll(facilitator.client, workshop.id);
		const choice = { optionId: poll.options[0].id };
		expect((await voteFor(relay.client, poll.id, seats[0].memberId, choice)).status).toBe(403);
		expect((await voteFor(next.client, poll.id, seats[0].memberId, choice)).status).toBe(201);
		const audit = await rows(
			sql`select data from audit_log where workshop_id = ${workshop.id} and action = 'table.relay'`
		);
		expect(audit).toEqual([{ data: { from: relay.memberId, to: next.memberId } }]);
	});
});

describe('voting in turn on the relay’s phone', () => {
	it('three members registered on one device vote in turn: three ballots, one each, tally 3', async () => {
		const { facilitator, workshop, relay, tableId, seats } = await tableOfThree();
		const poll = await openPoll(facilitator.client, workshop.id);
		const [eau, sante] = poll.options;
		const picks = [eau.id, sante.id, eau.id];
		for (const [i, seat] of seats.entries()) {
			const res = await voteFor(relay.client, poll.id, seat.memberId, { optionId: picks[i] });
			expect(res.status, JSON.stringify(res.body)).toBe(201);
			const roster = await relay.client.json<{ seated: Seat[] }>(
				`/api/workshops/${workshop.id}/tables/${tableId}?poll=${poll.id}`
			);
			expect(roster.body.seated.map((s) => s.voted)).toEqual(seats.map((_, j) => j <= i));
		}
		const ballots = await rows(
			sql`select member_id, channel from ballots where poll_id = ${poll.id} order by member_id`
		);
		expect(ballots).toEqual(
			seats
				.map((s) => ({ member_id: s.memberId, channel: 'table' }))
				.sort((a, b) => a.member_id.localeCompare(b.member_id))
		);
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.totalBallots).toBe(3);
		expect(res.body.options.map((o) => o.count)).toEqual([2, 1, 0]);
		expect((res.body as unknown as { channels: Record<string, number> }).channels).toMatchObject({
			web: 0,
			table: 3
		});
		// The relay's own ballot is still theirs to cast, from the same phone, as usual.
		const next = await openPoll(facilitator.client, workshop.id);
		expect((await vote(relay.client, next.id, { optionId: next.options[0].id })).status).toBe(201);
	});

	it('the same member twice follows the normal rule: the same ballot again is a repeat, another is refused', async () => {
		const { facilitator, workshop, relay, seats } = await tableOfThree();
		const poll = await openPoll(facilitator.client, workshop.id, { allowChange: false });
		const ballotId = crypto.randomUUID();
		const choice = { optionId: poll.options[0].id };
		expect((await voteFor(relay.client, poll.id, seats[0].memberId, choice, ballotId)).status).toBe(
			201
		);
		const again = await voteFor(relay.client, poll.id, seats[0].memberId, choice, ballotId);
		expect(again.status).toBe(200);
		expect(again.body.outcome).toBe('repeat');
		const other = await voteFor(relay.client, poll.id, seats[0].memberId, {
			optionId: poll.options[1].id
		});
		expect(other.status).toBe(409);
		expect(other.body.error.code).toBe('ballot_conflict');
		const count = await rows(
			sql`select count(*)::int as n from ballots where poll_id = ${poll.id}`
		);
		expect(count).toEqual([{ n: 1 }]);
		const audited = await rows(
			sql`select count(*)::int as n from audit_log where action = 'table.ballot' and data->>'pollId' = ${poll.id}`
		);
		expect(audited).toEqual([{ n: 1 }]);
	});

	it('nobody but the relay can vote for a member of the table: another device, a non-relay, another workshop', async () => {
		const { facilitator, workshop, seats } = await tableOfThree();
		const poll = await openPoll(facilitator.client, workshop.id);
		const neighbour = await joinedParticipant(server, workshop.code, 'Yacouba');
		const choice = { optionId: poll.options[0].id };
		// A participant who is no relay, and the facilitator who is not this table's relay.
		expect((await voteFor(neighbour.client, poll.id, seats[0].memberId, choice)).status).toBe(403);
		expect((await voteFor(facilitator.client, poll.id, seats[0].memberId, choice)).status).toBe(
			403
		);
		// The relay of another workshop's table, voting in this poll or in their own.
		const elsewhere = await tableOfThree();
		const theirs = await voteFor(elsewhere.relay.client, poll.id, seats[0].memberId, choice);
		expect(theirs.status).toBe(404);
		const otherPoll = await openPoll(elsewhere.facilitator.client, elsewhere.workshop.id);
		const across = await voteFor(elsewhere.relay.client, otherPoll.id, seats[0].memberId, {
			optionId: otherPoll.options[0].id
		});
		expect(across.status).toBe(403);
		// Socket.io: the same refusal, with `forMember` in the zod-checked payload.
		const socket = connectAs(neighbour.client);
		try {
			await connected(socket);
			const ack = (await (
				socket as unknown as { emitWithAck: (...a: unknown[]) => Promise<unknown> }
			).emitWithAck('poll:vote', {
				pollId: poll.id,
				ballotId: crypto.randomUUID(),
				choice,
				forMember: seats[0].memberId
			})) as { ok: boolean; error?: { code: string } };
			expect(ack).toMatchObject({ ok: false, error: { code: 'forbidden' } });
			const malformed = (await (
				socket as unknown as { emitWithAck: (...a: unknown[]) => Promise<unknown> }
			).emitWithAck('poll:vote', {
				pollId: poll.id,
				ballotId: crypto.randomUUID(),
				choice,
				forMember: 'Awa'
			})) as { ok: boolean; error?: { code: string } };
			expect(malformed.ok).toBe(false);
		} finally {
			socket.close();
		}
		const stored = await rows(
			sql`select count(*)::int as n from ballots where poll_id in (${poll.id}, ${otherPoll.id})`
		);
		expect(stored).toEqual([{ n: 0 }]);
	});

	it('a secret poll: no row links a ballot to the member or the table, and the audit says shared device', async () => {
		const { facilitator, workshop, relay, tableId, seats } = await tableOfThree();
		const poll = await openPoll(facilitator.client, workshop.id, { secret: true });
		for (const seat of seats) {
			const res = await voteFor(relay.client, poll.id, seat.memberId, {
				optionId: poll.options[0].id
			});
			expect(res.status).toBe(201);
		}
		// The ballots: an id, the poll, the choice — nothing else, whatever the columns become.
		const secret = await rows(sql`select * from secret_ballots where poll_id = ${poll.id}`);
		expect(secret).toHaveLength(3);
		for (const row of secret) {
			expect(Object.keys(row).sort()).toEqual(['choice', 'id', 'poll_id']);
			const text = JSON.stringify(row);
			for (const id of [tableId, relay.memberId, ...seats.map((s) => s.memberId)])
				expect(text).not.toContain(id);
		}
		expect(await rows(sql`select * from ballots where poll_id = ${poll.id}`)).toEqual([]);
		// The register says who took part and by which channel, never what they chose.
		const register = await rows(
			sql`select member_id, channel from poll_participation where poll_id = ${poll.id}`
		);
		expect(register.map((r) => r.channel)).toEqual(['table', 'table', 'table']);
		const audit = await rows(
			sql`select actor_user_id, subject, data from audit_log where action = 'table.ballot' and data->>'pollId' = ${poll.id} order by id`
		);
		expect(audit.map((a) => a.subject)).toEqual(seats.map((s) => s.memberId));
		for (const line of audit) {
			expect(line.data).toEqual({ tableId, sharedDevice: true, pollId: poll.id });
			expect(JSON.stringify(line)).not.toContain(poll.options[0].id);
		}
	});
});

describe('hands and cards for a member of the table', () => {
	it('raises the hand of a named member, and posts an idea-wall card signed by them', async () => {
		const { facilitator, workshop, relay, seats } = await tableOfThree();
		const hand = await relay.client.json<{ waiting: { memberId: string; displayName: string }[] }>(
			`/api/workshops/${workshop.id}/tables/hand`,
			{ method: 'POST', json: { forMember: seats[1].memberId } }
		);
		expect(hand.status, JSON.stringify(hand.body)).toBe(200);
		expect(hand.body.waiting.map((w) => w.displayName)).toEqual(['Issa']);

		const wall = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/documents`,
			{ method: 'POST', json: { kind: 'idea_wall', title: 'Idées' } }
		);
		const card = await relay.client.json<{ cardId: string; authorMemberId: string }>(
			`/api/documents/${wall.body.id}/wall/cards`,
			{ method: 'POST', json: { forMember: seats[0].memberId, text: 'Un puits au marché' } }
		);
		expect(card.status, JSON.stringify(card.body)).toBe(201);
		const doc = await server.app.liveDocuments.getDoc(wall.body.id);
		const stored = doc.getMap('cards').toJSON()[card.body.cardId];
		expect(stored).toMatchObject({ text: 'Un puits au marché', authorMemberId: seats[0].memberId });

		// Someone else's phone cannot do either.
		const neighbour = await joinedParticipant(server, workshop.code, 'Yacouba');
		const refused = await neighbour.client.json(`/api/workshops/${workshop.id}/tables/hand`, {
			method: 'POST',
			json: { forMember: seats[2].memberId }
		});
		expect(refused.status).toBe(403);
		const refusedCard = await neighbour.client.json(`/api/documents/${wall.body.id}/wall/cards`, {
			method: 'POST',
			json: { forMember: seats[2].memberId, text: 'Pas moi' }
		});
		expect(refusedCard.status).toBe(403);
		const audit = await rows(
			sql`select action from audit_log where workshop_id = ${workshop.id} and action in ('table.hand', 'table.card') order by id`
		);
		expect(audit.map((a) => a.action)).toEqual(['table.hand', 'table.card']);
	});
});
