import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import type { InclusionView } from '../../src/lib/protocol/facilitation';
import { HttpClient } from '../helpers/http-client';
import { workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';

let server: RunningServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(() => server.close());

const sockets: TestSocket[] = [];
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
});

/** A phone that joins with a self-declared profile and stays connected (present). */
async function presentParticipant(code: string, workshopId: string, profile: object) {
	const client = new HttpClient(server.url);
	const res = await client.json<{ memberId: string }>('/api/join', {
		method: 'POST',
		json: { code, displayName: 'Participant·e', ...profile }
	});
	expect(res.status).toBe(201);
	const socket = connectAs(client);
	sockets.push(socket);
	await connected(socket);
	expect((await socket.emitWithAck('workshop:enter', { workshopId })).ok).toBe(true);
	return { client, memberId: res.body.memberId };
}

const woman = { gender: 'woman', ageBracket: '18_24' };
const man = { gender: 'man', ageBracket: '35_49' };

describe('the inclusion panel API', () => {
	it('is for facilitators only', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const participant = await presentParticipant(workshop.code, workshop.id, woman);
		const res = await participant.client.json(`/api/workshops/${workshop.id}/inclusion`);
		expect(res.status).toBe(403);
		const ok = await facilitator.client.json(`/api/workshops/${workshop.id}/inclusion`);
		expect(ok.status).toBe(200);
	});

	it('shows groups of fewer than five as suppressed, and exact figures from five on', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const fac = connectAs(facilitator.client);
		sockets.push(fac);
		await connected(fac);
		await fac.emitWithAck('workshop:enter', { workshopId: workshop.id });
		for (const profile of [woman, woman, woman, man, man, man, man, man, man]) {
			await presentParticipant(workshop.code, workshop.id, profile);
		}
		const read = async () => {
			const res = await facilitator.client.json<InclusionView>(
				`/api/workshops/${workshop.id}/inclusion`
			);
			expect(res.status).toBe(200);
			return res.body;
		};
		// Nine participants present; the facilitator's own laptop is not counted.
		const small = await waitFor(async () => {
			const view = await read();
			return view.stats.present.total.suppressed === false && view.stats.present.total.value === 9
				? view
				: null;
		});
		expect(small.stats.present.women.group).toEqual({ suppressed: true });
		// Hiding the three women alone would let 9 − 6 give them back: the men are hidden too.
		expect(small.stats.present.women.otherDeclared).toEqual({ suppressed: true });
		expect(small.stats.present.women.share).toEqual({ suppressed: true });
		expect(small.stats.present.under35.group).toEqual({ suppressed: true });
		expect(small.stats.spoke.total).toEqual({ suppressed: false, value: 0 });
		expect(small.unmeasured).toEqual([]);

		await presentParticipant(workshop.code, workshop.id, woman);
		await presentParticipant(workshop.code, workshop.id, woman);
		const large = await waitFor(async () => {
			const view = await read();
			return view.stats.present.women.group.suppressed === false ? view : null;
		});
		expect(large.stats.present.total).toEqual({ suppressed: false, value: 11 });
		expect(large.stats.present.women.group).toEqual({ suppressed: false, value: 5 });
		expect(large.stats.present.women.otherDeclared).toEqual({ suppressed: false, value: 6 });
		expect(large.stats.present.women.share).toEqual({ suppressed: false, value: 5 / 11 });
	});

	it('counts who spoke from the speaking queue, hiding an activity of fewer than five people', async () => {
		const { workshop, facilitator } = await workshopWithFacilitator(server);
		const speaker = await presentParticipant(workshop.code, workshop.id, woman);
		const fac = connectAs(facilitator.client);
		sockets.push(fac);
		await connected(fac);
		await fac.emitWithAck('workshop:enter', { workshopId: workshop.id });
		const floor = await fac.emitWithAck('queue:give_floor', {
			workshopId: workshop.id,
			memberId: speaker.memberId
		});
		expect(floor.ok).toBe(true);
		const res = await facilitator.client.json<InclusionView>(
			`/api/workshops/${workshop.id}/inclusion`
		);
		expect(res.body.stats.spoke.total).toEqual({ suppressed: true });
		expect(res.body.stats.spoke.women.group).toEqual({ suppressed: true });
	});
});
