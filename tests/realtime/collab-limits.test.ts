import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE } from '../../server/collab/close-codes';
import { createMemoryDocumentStore } from '../../server/collab/document-store';
import {
	encodeAwarenessMessage,
	encodeQueryAwareness,
	encodeSyncUpdate,
	messageAwareness,
	messageSync
} from '../../server/collab/protocol';
import { waitFor } from '../helpers/wait-for';
import {
	createFakeAccess,
	createHarness,
	randomDocId,
	seededRandom,
	type RawClient,
	type TestServer
} from './collab-harness';

/** Seeds that once found a bug stay here as regression cases (none so far). */
const FUZZ_SEEDS = [20261122];

function frame(write: (e: encoding.Encoder) => void) {
	const e = encoding.createEncoder();
	write(e);
	return encoding.toUint8Array(e);
}

/** A mix of hostile frames: raw noise, noise behind valid headers, and bit-flipped real updates. */
function fuzzMessage(random: () => number, realUpdates: Uint8Array[]): Uint8Array {
	const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
	const size = () => 1 + Math.floor(random() * 120);
	const pick = random();
	if (pick < 0.25) return bytes(size());
	if (pick < 0.45) {
		return frame((e) => {
			encoding.writeVarUint(e, messageSync);
			encoding.writeVarUint(e, random() < 0.5 ? 1 : 2);
			encoding.writeVarUint8Array(e, bytes(size()));
		});
	}
	if (pick < 0.75) {
		const update = realUpdates[Math.floor(random() * realUpdates.length)].slice();
		const flips = 1 + Math.floor(random() * 3);
		for (let i = 0; i < flips; i++)
			update[Math.floor(random() * update.length)] = Math.floor(random() * 256);
		const message = encodeSyncUpdate(update);
		return random() < 0.2 ? message.slice(0, Math.floor(random() * message.length)) : message;
	}
	if (pick < 0.9) {
		return frame((e) => {
			encoding.writeVarUint(e, messageAwareness);
			encoding.writeVarUint8Array(e, bytes(size()));
		});
	}
	return frame((e) => {
		encoding.writeVarUint(e, messageSync);
		encoding.writeVarUint(e, 0);
		encoding.writeVarUint8Array(e, bytes(size()));
	});
}

describe('/collab limits and hostile input', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	async function setUp(
		options: Parameters<typeof h.start>[0] extends infer O ? Partial<O> : never = {}
	) {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize,
			...options
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);
		return { docId, server, alice, bob };
	}

	/** Sends one frame, then a query: the answer (or a close) proves the frame was processed. */
	async function sendAndSettle(
		server: TestServer,
		docId: string,
		client: RawClient | null,
		message: Uint8Array
	) {
		let raw = client;
		if (!raw || raw.ws.readyState !== raw.ws.OPEN) {
			raw = h.raw(server, docId, 'alice');
			await raw.opened;
			const fresh = raw;
			// The server greets with sync step 1 and the awareness of alice and bob.
			await waitFor(() => fresh.messages.length >= 2);
		}
		const current = raw;
		const before = current.messages.length;
		current.ws.send(message);
		current.ws.send(encodeQueryAwareness());
		await waitFor(
			() => current.messages.length > before || current.ws.readyState !== current.ws.OPEN
		);
		return current;
	}

	it.each(FUZZ_SEEDS)(
		'1,000 random-byte messages (seed %i) do not crash the server or corrupt the document, and other clients keep syncing',
		async (seed) => {
			const { docId, server, alice, bob } = await setUp();
			// Awareness present, so that every query is answered (the "processed" signal).
			alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
			bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
			// Real updates to mutate, on other types: a bit-flipped update that still decodes is a
			// legitimate write by an authorized client, and must not be mistaken for corruption.
			const source = new Y.Doc();
			const realUpdates: Uint8Array[] = [];
			source.on('update', (u: Uint8Array) => realUpdates.push(u));
			for (let i = 0; i < 20; i++) source.getText('fuzz').insert(0, `mot${i} `);
			source.getMap('meta').set('title', 'Charte');
			source.getText('fuzz').delete(3, 7);

			// Four raw connections in parallel (most frames close theirs), 250 frames each.
			let sent = 0;
			await Promise.all(
				[0, 1, 2, 3].map(async (stream) => {
					const random = seededRandom(seed + stream);
					let raw: RawClient | null = null;
					for (let i = 0; i < 250; i++) {
						raw = await sendAndSettle(server, docId, raw, fuzzMessage(random, realUpdates));
						if (++sent % 100 === 0)
							alice.doc.getText('body').insert(alice.text().length, `${sent / 100 - 1}`);
					}
				})
			);
			await waitFor(() => bob.text() === '0123456789');

			const serverDoc = await server.collab.registry.getDoc(docId);
			expect(serverDoc.getText('body').toString()).toBe('0123456789');
			// The state still encodes and decodes, and a newcomer gets the same text.
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(serverDoc));
			expect(copy.getText('body').toString()).toBe('0123456789');
			const carol = h.connect(server, docId, 'fatou');
			await waitFor(() => carol.provider.synced);
			expect(carol.text()).toBe('0123456789');
			expect(server.warnings.filter((w) => w === 'collab_message_rejected').length).toBeGreaterThan(
				500
			);
		}
	);

	it('an update Yjs cannot integrate closes that connection with 4400 and the document is rebuilt without losing an edit', async () => {
		// Found by fuzzing: it decodes, then throws half-way through integration.
		const { server, docId, alice, bob } = await setUp({ flushDelayMs: 60_000 });
		const source = new Y.Doc();
		source.clientID = 1234;
		for (let i = 0; i < 20; i++) source.getText('fuzz').insert(0, `mot${i} `);
		const poison = frame((e) => {
			encoding.writeVarUint(e, 1); // one client
			encoding.writeVarUint(e, 1); // one struct
			encoding.writeVarUint(e, 1234);
			encoding.writeVarUint(e, 68); // a clock we already have…
			encoding.writeUint8(e, 0x44); // string content with a left origin
			encoding.writeVarUint(e, 1234);
			encoding.writeVarUint(e, 122); // …whose origin lies beyond it
			encoding.writeVarString(e, 'mot13 ');
			encoding.writeVarUint(e, 0); // empty delete set
		});
		const raw = h.raw(server, docId, 'alice');
		await raw.opened;
		raw.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(source)));
		alice.doc.getText('body').insert(0, 'avant');
		await waitFor(() => bob.text() === 'avant' && bob.doc.getText('fuzz').length === 110);

		raw.ws.send(encodeSyncUpdate(poison));
		expect(await raw.closed).toEqual({ code: 4400, reason: 'malformed_message' });
		await waitFor(() => server.collab.registry.stats().rebuilds === 1);
		alice.doc.getText('body').insert(5, ' après');
		await waitFor(() => bob.text() === 'avant après');
		const serverDoc = await server.collab.registry.getDoc(docId);
		expect(serverDoc.getText('fuzz').toString()).toBe(source.getText('fuzz').toString());
		expect(serverDoc.getText('body').toString()).toBe('avant après');
	});

	it('an update over the size limit closes that connection with 4413 and leaves the document intact', async () => {
		const { server, docId, alice, bob } = await setUp({ maxUpdateBytes: 1024 });
		alice.doc.getText('body').insert(0, 'court');
		await waitFor(() => bob.text() === 'court');
		let closed: { code: number; reason: string } | null = null;
		alice.provider.on('closed', (event) => (closed = event));
		alice.doc.getText('body').insert(0, 'x'.repeat(4000));
		await waitFor(() => closed);
		expect(closed).toEqual({ code: CLOSE.updateTooLarge.code, reason: 'update_too_large' });

		bob.doc.getText('body').insert(5, ' et bon');
		const serverDoc = await server.collab.registry.getDoc(docId);
		await waitFor(() => serverDoc.getText('body').toString() === 'court et bon');
		expect(bob.provider.wsconnected).toBe(true);
	});

	it('a frame that is not y-websocket closes that connection with 4400 and nothing else', async () => {
		const { server, docId, alice, bob } = await setUp();
		const raw = h.raw(server, docId, 'alice');
		await raw.opened;
		raw.ws.send(new Uint8Array([7, 1, 2, 3]));
		expect(await raw.closed).toEqual({ code: 4400, reason: 'malformed_message' });
		alice.doc.getText('body').insert(0, 'toujours là');
		await waitFor(() => bob.text() === 'toujours là');
		expect(server.collab.registry.stats().connections).toBe(2);
	});

	it('awareness faster than five updates per second is coalesced to the latest state', async () => {
		const { alice, bob } = await setUp();
		const aliceId = alice.doc.clientID;
		// y-protocols ignores a clock-0 state from an unknown client: announce one field first.
		alice.provider.awareness.setLocalStateField('cursor', 0);
		await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.cursor === 0);
		let seen = 0;
		bob.provider.awareness.on('change', ({ updated }: { updated: number[] }) => {
			if (updated.includes(aliceId)) seen++;
		});
		for (let i = 1; i <= 50; i++) alice.provider.awareness.setLocalStateField('cursor', i);
		await waitFor(() => bob.provider.awareness.getStates().get(aliceId)?.cursor === 50);
		expect(seen).toBeLessThanOrEqual(3);
	});

	it("a connection cannot overwrite another client's awareness state", async () => {
		const { server, docId, alice, bob } = await setUp();
		const bobId = bob.doc.clientID;
		bob.provider.awareness.setLocalStateField('cursor', 'bob-here');
		await waitFor(() => alice.provider.awareness.getStates().get(bobId)?.cursor === 'bob-here');
		const raw = h.raw(server, docId, 'alice');
		await raw.opened;
		raw.ws.send(
			encodeAwarenessMessage([{ clientId: bobId, clock: 999, json: '{"cursor":"spoofed"}' }])
		);
		raw.ws.send(encodeAwarenessMessage([{ clientId: 4242, clock: 1, json: '{"cursor":"mine"}' }]));
		await waitFor(() => alice.provider.awareness.getStates().get(4242)?.cursor === 'mine');
		expect(alice.provider.awareness.getStates().get(bobId)?.cursor).toBe('bob-here');
	});

	it('a connection flooding messages is closed with 4429 while the others keep working', async () => {
		const { server, docId, alice, bob } = await setUp({ messagesPerSecond: 10, messageBurst: 50 });
		const raw = h.raw(server, docId, 'alice');
		await raw.opened;
		for (let i = 0; i < 200; i++) raw.ws.send(encodeQueryAwareness());
		expect((await raw.closed).code).toBe(CLOSE.rateLimited.code);
		alice.doc.getText('body').insert(0, 'calme');
		await waitFor(() => bob.text() === 'calme');
		expect(server.collab.registry.stats().connections).toBe(2);
	});
});
