// GET /metrics on a real server: closed without configuration, behind its bearer token, or on its
// own admin listener; and its numbers move when a phone votes over socket.io and an editor
// connects to /collab and types.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import { joinedParticipant } from '../helpers/fixtures';
import { createCollabClients, typeParagraph } from '../helpers/collab-client';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import { startTestServer } from '../helpers/test-server';
import { waitFor } from '../helpers/wait-for';
import { openPoll, votingRoom } from '../integration/polls-helpers';
import { workshopWithCharter } from './documents-fixtures';

const TOKEN = 'jeton-de-supervision-0123456789';

/** The value of one sample of the exposition, e.g. `palabre_connections{channel="collab"}`. */
function sample(text: string, name: string): number {
	const line = text.split('\n').find((l) => l.startsWith(name + ' '));
	if (!line) throw new Error(`no sample ${name} in /metrics`);
	return Number(line.slice(name.length + 1));
}

function scrape(url: string, token: string | null = TOKEN) {
	return fetch(url, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

const sockets: TestSocket[] = [];
const collab = createCollabClients();
afterEach(() => {
	for (const s of sockets.splice(0)) s.disconnect();
	collab.cleanup();
});

describe('/metrics behind METRICS_TOKEN', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer({ env: { METRICS_TOKEN: TOKEN } });
	});
	afterAll(() => server.close());

	it('refuses a missing or wrong token with 401 and serves Prometheus text with the right one', async () => {
		const missing = await scrape(`${server.url}/metrics`, null);
		expect(missing.status).toBe(401);
		expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/);
		expect((await scrape(`${server.url}/metrics`, 'jeton-faux')).status).toBe(401);
		expect((await scrape(`${server.url}/metrics`, TOKEN + 'x')).status).toBe(401);

		const res = await scrape(`${server.url}/metrics`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
		const text = await res.text();
		for (const name of [
			'nodejs_eventloop_lag_p99_seconds',
			'nodejs_heap_size_used_bytes',
			'palabre_connections{channel="socket.io"}',
			'palabre_connections{channel="collab"}',
			'palabre_workshops_open',
			'palabre_documents_open',
			'palabre_ballots_acknowledged_total',
			'palabre_ballot_ack_seconds_count'
		])
			expect(Number.isFinite(sample(text, name)), name).toBe(true);
		expect(text).toContain('# TYPE palabre_redis_stream_lag gauge');
	});

	it('counts socket connections, open workshops, acknowledged ballots and their latency', async () => {
		const before = await (await scrape(`${server.url}/metrics`)).text();
		const { facilitator, workshop, voters } = await votingRoom(server, 2);
		const phones = await Promise.all(
			voters.map(async (v) => {
				const socket = connectAs(v.client);
				sockets.push(socket);
				await connected(socket);
				expect((await socket.emitWithAck('workshop:enter', { workshopId: workshop.id })).ok).toBe(
					true
				);
				return socket;
			})
		);
		const poll = await openPoll(facilitator.client, workshop.id);
		for (const [i, phone] of phones.entries()) {
			const ack = await phone.emitWithAck('poll:vote', {
				pollId: poll.id,
				ballotId: crypto.randomUUID(),
				choice: { optionId: poll.options[i].id }
			});
			expect(ack.ok).toBe(true);
		}
		// A ballot for a poll that does not exist is refused: only acknowledged ballots count.
		const refused = await phones[0].emitWithAck('poll:vote', {
			pollId: crypto.randomUUID(),
			ballotId: crypto.randomUUID(),
			choice: { optionId: poll.options[0].id }
		});
		expect(refused.ok).toBe(false);

		const after = await (await scrape(`${server.url}/metrics`)).text();
		const delta = (name: string) => sample(after, name) - sample(before, name);
		expect(delta('palabre_ballots_acknowledged_total')).toBe(2);
		expect(delta('palabre_ballot_ack_seconds_count')).toBe(2);
		expect(delta('palabre_ballot_ack_seconds_sum')).toBeGreaterThan(0);
		expect(sample(after, 'palabre_connections{channel="socket.io"}')).toBe(2);
		expect(sample(after, 'palabre_workshops_open')).toBe(1);

		for (const s of sockets.splice(0)) s.disconnect();
		await waitFor(
			async () =>
				sample(await (await scrape(`${server.url}/metrics`)).text(), 'palabre_workshops_open') ===
				0,
			5_000,
			{ description: 'the workshop closes on this instance once its sockets are gone' }
		);
	});

	it('counts /collab connections, open documents and Yjs updates in and out', async () => {
		const setup = await workshopWithCharter(server);
		const [amina, issa] = await Promise.all(
			['Amina', 'Issa'].map((name) => joinedParticipant(server, setup.workshop.code, name))
		);
		const before = await (await scrape(`${server.url}/metrics`)).text();
		const a = collab.connect(server.url, setup.documentId, amina.client.cookieHeader);
		const b = collab.connect(server.url, setup.documentId, issa.client.cookieHeader);
		await Promise.all([a.synced(), b.synced()]);
		typeParagraph(a.doc, 'Le comité se réunit chaque mois.');
		const after = await waitFor(
			async () => {
				const text = await (await scrape(`${server.url}/metrics`)).text();
				return sample(text, 'palabre_yjs_updates_total{direction="out"}') >
					sample(before, 'palabre_yjs_updates_total{direction="out"}')
					? text
					: null;
			},
			5_000,
			{ description: 'the typed paragraph fanned out to the other editor' }
		);
		expect(sample(after, 'palabre_connections{channel="collab"}')).toBe(2);
		expect(sample(after, 'palabre_documents_open')).toBe(1);
		expect(sample(after, 'palabre_yjs_updates_total{direction="in"}')).toBeGreaterThan(
			sample(before, 'palabre_yjs_updates_total{direction="in"}')
		);
	});
});

describe('/metrics without configuration', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer();
	});
	afterAll(() => server.close());

	it('is not served at all: 404 with or without a token', async () => {
		expect((await scrape(`${server.url}/metrics`, null)).status).toBe(404);
		expect((await scrape(`${server.url}/metrics`)).status).toBe(404);
		expect(server.metricsUrl).toBeUndefined();
	});
});

describe('/metrics on METRICS_ADDRESS', () => {
	let server: RunningServer;
	beforeAll(async () => {
		server = await startTestServer({ env: { METRICS_ADDRESS: '127.0.0.1:0' } });
	});
	afterAll(() => server.close());

	it('serves the admin listener without a token and nothing else there; the public port has none', async () => {
		expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
		const res = await scrape(server.metricsUrl!, null);
		expect(res.status).toBe(200);
		expect(sample(await res.text(), 'palabre_ballots_acknowledged_total')).toBe(0);
		expect((await fetch(server.metricsUrl!.replace('/metrics', '/healthz'))).status).toBe(404);
		expect((await scrape(`${server.url}/metrics`, null)).status).toBe(404);
	});
});
