import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/lib/server/app';
import { parseConfig } from '../../src/lib/server/config';
import type { DatabaseHandle } from '../../src/lib/server/db/client';
import type { User } from '../../src/lib/server/repositories/users';
import { createTestDatabase, migrationsDir } from '../helpers/test-database';

// The services over a real database with a fake clock, so speaking times are exact.
let database: DatabaseHandle;
let app: App;
let clock = 1_800_000_000_000;
let counter = 0;

beforeAll(async () => {
	database = await createTestDatabase();
	const config = { ...parseConfig({}), migrationsDir, databaseUrl: undefined };
	app = await createApp(config, { database, now: () => clock });
});
afterAll(async () => {
	await app?.close();
	await database?.close();
});

async function workshop() {
	const facilitator = await app.accounts.signUp({
		email: `queue${++counter}-${Date.now()}@example.org`,
		name: 'Aïcha Animatrice',
		password: 'mot-de-passe-sûr'
	});
	const created = await app.workshops.create(facilitator, {
		title: 'Cadre de concertation de Dan-Kassari',
		kind: 'concertation'
	});
	const join = async (displayName: string) => {
		const { user, member } = await app.members.join(null, { code: created.code, displayName });
		return { user: user as User, memberId: member.id };
	};
	return { id: created.id, facilitator, join };
}

const names = (view: { waiting: Array<{ displayName: string }> }) =>
	view.waiting.map((w) => w.displayName);

describe('the speaking queue service', () => {
	it('keeps arrival order, and puts first-time speakers first once the option is on', async () => {
		const w = await workshop();
		const [awa, bala, coumba] = await Promise.all(['Awa', 'Bala', 'Coumba'].map(w.join));
		// Bala speaks once, then everyone raises a hand: Bala first, Awa, Coumba.
		await app.queue.raise(bala!.user, w.id);
		await app.queue.giveFloor(w.facilitator, w.id);
		clock += 30_000;
		await app.queue.endTurn(w.facilitator, w.id);
		clock += 1_000;
		await app.queue.raise(bala!.user, w.id);
		clock += 1_000;
		await app.queue.raise(awa!.user, w.id);
		clock += 1_000;
		const plain = await app.queue.raise(coumba!.user, w.id);
		expect(names(plain)).toEqual(['Bala', 'Awa', 'Coumba']);
		expect(plain.waiting.map((e) => e.firstTime)).toEqual([false, true, true]);

		const prioritized = await app.queue.setPriority(w.facilitator, w.id, { on: true });
		expect(prioritized.firstTimersFirst).toBe(true);
		expect(names(prioritized)).toEqual(['Awa', 'Coumba', 'Bala']);

		const floor = await app.queue.giveFloor(w.facilitator, w.id);
		expect(floor.current).toMatchObject({ displayName: 'Awa', startedAt: clock });
		expect(names(floor)).toEqual(['Coumba', 'Bala']);
		// The option and the queue live in the database: a fresh read sees the same order.
		expect(names(await app.queue.get(coumba!.user, w.id))).toEqual(['Coumba', 'Bala']);
	});

	it('lets only facilitators give the floor, end a turn, set the option or remove someone', async () => {
		const w = await workshop();
		const awa = await w.join('Awa');
		const bala = await w.join('Bala');
		await app.queue.raise(awa.user, w.id);
		const forbidden = { code: 'forbidden' };
		await expect(app.queue.giveFloor(bala.user, w.id)).rejects.toMatchObject(forbidden);
		await expect(app.queue.giveFloor(awa.user, w.id)).rejects.toMatchObject(forbidden);
		await expect(app.queue.endTurn(awa.user, w.id)).rejects.toMatchObject(forbidden);
		await expect(app.queue.setPriority(awa.user, w.id, { on: true })).rejects.toMatchObject(
			forbidden
		);
		await expect(
			app.queue.lower(bala.user, w.id, { memberId: awa.memberId })
		).rejects.toMatchObject(forbidden);
		// She may lower her own hand; the facilitator may take anyone out.
		await app.queue.raise(bala.user, w.id);
		expect(names(await app.queue.lower(awa.user, w.id))).toEqual(['Bala']);
		expect(names(await app.queue.lower(w.facilitator, w.id, { memberId: bala.memberId }))).toEqual(
			[]
		);
	});

	it('refuses a second raised hand and a floor given to nobody', async () => {
		const w = await workshop();
		const awa = await w.join('Awa');
		await app.queue.raise(awa.user, w.id);
		await expect(app.queue.raise(awa.user, w.id)).rejects.toMatchObject({
			code: 'conflict',
			details: { params: { reason: 'queue_already_waiting' } }
		});
		await app.queue.lower(awa.user, w.id);
		await expect(app.queue.giveFloor(w.facilitator, w.id)).rejects.toMatchObject({
			details: { params: { reason: 'queue_empty' } }
		});
		await expect(app.queue.endTurn(w.facilitator, w.id)).rejects.toMatchObject({
			details: { params: { reason: 'queue_no_speaker' } }
		});
	});

	it('records each turn with its speaking time, also when "next speaker" ends it', async () => {
		const w = await workshop();
		const awa = await w.join('Awa');
		const bala = await w.join('Bala');
		await app.queue.raise(awa.user, w.id);
		await app.queue.raise(bala.user, w.id);
		const start = clock;
		await app.queue.giveFloor(w.facilitator, w.id);
		clock += 95_000;
		// "Au suivant": Awa's turn ends and Bala gets the floor in one step.
		const next = await app.queue.giveFloor(w.facilitator, w.id);
		expect(next.current?.displayName).toBe('Bala');
		clock += 40_000;
		expect((await app.queue.spokenSeconds(w.id)).get(bala.memberId)).toBe(40);
		await app.queue.endTurn(w.facilitator, w.id);

		const turns = await app.queue.turns(w.facilitator, w.id);
		expect(
			turns.map((t) => ({ member: t.memberId, ms: t.durationMs, at: t.startedAt.getTime() }))
		).toEqual([
			{ member: awa.memberId, ms: 95_000, at: start },
			{ member: bala.memberId, ms: 40_000, at: start + 95_000 }
		]);
		const spoken = await app.queue.spokenSeconds(w.id);
		expect(Object.fromEntries(spoken)).toEqual({ [awa.memberId]: 95, [bala.memberId]: 40 });
		await expect(app.queue.turns(awa.user, w.id)).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('gives the floor to someone who did not raise a hand, but only to a member', async () => {
		const w = await workshop();
		const mayor = await w.join('Monsieur le Maire');
		const view = await app.queue.giveFloor(w.facilitator, w.id, { memberId: mayor.memberId });
		expect(view.current?.displayName).toBe('Monsieur le Maire');
		await expect(
			app.queue.giveFloor(w.facilitator, w.id, { memberId: crypto.randomUUID() })
		).rejects.toMatchObject({ code: 'not_found' });
	});

	it('counts a repeated reaction once and forgets reactions after their window', async () => {
		const w = await workshop();
		const awa = await w.join('Awa');
		const bala = await w.join('Bala');
		await app.queue.react(awa.user, w.id, { reaction: 'thumbs_up' });
		await app.queue.react(awa.user, w.id, { reaction: 'thumbs_up' });
		const both = await app.queue.react(bala.user, w.id, { reaction: 'question' });
		expect(both.recent.map((r) => r.reaction).sort()).toEqual(['question', 'thumbs_up']);
		expect(JSON.stringify(both)).not.toContain(awa.memberId);
		await expect(app.queue.react(awa.user, w.id, { reaction: 'applause' })).rejects.toMatchObject({
			code: 'validation'
		});
		clock += both.windowMs;
		expect((await app.queue.reactions(awa.user, w.id)).recent).toEqual([]);
	});
});
