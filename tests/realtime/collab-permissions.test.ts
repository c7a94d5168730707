import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryDocumentStore } from '../../server/collab/document-store';
import type { AuthNotice } from '../../server/collab/protocol';
import { waitFor } from '../helpers/wait-for';
import { createFakeAccess, createHarness, randomDocId, type TestClient } from './collab-harness';

const denied = (reason: string): AuthNotice => ({ kind: 'permission-denied', reason });
const countOf = (client: TestClient, notice: AuthNotice) =>
	client.notices.filter((n) => JSON.stringify(n) === JSON.stringify(notice)).length;

describe('/collab write permissions', () => {
	const h = createHarness();
	afterEach(() => h.cleanup());

	async function setUp() {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: access.authorize
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		alice.doc.getText('body').insert(0, 'Charte: ');
		await waitFor(() => bob.text() === 'Charte: ' && alice.provider.synced && bob.provider.synced);
		const serverText = async () =>
			(await server.collab.registry.getDoc(docId)).getText('body').toString();
		return { docId, access, server, alice, bob, serverText };
	}

	it("an observer's update is dropped, the document is unchanged and the client is told read_only", async () => {
		const { docId, access, server, alice, serverText } = await setUp();
		const olive = h.connect(server, docId, 'olive');
		await waitFor(() => olive.provider.synced && olive.text() === 'Charte: ');
		// Told on connect, so that its editor opens read-only.
		await waitFor(() => countOf(olive, denied('read_only')) === 1);

		olive.doc.getText('body').insert(0, 'HACKED ');
		await waitFor(() => countOf(olive, denied('read_only')) === 2);
		expect(await serverText()).toBe('Charte: ');
		expect(access.denied).toContainEqual({ userId: 'olive', reason: 'read_only' });

		// Later edits still flow; the observer's text never reaches anyone.
		alice.doc.getText('body').insert(8, 'article 1');
		await waitFor(() => olive.text().includes('article 1'));
		expect(alice.text()).toBe('Charte: article 1');
		expect(await serverText()).toBe('Charte: article 1');
	});

	it("locking a document turns every client read-only at once and drops a participant's write", async () => {
		const { docId, access, server, alice, bob, serverText } = await setUp();
		access.lock(docId); // what canWrite reads (durable, in the database for real)
		server.collab.registry.setReadOnly(docId, 'locked'); // instant notice to everyone
		await waitFor(
			() => countOf(alice, denied('locked')) === 1 && countOf(bob, denied('locked')) === 1
		);

		alice.doc.getText('body').insert(8, 'too late');
		await waitFor(() => countOf(alice, denied('locked')) === 2);
		expect(await serverText()).toBe('Charte: ');
		expect(bob.text()).toBe('Charte: ');
		expect(access.denied).toEqual([{ userId: 'alice', reason: 'locked' }]);
	});

	it('a lock that only canWrite knows about still drops the very next update', async () => {
		const { docId, access, alice, serverText } = await setUp();
		access.lock(docId);
		alice.doc.getText('body').insert(8, 'sneaky');
		await waitFor(() => countOf(alice, denied('locked')) === 1);
		expect(await serverText()).toBe('Charte: ');
	});

	it('canWrite is checked on every update message, not once per connection', async () => {
		const { access, alice, bob } = await setUp();
		const before = access.canWriteCalls.count;
		for (let i = 0; i < 5; i++) alice.doc.getText('body').insert(8, String(i));
		await waitFor(() => bob.text() === 'Charte: 43210');
		expect(access.canWriteCalls.count - before).toBe(5);
	});

	it('unlocking tells clients they may write again, and an edit refused during the lock converges', async () => {
		const { docId, access, server, alice, bob, serverText } = await setUp();
		access.lock(docId);
		server.collab.registry.setReadOnly(docId, 'locked');
		alice.doc.getText('body').insert(8, 'typed during the lock; ');
		await waitFor(() => countOf(alice, denied('locked')) === 2);

		access.unlock(docId);
		server.collab.registry.setReadOnly(docId, null);
		await waitFor(() => alice.notices.some((n) => n.kind === 'access-granted'));
		await waitFor(() => bob.notices.some((n) => n.kind === 'access-granted'));
		alice.doc.getText('body').insert(alice.text().length, 'after');
		await waitFor(() => bob.text() === alice.text());
		expect(await serverText()).toBe('Charte: typed during the lock; after');
	});

	it('a participant demoted to observer mid-session is refused on the next update, and regains writing', async () => {
		const { docId, access, server, alice, bob, serverText } = await setUp();
		access.setRole('bob', 'observer');
		await server.collab.registry.notifyAccessChanged(docId);
		await waitFor(() => countOf(bob, denied('read_only')) === 1);
		expect(alice.notices).toEqual([]);

		access.setRole('bob', 'participant');
		await server.collab.registry.notifyAccessChanged(docId);
		await waitFor(() => bob.notices.at(-1)?.kind === 'access-granted');
		bob.doc.getText('body').insert(8, 'ok');
		await waitFor(() => alice.text() === 'Charte: ok');
		expect(await serverText()).toBe('Charte: ok');
	});

	it('a canWrite that throws closes that connection with 1011 and never crashes the server', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		let broken = false;
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: async (req, id) => {
				const grant = await access.authorize(req, id);
				if (!grant.ok) return grant;
				const canWrite = grant.canWrite;
				return {
					...grant,
					canWrite: async () => {
						if (broken) throw new Error('database down');
						return canWrite();
					}
				};
			}
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);
		broken = true;
		await server.collab.registry.notifyAccessChanged(docId); // logged, not thrown
		alice.doc.getText('body').insert(0, 'perdu?');
		await waitFor(() => alice.closeCodes.includes(1011));
		broken = false;
		// The client reconnects (1011 is transient) and its edit arrives with the resync.
		await waitFor(() => bob.text() === 'perdu?');
		expect(server.warnings).toContain('collab_access_check_failed');
	});

	it('an async canWrite keeps every update of a connection, in order', async () => {
		const docId = randomDocId();
		const access = createFakeAccess([docId]);
		const server = await h.start({
			store: createMemoryDocumentStore(),
			authorize: async (req, id) => {
				const grant = await access.authorize(req, id);
				if (!grant.ok) return grant;
				const canWrite = grant.canWrite;
				return {
					...grant,
					// Answers after a random number of event-loop turns, so answers to successive
					// updates come back out of order, as a slow database's would.
					canWrite: async () => {
						for (let turns = Math.floor(Math.random() * 4); turns > 0; turns--) {
							await new Promise((resolve) => setImmediate(resolve));
						}
						return canWrite();
					}
				};
			}
		});
		const alice = h.connect(server, docId, 'alice');
		const bob = h.connect(server, docId, 'bob');
		await waitFor(() => alice.provider.synced && bob.provider.synced);
		for (let i = 0; i < 30; i++) alice.doc.getText('body').insert(i, String(i % 10));
		await waitFor(() => bob.text() === alice.text() && bob.text().length === 30);
		expect(bob.text()).toBe('012345678901234567890123456789');
	});
});
