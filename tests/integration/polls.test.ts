import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait-for';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { HttpClient } from '../helpers/http-client';
import { joinedParticipant } from '../helpers/fixtures';
import { startTestServer } from '../helpers/test-server';
import { command, createPoll, openPoll, results, vote, votingRoom } from './polls-helpers';

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

describe('creating and running a poll', () => {
	it('creates a poll with its options, and consent polls with pour / contre / abstention', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const single = await createPoll(facilitator.client, workshop.id);
		expect(single.options.map((o) => o.label)).toEqual(['Eau', 'Santé', 'Éducation']);
		const consent = await createPoll(facilitator.client, workshop.id, {
			method: 'consent',
			options: undefined,
			question: 'Adopter la charte ?'
		});
		expect(consent.options.map((o) => o.label)).toEqual(['Pour', 'Contre', 'Abstention']);
	});

	it('refuses a badly defined poll with a translated message naming the problem', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const res = await facilitator.client.json<{ error: Record<string, string> }>(
			`/api/workshops/${workshop.id}/polls`,
			{ method: 'POST', json: { question: 'Q ?', method: 'single', options: [{ label: 'Seule' }] } }
		);
		expect(res.status).toBe(400);
		expect(res.body.error).toEqual({
			code: 'poll_invalid',
			reason: 'poll.options_too_few',
			field: 'options',
			message: 'Il faut au moins deux options.'
		});
	});

	it('lets only facilitators create and drive polls, and hides drafts from participants', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const forbidden = await voters[0].client.json(`/api/workshops/${workshop.id}/polls`, {
			method: 'POST',
			json: { question: 'Q ?', method: 'single', options: [{ label: 'a' }, { label: 'b' }] }
		});
		expect(forbidden.status).toBe(403);
		const poll = await createPoll(facilitator.client, workshop.id);
		const list = await voters[0].client.json<unknown[]>(`/api/workshops/${workshop.id}/polls`);
		expect(list.body).toEqual([]);
		expect((await command(voters[0].client, poll.id, 'open')).status).toBe(403);
		expect((await command(facilitator.client, poll.id, 'open')).status).toBe(200);
		const after = await voters[0].client.json<{ id: string; status: string }[]>(
			`/api/workshops/${workshop.id}/polls`
		);
		expect(after.body.map((p) => [p.id, p.status])).toEqual([[poll.id, 'open']]);
	});

	it('records each lifecycle step in the audit log', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const poll = await openPoll(facilitator.client, workshop.id);
		for (const step of ['close', 'reveal', 'publish'])
			expect((await command(facilitator.client, poll.id, step)).status).toBe(200);
		const refused = await command(facilitator.client, poll.id, 'reopen');
		expect(refused.status).toBe(409);
		expect(refused.body.error.reason).toBe('poll_published_final');
		const actions = (await server.app.audit.list(workshop.id))
			.filter((a) => a.subject === poll.id)
			.map((a) => a.action)
			.reverse();
		expect(actions).toEqual([
			'poll.create',
			'poll.open',
			'poll.close',
			'poll.reveal',
			'poll.publish'
		]);
	});

	it('takes a command without a body, even one announced as JSON, and refuses a body that is not JSON', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const poll = await createPoll(facilitator.client, workshop.id);
		const send = (body: string) =>
			facilitator.client.json<{ status?: string; error?: { code: string; message: string } }>(
				`/api/polls/${poll.id}/open`,
				{ method: 'POST', headers: { 'content-type': 'application/json' }, body }
			);
		const broken = await send('{closesInSeconds');
		expect(broken.status).toBe(400);
		expect(broken.body.error?.code).toBe('validation');
		expect(broken.body.error?.message).toMatch(/invalide/);
		const opened = await send('');
		expect(opened.status).toBe(200);
		expect(opened.body.status).toBe('open');
	});

	it('closes itself when its countdown ends, server-side', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await createPoll(facilitator.client, workshop.id);
		const opened = await command(facilitator.client, poll.id, 'open', { closesInSeconds: 1 });
		expect(opened.body.closesAt).toEqual(expect.any(Number));
		const status = await waitFor(async () => {
			const now = (await results(facilitator.client, poll.id)).body.status;
			return now === 'open' ? null : now;
		}, 5000);
		expect(status).toBe('closed');
		const late = await vote(voters[0].client, poll.id, { optionId: poll.options[0].id });
		expect(late.status).toBe(409);
		expect(late.body.error.code).toBe('poll_closed');
	});

	it('closes when the agenda round linked to it ends', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const poll = await openPoll(facilitator.client, workshop.id);
		const put = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda`, {
			method: 'PUT',
			json: [
				{
					title: 'Vote des thèmes',
					kind: 'vote',
					durationSeconds: 300,
					linked: { type: 'poll', id: poll.id },
					onEnd: { closePoll: true }
				}
			]
		});
		expect(put.status).toBe(200);
		const finish = await facilitator.client.json(`/api/workshops/${workshop.id}/agenda/finish`, {
			method: 'POST'
		});
		expect(finish.status).toBe(200);
		const status = await waitFor(async () => {
			const now = (await results(facilitator.client, poll.id)).body.status;
			return now === 'open' ? null : now;
		}, 2500);
		expect(status).toBe('closed');
	});
});

describe('casting ballots', () => {
	it('answers 201 for a new ballot and 200 for an idempotent repeat of the same ballotId', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id);
		const ballotId = crypto.randomUUID();
		const first = await vote(voters[0].client, poll.id, { optionId: poll.options[1].id }, ballotId);
		expect(first.status).toBe(201);
		expect(first.body).toEqual({ pollId: poll.id, ballotId, outcome: 'created' });
		const again = await vote(voters[0].client, poll.id, { optionId: poll.options[1].id }, ballotId);
		expect(again.status).toBe(200);
		expect(again.body.outcome).toBe('repeat');
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.totalBallots).toBe(1);
	});

	it('refuses a second, different ballot when changes are not allowed, and counts the first', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, { allowChange: false });
		expect((await vote(voters[0].client, poll.id, { optionId: poll.options[0].id })).status).toBe(
			201
		);
		const second = await vote(voters[0].client, poll.id, { optionId: poll.options[2].id });
		expect(second.status).toBe(409);
		expect(second.body.error).toMatchObject({
			code: 'ballot_conflict',
			reason: 'ballot_change_not_allowed',
			message: 'Vous avez déjà voté, et ce vote ne permet pas de changer d’avis.'
		});
		await command(facilitator.client, poll.id, 'close');
		const counts = (await results(facilitator.client, poll.id)).body.options.map((o) => o.count);
		expect(counts).toEqual([1, 0, 0]);
	});

	it('replaces a ballot when changes are allowed, still one ballot per member', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id);
		expect((await vote(voters[0].client, poll.id, { optionId: poll.options[0].id })).status).toBe(
			201
		);
		const changed = await vote(voters[0].client, poll.id, { optionId: poll.options[2].id });
		expect(changed.status).toBe(200);
		expect(changed.body.outcome).toBe('replaced');
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.options.map((o) => o.count)).toEqual([0, 0, 1]);
		expect(
			await rows(sql`select count(*)::int as n from ballots where poll_id = ${poll.id}`)
		).toEqual([{ n: 1 }]);
	});

	it('rejects unknown options, too many choices and malformed ballots, changing nothing', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, {
			method: 'multiple',
			maxChoices: 2
		});
		const ids = poll.options.map((o) => o.id);
		const cases: Array<[unknown, number, string, string]> = [
			[
				{ optionIds: [crypto.randomUUID()] },
				400,
				'unknown_option',
				'Cette option n’existe pas dans ce vote.'
			],
			[{ optionIds: ids }, 400, 'too_many_choices', 'Trop de choix\u202f: 2 au maximum.'],
			[
				{ optionId: ids[0] },
				400,
				'wrong_shape_for_method',
				'Ce bulletin ne correspond pas à ce type de vote.'
			],
			['oui', 400, 'ballot.choice_invalid', 'Bulletin mal formé.']
		];
		for (const [choice, status, reason, message] of cases) {
			const res = await vote(voters[0].client, poll.id, choice);
			expect(res.status, reason).toBe(status);
			expect(res.body.error, reason).toMatchObject({ code: 'ballot_invalid', reason, message });
		}
		const badId = await voters[0].client.json<{ error: Record<string, string> }>(
			`/api/polls/${poll.id}/ballots`,
			{ method: 'POST', json: { ballotId: 'x', choice: { optionIds: [ids[0]] } } }
		);
		expect(badId.body.error).toMatchObject({
			code: 'ballot_invalid',
			reason: 'ballot.id_invalid',
			field: 'ballotId'
		});
		expect(await rows(sql`select * from ballots where poll_id = ${poll.id}`)).toEqual([]);
	});

	it('refuses ballots in a draft or closed poll', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const draft = await createPoll(facilitator.client, workshop.id);
		const inDraft = await vote(voters[0].client, draft.id, { optionId: draft.options[0].id });
		expect(inDraft.status).toBe(409);
		expect(inDraft.body.error).toMatchObject({
			code: 'poll_closed',
			message: 'Ce vote n’est pas ouvert.'
		});
		const poll = await openPoll(facilitator.client, workshop.id);
		await command(facilitator.client, poll.id, 'close');
		const inClosed = await vote(voters[0].client, poll.id, { optionId: poll.options[0].id });
		expect(inClosed.status).toBe(409);
		expect(inClosed.body.error.code).toBe('poll_closed');
		expect(
			await rows(sql`select * from ballots where poll_id in (${draft.id}, ${poll.id})`)
		).toEqual([]);
	});

	it('refuses an ineligible role and a member of another workshop', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, {
			eligibleRoles: ['facilitator']
		});
		const participant = await vote(voters[0].client, poll.id, { optionId: poll.options[0].id });
		expect(participant.status).toBe(403);
		expect(participant.body.error).toMatchObject({
			code: 'not_eligible',
			reason: 'role_not_eligible',
			message: 'Votre rôle ne permet pas de voter ici.'
		});
		const other = await votingRoom(server, 1);
		const stranger = await vote(other.voters[0].client, poll.id, { optionId: poll.options[0].id });
		expect(stranger.status).toBe(404);
		expect(stranger.body.error.code).toBe('poll_not_found');
		const anonymous = await vote(new HttpClient(server.url), poll.id, {
			optionId: poll.options[0].id
		});
		expect(anonymous.status).toBe(401);
		expect((await vote(facilitator.client, poll.id, { optionId: poll.options[0].id })).status).toBe(
			201
		);
	});

	it('counts exactly 200 ballots from 200 members voting at once', async () => {
		const { facilitator, workshop } = await votingRoom(server, 0);
		const members = await Promise.all(
			Array.from({ length: 200 }, (_, i) => joinedParticipant(server, workshop.code, `Membre ${i}`))
		);
		const poll = await openPoll(facilitator.client, workshop.id);
		const sent = await Promise.all(
			members.map((m, i) => vote(m.client, poll.id, { optionId: poll.options[i % 3].id }))
		);
		expect(sent.map((r) => r.status)).toEqual(members.map(() => 201));
		// Everyone retries at once too (lost acks): nothing more is counted.
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.totalBallots).toBe(200);
		expect(res.body.eligible).toBe(201);
		expect(res.body.options.map((o) => o.count)).toEqual([67, 67, 66]);
		expect(
			await rows(sql`select count(*)::int as n from ballots where poll_id = ${poll.id}`)
		).toEqual([{ n: 200 }]);
	});

	it('a member sending two different ballots at the same instant gets one counted', async () => {
		const { facilitator, workshop, voters } = await votingRoom(server, 1);
		const poll = await openPoll(facilitator.client, workshop.id, { allowChange: false });
		const both = await Promise.all([
			vote(voters[0].client, poll.id, { optionId: poll.options[0].id }),
			vote(voters[0].client, poll.id, { optionId: poll.options[1].id })
		]);
		expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
		await command(facilitator.client, poll.id, 'close');
		expect((await results(facilitator.client, poll.id)).body.totalBallots).toBe(1);
	});
});
