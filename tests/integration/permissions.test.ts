// The permission table against the running server: every action, for every role, on every
// channel it exists on (HTTP, socket.io, /collab), compared with `decide`. CHANNELS is keyed by
// Action: an action added to the table without a channel entry here fails to compile, and the
// exhaustiveness test below fails too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/http-server';
import {
	ACTIONS,
	NOT_FOUND,
	PRINCIPALS,
	RULES,
	decide,
	type Action,
	type Principal,
	type ResourceState,
	type Rule
} from '../../src/lib/domain/permissions';
import type { MemberRole } from '../../src/lib/domain/workshop';
import { articleNodes, readArticles } from '../../src/lib/server/charter/article-doc';
import { fragmentOf } from '../../src/lib/server/documents/document-tree';
import { startTestServer } from '../helpers/test-server';
import { HttpClient } from '../helpers/http-client';
import { joinedParticipant, signedInAccount, workshopWithFacilitator } from '../helpers/fixtures';
import { connectAs, connected, type TestSocket } from '../helpers/socket-client';
import {
	createCollabClients,
	documentText,
	typeParagraph,
	upgradeStatus
} from '../helpers/collab-client';
import { waitFor } from '../helpers/wait-for';
import { ARTICLES, paragraph } from './charter-fixtures';

/** Who acts, last the facilitator: some of their allowed calls change state (locks, the end). */
const ORDER: Principal[] = [
	'public',
	'outsider',
	'observer',
	'reviewer',
	'participant',
	'facilitator'
];
type Member = MemberRole;
type Channel = 'http' | 'socket' | 'collab';

/** What came back: null when the call went through, else the error code (and domain reason). */
interface Outcome {
	code: string | null;
	reason?: string;
}

interface Fixture {
	server: RunningServer;
	http: Record<Principal, HttpClient>;
	memberIds: Record<Member, string>;
	workshopId: string;
	notesId: string;
	adminId: string;
	wallId: string;
	charterId: string;
	articleIds: string[];
	amendmentId: string;
	planId: string;
	pollId: string;
	pollOptionId: string;
	nominationId: string;
	eligibleRoles: MemberRole[];
	opinionMapId: string;
	statementId: string;
	/** A table whose relay is the participant, and two guests seated at it. */
	tableId: string;
	seatIds: string[];
}

type Call = (f: Fixture, who: Principal) => Promise<Outcome>;
interface Entry {
	http?: Call;
	socket?: Call;
	collab?: Call;
	/** The resource state the fixture puts this action in, as `decide` should see it. */
	state?: (f: Fixture, who: Principal) => ResourceState;
}

// ---- channels -------------------------------------------------------------------------------

async function http(
	f: Fixture,
	who: Principal,
	path: string,
	init: { method?: string; json?: unknown } = {}
): Promise<Outcome> {
	const res = await f.http[who].request(path, init);
	// Exports and reports answer files: only a refusal is read, as the JSON error it is.
	const text = await res.text();
	if (res.status < 400) return { code: null };
	const body = (text.startsWith('{') ? JSON.parse(text) : null) as {
		error?: { code: string; reason?: string };
	} | null;
	return { code: body?.error?.code ?? `http_${res.status}`, reason: body?.error?.reason };
}

const get =
	(path: (f: Fixture) => string): Call =>
	(f, who) =>
		http(f, who, path(f));
const send =
	(method: string, path: (f: Fixture) => string, json: unknown = 'x'): Call =>
	(f, who) =>
		http(f, who, path(f), { method, json });

const sockets = new Map<Principal, TestSocket>();
async function socketOf(f: Fixture, who: Principal): Promise<TestSocket | null> {
	if (sockets.has(who)) return sockets.get(who)!;
	const socket = connectAs(f.http[who]);
	try {
		await connected(socket);
	} catch {
		socket.close();
		return null; // no session: the socket.io handshake refuses
	}
	sockets.set(who, socket);
	return socket;
}

const emit =
	(event: string, payload: (f: Fixture) => unknown): Call =>
	async (f, who) => {
		const socket = await socketOf(f, who);
		if (!socket) return { code: 'unauthenticated' };
		const ack = (await (
			socket as unknown as { emitWithAck: (...a: unknown[]) => Promise<unknown> }
		).emitWithAck(event, payload(f))) as
			{ ok: true } | { ok: false; error: { code: string; reason?: string } };
		return ack.ok ? { code: null } : { code: ack.error.code, reason: ack.error.reason };
	};

const UPGRADE_CODES: Record<number, string> = {
	101: '',
	401: 'unauthenticated',
	403: 'forbidden',
	404: 'not_found'
};
const collabRead =
	(doc: (f: Fixture) => string): Call =>
	async (f, who) => {
		const status = await upgradeStatus(
			f.server.url,
			`/collab/${doc(f)}`,
			f.http[who].cookieHeader || undefined,
			{ origin: f.server.url }
		);
		const code = UPGRADE_CODES[status] ?? `upgrade_${status}`;
		return { code: code || null };
	};

const collab = createCollabClients();
/** Types a line as `who` and waits for the server's answer: a refusal notice, or the line kept. */
const collabWrite =
	(doc: (f: Fixture) => string): Call =>
	async (f, who) => {
		const cookie = f.http[who].cookieHeader;
		if (!cookie) return collabRead(doc)(f, who); // no session: the upgrade itself refuses
		const status = await upgradeStatus(f.server.url, `/collab/${doc(f)}`, cookie, {
			origin: f.server.url
		});
		if (status !== 101) return collabRead(doc)(f, who);
		const client = collab.connect(f.server.url, doc(f), cookie);
		await client.synced();
		const line = `écrit par ${who} ${crypto.randomUUID()}`;
		typeParagraph(client.doc, line);
		const outcome = await waitFor(async () => {
			const denied = client.notices.find((n) => n.kind === 'permission-denied');
			if (denied) return { code: 'forbidden', reason: denied.reason } as Outcome;
			const live = await f.server.app.liveDocuments.getDoc(doc(f));
			return documentText(live).includes(line) ? ({ code: null } as Outcome) : null;
		});
		client.destroy();
		return outcome;
	};

// Socket payloads are valid for their event's schema (the dispatcher refuses any other before
// the service, so before the table): the calls an allowed caller makes fail, if at all, later.

// ---- every action, on its channels ----------------------------------------------------------

const W = (f: Fixture) => `/api/workshops/${f.workshopId}`;
const D = (id: keyof Fixture) => (f: Fixture) => `/api/documents/${f[id] as string}`;
const P = (f: Fixture) => `/api/polls/${f.pollId}`;
const O = (f: Fixture) => `/api/opinion-maps/${f.opinionMapId}`;
const own = (who: Principal): ResourceState => ({ own: who === 'participant' });
const docState = (locked = false): ResourceState => ({ locked, writeGrants: [] });

const CHANNELS: Record<Action, Entry> = {
	'workshop.read': {
		http: get(W),
		socket: emit('workshop:enter', (f) => ({ workshopId: f.workshopId }))
	},
	'workshop.joining': { http: send('PUT', (f) => `${W(f)}/joining`) },
	'workshop.end': { http: send('POST', (f) => `${W(f)}/end`, undefined) },
	'member.list': { http: get((f) => `${W(f)}/members`) },
	'member.role': {
		http: send('PATCH', (f) => `${W(f)}/members/${f.memberIds.participant}`, { role: 'chef' })
	},
	'member.remove': {
		http: send('DELETE', (f) => `${W(f)}/members/${crypto.randomUUID()}`, undefined)
	},
	'member.invite': { http: send('POST', (f) => `${W(f)}/invites`) },
	'inclusion.read': { http: get((f) => `${W(f)}/inclusion`) },
	'report.read': { http: get((f) => `${W(f)}/report?format=docx`) },
	'agenda.read': { http: get((f) => `${W(f)}/agenda`) },
	'agenda.edit': { http: send('PUT', (f) => `${W(f)}/agenda`) },
	'agenda.command': {
		http: send('POST', (f) => `${W(f)}/agenda/extend`),
		socket: emit('agenda:command', (f) => ({ workshopId: f.workshopId, command: 'pause' }))
	},
	'queue.read': { http: get((f) => `${W(f)}/queue`) },
	'queue.raise': { socket: emit('queue:raise', (f) => ({ workshopId: f.workshopId })) },
	'queue.lower': {
		// Everyone lowers their own hand (a facilitator may lower anyone's).
		socket: emit('queue:lower', (f) => ({ workshopId: f.workshopId })),
		state: () => ({ own: true })
	},
	'queue.react': {
		socket: emit('queue:react', (f) => ({ workshopId: f.workshopId, reaction: 'hand' }))
	},
	'queue.moderate': {
		socket: emit('queue:priority', (f) => ({ workshopId: f.workshopId, on: false }))
	},
	'poll.create': { http: send('POST', (f) => `${W(f)}/polls`, {}) },
	'poll.list': { http: get((f) => `${W(f)}/polls`) },
	'poll.read': { http: get(P), state: () => ({ visible: true }) },
	'poll.vote': {
		http: (f, who) =>
			http(f, who, `${P(f)}/ballots`, {
				method: 'POST',
				json: { ballotId: crypto.randomUUID(), choice: { optionId: f.pollOptionId } }
			}),
		socket: emit('poll:vote', (f) => ({
			pollId: f.pollId,
			ballotId: crypto.randomUUID(),
			choice: { optionId: f.pollOptionId }
		}))
	},
	// Opening the open poll: the facilitator gets a state conflict, nothing changes.
	'poll.command': { http: send('POST', (f) => `${P(f)}/open`, {}) },
	'poll.count': { http: send('POST', (f) => `${P(f)}/room-counts`, {}) },
	'poll.results': { http: get((f) => `${P(f)}/results`), state: () => ({ published: false }) },
	'nomination.propose': {
		http: send('POST', (f) => `/api/polls/${f.nominationId}/proposals`, {}),
		socket: emit('nomination:propose', (f) => ({ pollId: f.nominationId, name: 'Aïcha' })),
		state: (f) => ({ eligibleRoles: f.eligibleRoles })
	},
	'nomination.moderate': {
		http: send('POST', (f) => `/api/polls/${f.nominationId}/proposals/merge`, {})
	},
	'document.create': { http: send('POST', (f) => `${W(f)}/documents`, {}) },
	'document.list': { http: get((f) => `${W(f)}/documents`) },
	'document.read': { http: get(D('notesId')), collab: collabRead((f) => f.notesId) },
	'document.export': {
		http: get((f) => `${D('notesId')(f)}/export?format=md`),
		state: () => ({ published: false })
	},
	'document.edit': { collab: collabWrite((f) => f.notesId), state: () => docState() },
	'document.lock': { http: send('POST', (f) => `${D('adminId')(f)}/lock`, undefined) },
	'document.grants': { http: send('PUT', (f) => `${D('adminId')(f)}/grants`) },
	'document.size_cap': { http: send('PUT', (f) => `${D('adminId')(f)}/size-cap`) },
	'document.publish': { http: send('POST', (f) => `${D('adminId')(f)}/publish`, undefined) },
	'document.version': { http: send('POST', (f) => `${D('adminId')(f)}/versions`, {}) },
	'wall.read': { http: get((f) => `${D('wallId')(f)}/wall`) },
	'wall.dot': {
		http: send('POST', (f) => `${D('wallId')(f)}/wall/dots`, {}),
		socket: emit('wall:dot', (f) => ({ documentId: f.wallId, cardId: 'no-such-card', delta: 1 }))
	},
	'wall.moderate': {
		http: send('PUT', (f) => `${D('wallId')(f)}/wall/settings`),
		socket: emit('wall:moderate', (f) => ({
			documentId: f.wallId,
			command: 'hide',
			cardId: 'no-such-card'
		}))
	},
	'charter.read': { http: get((f) => `${D('charterId')(f)}/articles`) },
	'charter.configure': { http: send('PUT', (f) => `${D('charterId')(f)}/charter-settings`) },
	'charter.vote': {
		http: send('POST', (f) => `${D('charterId')(f)}/articles/${f.articleIds[3]}/vote`)
	},
	'charter.adopt': {
		http: send('PATCH', (f) => `${D('charterId')(f)}/articles/${f.articleIds[3]}`)
	},
	'charter.publish': { http: send('POST', (f) => `${D('charterId')(f)}/publish-charter`) },
	'charter.consolidated': {
		http: get((f) => `${D('charterId')(f)}/consolidated`),
		state: () => ({ published: false })
	},
	'charter.amend': {
		http: send('POST', (f) => `${D('charterId')(f)}/articles/${f.articleIds[2]}/amendments`, {}),
		state: () => docState()
	},
	'charter.support': {
		http: send('POST', (f) => `/api/amendments/${f.amendmentId}/support`, undefined)
	},
	'charter.withdraw': {
		// Its author (the participant) withdraws it last of all: the facilitator acts after them.
		http: send('POST', (f) => `/api/amendments/${f.amendmentId}/withdraw`, undefined),
		state: (_f, who) => own(who)
	},
	'charter.revise': {
		http: send('PATCH', (f) => `/api/amendments/${f.amendmentId}`),
		state: (_f, who) => own(who)
	},
	'plan.read': { http: get((f) => `${W(f)}/plan-settings`) },
	'plan.configure': { http: send('PUT', (f) => `${W(f)}/plan-settings`) },
	'plan.draft': { http: send('POST', (f) => `${D('planId')(f)}/actions/from-article`) },
	'plan.submit': { http: send('POST', (f) => `${D('planId')(f)}/submit`, undefined) },
	'plan.sign': { http: send('POST', (f) => `${D('planId')(f)}/review`) },
	'plan.comment': { http: send('POST', (f) => `${D('planId')(f)}/comments`) },
	'plan.followup': { http: send('POST', (f) => `${D('planId')(f)}/followups`) },
	'table.create': { http: send('POST', (f) => `${W(f)}/tables`, {}) },
	'table.register': {
		http: send('POST', (f) => `${W(f)}/tables/${f.tableId}/members`, {}),
		state: (_f, who) => ({ relay: who === 'participant' })
	},
	'table.act_for': {
		// The participant is the table's relay: they vote for one guest and raise the other's hand.
		http: (f, who) =>
			http(f, who, `${P(f)}/ballots`, {
				method: 'POST',
				json: {
					ballotId: crypto.randomUUID(),
					choice: { optionId: f.pollOptionId },
					forMember: f.seatIds[0]
				}
			}),
		socket: emit('queue:raise', (f) => ({ workshopId: f.workshopId, forMember: f.seatIds[1] })),
		state: (_f, who) => ({ relay: who === 'participant' })
	},
	'opinion.create': { http: send('POST', (f) => `${W(f)}/opinion-maps`, {}) },
	'opinion.list': { http: get((f) => `${W(f)}/opinion-maps`) },
	'opinion.read': { http: get(O) },
	'opinion.take_part': { http: send('POST', (f) => `${O(f)}/votes`, {}) },
	'opinion.moderate': { http: send('PATCH', O) },
	'opinion.promote': {
		http: send('POST', (f) => `${O(f)}/statements/${f.statementId}/promote`, {})
	},
	'opinion.export': { http: get((f) => `${O(f)}/export.json`) }
};

// ---- the fixture ----------------------------------------------------------------------------

async function setUp(server: RunningServer): Promise<Fixture> {
	const { facilitator, workshop } = await workshopWithFacilitator(server);
	const workshopId = workshop.id;
	const people = {
		participant: await joinedParticipant(server, workshop.code, 'Moussa'),
		observer: await joinedParticipant(server, workshop.code, 'Awa'),
		reviewer: await joinedParticipant(server, workshop.code, 'Monsieur le Maire')
	};
	for (const role of ['observer', 'reviewer'] as const) {
		const res = await facilitator.client.json(
			`/api/workshops/${workshopId}/members/${people[role].memberId}`,
			{ method: 'PATCH', json: { role } }
		);
		expect(res.status, role).toBe(200);
	}
	const outsider = await signedInAccount(server, 'Quelqu’un d’ailleurs');
	const facilitatorMember = await server.app.workshops.access(facilitator.user, workshopId);

	const create = async (kind: string) => {
		const res = await facilitator.client.json<{ id: string }>(
			`/api/workshops/${workshopId}/documents`,
			{ method: 'POST', json: { kind, title: `Texte ${kind}` } }
		);
		expect(res.status, kind).toBe(201);
		return res.body.id;
	};
	const [notesId, adminId, wallId, charterId, planId] = [
		await create('notes'),
		await create('notes'),
		await create('idea_wall'),
		await create('charter'),
		await create('action_plan')
	];
	await server.app.liveDocuments.editDoc(charterId, (doc) => {
		const fragment = fragmentOf(doc);
		fragment.insert(
			fragment.length,
			ARTICLES.map((a) =>
				articleNodes({ role: a.role, title: a.title, body: a.body.map(paragraph) })
			)
		);
	});
	const articleIds = readArticles(await server.app.liveDocuments.getDoc(charterId)).map(
		(a) => a.articleId
	);
	const amendment = await people.participant.client.json<{ amendmentId: string }>(
		`/api/documents/${charterId}/articles/${articleIds[1]}/amendments`,
		{ method: 'POST', json: { kind: 'add', text: 'Les comptes rendus sont affichés.' } }
	);
	expect(amendment.status, JSON.stringify(amendment.body)).toBe(201);

	// Every role may vote in this poll: eligibility is the poll's data, not the table's.
	const poll = await facilitator.client.json<{ id: string; options: { id: string }[] }>(
		`/api/workshops/${workshopId}/polls`,
		{
			method: 'POST',
			json: {
				question: 'Quel thème pour la conférence ?',
				method: 'single',
				options: [{ label: 'Eau' }, { label: 'Santé' }],
				eligibleRoles: ['facilitator', 'participant', 'observer', 'reviewer']
			}
		}
	);
	expect(poll.status).toBe(201);
	expect(
		(await facilitator.client.json(`/api/polls/${poll.body.id}/open`, { method: 'POST' })).status
	).toBe(200);
	const eligibleRoles: MemberRole[] = ['participant', 'facilitator'];
	const nomination = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshopId}/polls`,
		{
			method: 'POST',
			json: { question: 'Qui est le modèle citoyen ?', method: 'nomination', eligibleRoles }
		}
	);
	expect(nomination.status).toBe(201);
	const map = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshopId}/opinion-maps`,
		{
			method: 'POST',
			json: { prompt: 'Qu’est-ce qu’un bon citoyen ?', seeds: ['Voter à chaque élection.'] }
		}
	);
	expect(map.status).toBe(201);
	const seeded = await facilitator.client.json<{ statements: { id: string }[] }>(
		`/api/opinion-maps/${map.body.id}`
	);

	const table = await facilitator.client.json<{ id: string }>(
		`/api/workshops/${workshopId}/tables`,
		{
			method: 'POST',
			json: { name: 'Table 1', relayMemberId: people.participant.memberId }
		}
	);
	expect(table.status).toBe(201);
	const seatIds: string[] = [];
	for (const displayName of ['Awa', 'Issa']) {
		const seat = await people.participant.client.json<{ memberId: string }>(
			`/api/workshops/${workshopId}/tables/${table.body.id}/members`,
			{ method: 'POST', json: { displayName } }
		);
		expect(seat.status).toBe(201);
		seatIds.push(seat.body.memberId);
	}

	return {
		server,
		http: {
			facilitator: facilitator.client,
			participant: people.participant.client,
			observer: people.observer.client,
			reviewer: people.reviewer.client,
			outsider: outsider.client,
			public: new HttpClient(server.url)
		},
		memberIds: {
			facilitator: facilitatorMember.member.id,
			participant: people.participant.memberId,
			observer: people.observer.memberId,
			reviewer: people.reviewer.memberId
		},
		workshopId,
		notesId,
		adminId,
		wallId,
		charterId,
		articleIds,
		amendmentId: amendment.body.amendmentId,
		planId,
		pollId: poll.body.id,
		pollOptionId: poll.body.options[0].id,
		nominationId: nomination.body.id,
		eligibleRoles,
		opinionMapId: map.body.id,
		statementId: seeded.body.statements[0].id,
		tableId: table.body.id,
		seatIds
	};
}

/** A refusal by the table (not a later business refusal, which carries its domain reason). */
function refusedByTable(action: Action, outcome: Outcome): boolean {
	const rule: Rule = RULES[action];
	const codes = ['unauthenticated', 'forbidden', 'not_eligible', NOT_FOUND[rule.scope]];
	return outcome.code !== null && codes.includes(outcome.code) && !outcome.reason;
}

describe('the permission table on every channel', () => {
	let server: RunningServer;
	let fixture: Fixture;

	beforeAll(async () => {
		server = await startTestServer();
		fixture = await setUp(server);
	}, 240_000);

	afterAll(async () => {
		for (const socket of sockets.values()) socket.close();
		collab.cleanup();
		await server?.close();
	});

	it('has a channel for every action of the table', () => {
		for (const action of ACTIONS) {
			const entry: Entry | undefined = CHANNELS[action];
			expect(entry, action).toBeDefined();
			expect(Boolean(entry.http || entry.socket || entry.collab), action).toBe(true);
		}
		expect(Object.keys(CHANNELS).sort()).toEqual([...ACTIONS].sort());
		expect(PRINCIPALS.every((p) => ORDER.includes(p))).toBe(true);
	});

	it('answers every action × role × channel as decide says', async () => {
		// The workshop's end comes last: nothing works in an ended workshop.
		const actions = [...ACTIONS.filter((a) => a !== 'workshop.end'), 'workshop.end' as const];
		const mismatches: string[] = [];
		let calls = 0;
		for (const action of actions) {
			const entry = CHANNELS[action];
			for (const who of ORDER) {
				const state = entry.state?.(fixture, who) ?? {};
				const expected = decide(who, action, state);
				for (const channel of ['http', 'socket', 'collab'] as Channel[]) {
					const call = entry[channel];
					if (!call) continue;
					const outcome = await call(fixture, who);
					calls++;
					const ok = expected.allowed
						? !refusedByTable(action, outcome)
						: outcome.code === expected.denied;
					if (!ok)
						mismatches.push(
							`${action} as ${who} on ${channel}: expected ${
								expected.allowed ? 'allowed' : expected.denied
							}, got ${outcome.code ?? 'success'}${outcome.reason ? ` (${outcome.reason})` : ''}`
						);
				}
			}
		}
		expect(mismatches).toEqual([]);
		expect(calls).toBeGreaterThan(ACTIONS.length * ORDER.length);
	}, 400_000);
});
