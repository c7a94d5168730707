import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/http-server';
import { startTestServer } from '../helpers/test-server';
import { HttpClient } from '../helpers/http-client';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { command, results, vote } from './polls-helpers';
import {
	board,
	createNomination,
	memberOf,
	merge,
	propose,
	shortlist
} from './nominations-helpers';

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

describe('the proposal phase of a nomination', () => {
	it('collects names, merges duplicates and turns the shortlist into the options', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const a = await memberOf(server, workshop.code, 'Awa');
		const b = await memberOf(server, workshop.code, 'Bello');
		const poll = await createNomination(facilitator.client, workshop.id);
		expect(poll.options).toEqual([]);

		// Members see the nomination although its vote is not open: they propose in it.
		const seen = await a.client.json<{ id: string; status: string; ballotMethod: null }[]>(
			`/api/workshops/${workshop.id}/polls`
		);
		expect(seen.body.map((p) => [p.id, p.status, p.ballotMethod])).toEqual([
			[poll.id, 'draft', null]
		]);

		const aissa = await propose(a.client, poll.id, {
			name: '  Aïssa   Moussa ',
			reason: 'Elle anime le comité d’eau.'
		});
		expect(aissa.status).toBe(201);
		expect(aissa.body).toMatchObject({ name: 'Aïssa Moussa', mergedInto: null });
		const twin = await propose(b.client, poll.id, { name: 'aissa moussa', reason: 'Toujours là.' });
		const other = await propose(b.client, poll.id, { name: 'Ibrahim Sani' });
		expect([twin.status, other.status]).toEqual([201, 201]);

		// A participant sees their own proposals and the count, never the others' names.
		const mine = await board(a.client, poll.id);
		expect(mine.count).toBe(3);
		expect(mine.mine.map((p) => p.name)).toEqual(['Aïssa Moussa']);
		expect(mine.proposals).toBeUndefined();
		expect(JSON.stringify(mine)).not.toContain('Ibrahim');

		const full = await board(facilitator.client, poll.id);
		expect(full.proposals!.map((p) => [p.name, p.proposerName])).toEqual([
			['Aïssa Moussa', 'Awa'],
			['aissa moussa', 'Bello'],
			['Ibrahim Sani', 'Bello']
		]);
		expect(full.duplicates).toEqual([[aissa.body.id, twin.body.id]]);

		const merged = await merge(facilitator.client, poll.id, twin.body.id, aissa.body.id);
		expect(merged.status).toBe(200);
		expect(merged.body.duplicates).toEqual([]);
		expect(merged.body.candidates!.map((c) => [c.name, c.support, c.reasons.length])).toEqual([
			['Aïssa Moussa', 2, 2],
			['Ibrahim Sani', 1, 0]
		]);
		const again = await merge(facilitator.client, poll.id, twin.body.id, other.body.id);
		expect(again.status).toBe(409);
		expect(again.body.error).toMatchObject({
			reason: 'proposal_already_merged',
			message: 'Cette proposition a déjà été fusionnée.'
		});

		const done = await shortlist(facilitator.client, poll.id, [aissa.body.id, other.body.id]);
		expect(done.status).toBe(200);
		expect(done.body.options.map((o) => o.label)).toEqual(['Aïssa Moussa', 'Ibrahim Sani']);

		// From here the poll is an ordinary single-choice vote.
		expect((await command(facilitator.client, poll.id, 'open')).status).toBe(200);
		const [aissaOption] = done.body.options;
		expect((await vote(a.client, poll.id, { optionId: aissaOption.id })).status).toBe(201);
		expect((await vote(b.client, poll.id, { optionId: aissaOption.id })).status).toBe(201);
		await command(facilitator.client, poll.id, 'close');
		const res = await results(facilitator.client, poll.id);
		expect(res.body.winner).toBe(aissaOption.id);
		expect(res.body.totalBallots).toBe(2);

		const actions = (await server.app.audit.list(workshop.id))
			.filter((e) => e.subject === poll.id)
			.map((e) => e.action)
			.reverse();
		expect(actions).toEqual([
			'poll.create',
			'nomination.propose',
			'nomination.propose',
			'nomination.propose',
			'nomination.merge',
			'nomination.shortlist',
			'poll.open',
			'poll.close'
		]);
	});

	it('refuses a proposal once the proposal phase is closed, and a vote before it is', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const a = await memberOf(server, workshop.code, 'Awa');
		const poll = await createNomination(facilitator.client, workshop.id);
		const first = await propose(a.client, poll.id, { name: 'Hadiza', reason: '' });
		const second = await propose(a.client, poll.id, { name: 'Issa' });

		const early = await command(facilitator.client, poll.id, 'open');
		expect(early.status).toBe(409);
		expect(early.body.error.reason).toBe('nomination_proposal_phase');
		const tooShort = await shortlist(facilitator.client, poll.id, [first.body.id]);
		expect(tooShort.status).toBe(400);
		expect(tooShort.body.error.reason).toBe('shortlist_too_short');
		const forbidden = await shortlist(a.client, poll.id, [first.body.id, second.body.id]);
		expect(forbidden.status).toBe(403);

		expect(
			(await shortlist(facilitator.client, poll.id, [first.body.id, second.body.id])).status
		).toBe(200);
		const late = await propose(a.client, poll.id, { name: 'Trop tard' });
		expect(late.status).toBe(409);
		expect(late.body.error).toMatchObject({
			code: 'poll_state_conflict',
			reason: 'nomination_not_proposal_phase',
			message: 'Le temps des propositions est terminé.'
		});
		const count = await rows(
			sql`select count(*)::int as n from nomination_proposals where poll_id = ${poll.id}`
		);
		expect(Number(count[0].n)).toBe(2);
		const twice = await shortlist(facilitator.client, poll.id, [first.body.id, second.body.id]);
		expect(twice.status).toBe(409);
	});

	it('validates proposals with translated errors and changes nothing', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const a = await memberOf(server, workshop.code, 'Awa');
		const poll = await createNomination(facilitator.client, workshop.id);
		const blank = await propose(a.client, poll.id, { name: '   ' });
		expect(blank.status).toBe(400);
		expect(blank.body.error).toMatchObject({
			field: 'name',
			reason: 'proposal_name_required',
			message: 'Écrivez un nom.'
		});
		const long = await propose(a.client, poll.id, { name: 'x'.repeat(121) });
		expect(long.body.error).toMatchObject({
			reason: 'proposal_name_too_long',
			message: 'Ce nom est trop long (120 caractères au plus).'
		});
		// Joining set the language cookie (French): the member switches to English.
		a.client.setCookie('palabre_lang', 'en');
		const english = await a.client.json<{ error: { message: string } }>(
			`/api/polls/${poll.id}/proposals`,
			{ method: 'POST', json: { name: 'ok', reason: 'y'.repeat(501) } }
		);
		a.client.setCookie('palabre_lang', 'fr');
		expect(english.body.error.message).toBe('The reason is too long (500 characters at most).');
		for (let i = 0; i < 5; i++)
			expect((await propose(a.client, poll.id, { name: `Nom ${i}` })).status).toBe(201);
		const sixth = await propose(a.client, poll.id, { name: 'Sixième' });
		expect(sixth.body.error).toMatchObject({
			reason: 'proposal_limit',
			message: 'Vous avez déjà fait vos 5 propositions.'
		});
		expect((await board(facilitator.client, poll.id)).count).toBe(5);
		const stranger = await workshopWithFacilitator(server);
		const outside = await propose(stranger.facilitator.client, poll.id, { name: 'Intrus' });
		expect(outside.status).toBe(404);
	});
});

describe('a nomination with one winner per quartier', () => {
	async function scopedRoom(secret: boolean) {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const zongo = [
			await memberOf(server, workshop.code, 'Zara', 'Zongo'),
			await memberOf(server, workshop.code, 'Zeinab', 'zongo ')
		];
		const sabon = [await memberOf(server, workshop.code, 'Sani', 'Sabon Gari')];
		const poll = await createNomination(facilitator.client, workshop.id, {
			scope: 'quartier',
			secret,
			reveal: 'manual'
		});
		const z1 = await propose(zongo[0].client, poll.id, { name: 'Zakari', reason: 'Il répare.' });
		const z2 = await propose(zongo[1].client, poll.id, { name: 'Zalika' });
		const s1 = await propose(sabon[0].client, poll.id, { name: 'Souley' });
		// Another member's quartier, spelled differently, is the same quartier.
		expect([z1.body.quartier, z2.body.quartier, s1.body.quartier]).toEqual([
			'Zongo',
			'Zongo',
			'Sabon Gari'
		]);
		const done = await shortlist(facilitator.client, poll.id, [z1.body.id, z2.body.id, s1.body.id]);
		expect(done.status).toBe(200);
		const option = (label: string) => done.body.options.find((o) => o.label === label)!;
		expect(done.body.options.map((o) => [o.label, o.quartier])).toEqual([
			['Zakari', 'Zongo'],
			['Zalika', 'Zongo'],
			['Souley', 'Sabon Gari']
		]);
		expect((await command(facilitator.client, poll.id, 'open')).status).toBe(200);
		return { facilitator, workshop, zongo, sabon, poll, option };
	}

	it("refuses a ballot for another quartier's candidate and counts each quartier apart", async () => {
		const { facilitator, zongo, sabon, poll, option } = await scopedRoom(true);
		const wrong = await vote(sabon[0].client, poll.id, { optionId: option('Zakari').id });
		expect(wrong.status).toBe(400);
		expect(wrong.body.error).toMatchObject({
			code: 'ballot_invalid',
			reason: 'other_quartier',
			message: 'Vous votez pour les candidats de votre quartier seulement.'
		});
		expect((await vote(zongo[0].client, poll.id, { optionId: option('Zalika').id })).status).toBe(
			201
		);
		expect((await vote(zongo[1].client, poll.id, { optionId: option('Zalika').id })).status).toBe(
			201
		);
		expect((await vote(sabon[0].client, poll.id, { optionId: option('Souley').id })).status).toBe(
			201
		);

		const hidden = await results(zongo[0].client, poll.id);
		const hiddenQ = (hidden.body as unknown as { byQuartier: Record<string, object> }).byQuartier;
		expect(hiddenQ.Zongo).toMatchObject({ hidden: true });
		expect(JSON.stringify(hiddenQ)).not.toContain('"count"');

		await command(facilitator.client, poll.id, 'close');
		await command(facilitator.client, poll.id, 'reveal');
		const res = await results(zongo[0].client, poll.id);
		const body = res.body as unknown as {
			winner?: string;
			byQuartier: Record<
				string,
				{
					winner: string | null;
					totalBallots: number;
					eligible?: number;
					options: { id: string; count: number }[];
				}
			>;
		};
		expect(body.winner).toBeUndefined();
		expect(body.byQuartier.Zongo).toMatchObject({ winner: option('Zalika').id, totalBallots: 2 });
		expect(body.byQuartier.Zongo.options.map((o) => [o.id, o.count])).toEqual([
			[option('Zakari').id, 0],
			[option('Zalika').id, 2]
		]);
		expect(body.byQuartier['Sabon Gari']).toMatchObject({
			winner: option('Souley').id,
			totalBallots: 1
		});
		// Two and one eligible members: too few for their turnout to be published.
		expect(body.byQuartier.Zongo.eligible).toBeUndefined();
	});

	it('publishes the turnout of a quartier of five eligible members, not of a smaller one', async () => {
		const { facilitator, workshop } = await workshopWithFacilitator(server);
		const zongo = [];
		for (const name of ['Zara', 'Zeinab', 'Zakou', 'Zoulaha', 'Zouera'])
			zongo.push(await memberOf(server, workshop.code, name, 'Zongo'));
		const sani = await memberOf(server, workshop.code, 'Sani', 'Sabon Gari');
		const poll = await createNomination(facilitator.client, workshop.id, {
			scope: 'quartier',
			secret: true,
			reveal: 'live',
			eligibleRoles: ['participant']
		});
		const z = await propose(zongo[0].client, poll.id, { name: 'Zakari' });
		const s = await propose(sani.client, poll.id, { name: 'Souley' });
		const done = await shortlist(facilitator.client, poll.id, [z.body.id, s.body.id]);
		await command(facilitator.client, poll.id, 'open');
		await vote(zongo[1].client, poll.id, { optionId: done.body.options[0].id });
		// A poll that is not a nomination has no proposals: it answers as an unknown poll.
		const single = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshop.id}/polls`,
			{
				method: 'POST',
				json: { question: 'Q ?', method: 'single', options: [{ label: 'a' }, { label: 'b' }] }
			}
		);
		expect(
			await board(facilitator.client, single.body.id).catch((e: Error) => e.message)
		).toContain('404');
		const res = await results(sani.client, poll.id);
		const byQuartier = (
			res.body as unknown as {
				byQuartier: Record<string, { eligible?: number; totalBallots: number }>;
			}
		).byQuartier;
		expect(byQuartier.Zongo).toMatchObject({ eligible: 5, totalBallots: 1 });
		expect(byQuartier['Sabon Gari'].eligible).toBeUndefined();
		expect(byQuartier['Sabon Gari'].totalBallots).toBe(0);
	});

	it('publishes the results per quartier in the open data, without a voter', async () => {
		const { facilitator, zongo, sabon, poll, option } = await scopedRoom(false);
		await vote(zongo[0].client, poll.id, { optionId: option('Zakari').id });
		await vote(sabon[0].client, poll.id, { optionId: option('Souley').id });
		for (const step of ['close', 'publish'])
			expect((await command(facilitator.client, poll.id, step)).status).toBe(200);
		const anonymous = new HttpClient(server.url);
		const json = await anonymous.json<{ byQuartier: Record<string, { winner: string }> }>(
			`/api/polls/${poll.id}/results.json`
		);
		expect(json.status).toBe(200);
		expect(json.body.byQuartier.Zongo.winner).toBe(option('Zakari').id);
		expect(json.body.byQuartier['Sabon Gari'].winner).toBe(option('Souley').id);
		expect(JSON.stringify(json.body)).not.toMatch(/Zara|Zeinab|Sani\b/);
		const csv = await (await anonymous.request(`/api/polls/${poll.id}/results.csv`)).text();
		expect(csv).toContain(`"quartier","Zongo","",1,"${option('Zakari').id}","Zakari",1,`);
		expect(csv).toContain(`"quartier","Sabon Gari","",1,"${option('Souley').id}","Souley",1,`);
	});
});
