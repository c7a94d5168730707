// The /collab/<documentId> upgrade route: the Yjs collab server over the app's database, with the
// same session cookie and membership rules as HTTP. It also lends its registry to the documents
// service (locks pushed at once, server-side edits, exports read from the live document).
import type { IncomingMessage } from 'node:http';
import type { App } from '../src/lib/server/app';
import { readCookie, SESSION_COOKIE } from '../src/lib/server/auth/session-token';
import { handshakeOriginAllowed } from '../src/lib/server/http/handshake-origin';
import { caretColour } from '../src/lib/domain/caret-colour';
import { documentWriteAccess, type DocumentWriteAccess } from '../src/lib/domain/documents';
import { allows } from '../src/lib/domain/permissions';
import { documentSizeCap } from '../src/lib/domain/document-size';
import { judgeWallUpdate } from './collab/wall-guard';
import { createCharterGuard } from './collab/charter-guard';
import { createCollabServer, type CollabServer } from './collab/collab-server';
import { createSqlDocumentStore } from './collab/document-store';
import { CLOSE } from './collab/close-codes';
import type { AuthorizeResult, DenyReason } from './collab/types';
import { z } from 'zod';

/** A lock, grant or role change another instance made (its relay's control stream). */
const accessMessageSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('readOnly'), docId: z.string(), reason: z.string().nullable() }),
	z.object({ kind: z.literal('access'), docId: z.string() }),
	z.object({
		kind: z.literal('member'),
		userId: z.string(),
		docIds: z.array(z.string()),
		removed: z.boolean()
	})
]);
import { createDocumentRelay, type DocumentRelay } from './collab/document-stream';
import type { UpgradeRoute } from './realtime';
import {
	compareProtocol,
	parseClientProtocol,
	PROTOCOL_PARAM,
	PROTOCOL_VERSION
} from '../src/lib/protocol/version';
import { createLogger } from '../src/lib/server/log';

const log = createLogger('collab');

/**
 * canWrite runs on every update message; a typing room sends dozens per second. The answer is
 * cached this long per connection, and every lock, grant or role change invalidates all caches
 * at once (the `epoch`), so a change is never late; the TTL only bounds what we did not hear of.
 */
const ACCESS_CACHE_MS = 2_000;

export interface CollabRoute extends UpgradeRoute {
	collab: CollabServer;
	close(): Promise<void>;
}

/** The route, with the other instances' writes relayed through Redis when REDIS_URL is set. */
export async function openCollabRoute(app: App): Promise<CollabRoute> {
	const relay =
		app.config.redisUrl && app.redisPrefix
			? await createDocumentRelay({ url: app.config.redisUrl, keyPrefix: app.redisPrefix })
			: undefined;
	return createCollabRoute(app, relay);
}

/** `relay`: the other instances' writes (REDIS_URL), see collab/document-stream.ts. */
export function createCollabRoute(app: App, relay?: DocumentRelay): CollabRoute {
	let epoch = 0;
	// One scratch replica per live charter, judged before each client update is applied.
	const charterGuard = createCharterGuard();

	async function authorize(req: IncomingMessage, documentId: string): Promise<AuthorizeResult> {
		// The version before anything else, as on socket.io: a stale page learns it must reload.
		const claimed = new URL(req.url ?? '/', 'http://x').searchParams.get(PROTOCOL_PARAM);
		const verdict = compareProtocol(parseClientProtocol(claimed), {
			version: PROTOCOL_VERSION,
			min: app.config.minClientProtocol
		});
		if (verdict === 'client_too_old') return { ok: false, close: CLOSE.clientOutdated };
		if (verdict === 'server_too_old') return { ok: false, close: CLOSE.serverOutdated };
		// A page of another origin must not open the document with the visitor's cookie.
		if (!handshakeOriginAllowed(req.headers.origin, req.headers.host, app.config)) {
			return { ok: false, status: 403 };
		}
		const session = await app.sessions.validate(readCookie(req.headers.cookie, SESSION_COOKIE));
		if (!session) return { ok: false, status: 401 };
		const { user } = session;
		// The permission table's `document.read` lets the connection in; every update then asks
		// `document.edit` (canWrite below, through documentWriteAccess).
		const found = await app.documents.collabAccess(user, documentId);
		// Another workshop's document is "not found", as on the HTTP API: a 403 would confirm
		// that the id exists to someone who is not a member.
		if (!found.ok) return { ok: false, status: 404 };
		let cached: { value: DocumentWriteAccess; at: number; epoch: number } | null = null;
		// Kept fresh by canWrite, which always runs before checkUpdate.
		let role = found.member.role;
		// Same: the size cap (raised by the facilitator) comes with every fresh access check.
		let sizeCap = documentSizeCap(found.document);
		// Who wrote (inclusion panel, report): one insert per connection that writes, not per update.
		let wrote = false;
		const memberId = found.member.id;
		return {
			ok: true,
			principal: {
				userId: user.id,
				displayName: found.member.displayName,
				color: caretColour(user.id)
			},
			// The connection lives as long as its session: sign-out, expiry, disabled → 4401.
			onOpen: (close) => app.liveSessions.watch(session.session, () => close(CLOSE.unauthorized)),
			onAccepted() {
				if (wrote) return;
				wrote = true;
				// Not retried per update if the database refuses (member just removed, document
				// deleted): a lost mark under-counts "wrote", it never costs every keystroke. Logged
				// at warn: expected now and then, but a run of them means the database is in trouble.
				app.inclusion
					.recordWriter(documentId, memberId)
					.catch((error: unknown) =>
						log.warn({ err: error, documentId, memberId }, 'writer not recorded')
					);
			},
			maxDocumentBytes: () => sizeCap,
			canWrite() {
				const now = Date.now();
				if (cached && cached.epoch === epoch && now - cached.at < ACCESS_CACHE_MS)
					return cached.value;
				const asked = epoch;
				return app.documents.collabAccess(user, documentId).then((fresh) => {
					const value = fresh.ok
						? documentWriteAccess(fresh.member.role, fresh.document)
						: ('read_only' as const);
					if (fresh.ok) {
						role = fresh.member.role;
						sizeCap = documentSizeCap(fresh.document);
					}
					cached = { value, at: now, epoch: asked };
					return value;
				});
			},
			// On a mur d'idées a participant may only post and edit their own cards; the
			// facilitator arranges and moderates (see src/lib/domain/wall-rules.ts).
			checkUpdate:
				found.document.kind === 'idea_wall'
					? (doc, update) => {
							// Moderators arrange every card (the table's `wall.moderate`).
							if (allows(role, 'wall.moderate')) return null;
							const verdict = judgeWallUpdate(doc, update, memberId);
							if (!verdict) return null;
							log.warn({ documentId, memberId, verdict }, 'wall update refused');
							return 'wall_rules';
						}
					: found.document.kind === 'charter'
						? // A charter's article structure and adopted articles bind everyone, the
							// facilitator too (they reopen an article through the API, audited).
							(doc, update) => {
								const verdict = charterGuard.judge(doc, update);
								if (!verdict) return null;
								log.warn({ documentId, memberId, verdict }, 'charter update refused');
								return verdict === 'locked' ? 'charter_locked' : 'charter_rules';
							}
						: undefined
		};
	}

	const collab = createCollabServer({
		store: createSqlDocumentStore(app.database.db, { shared: relay !== undefined }),
		maxUpdateBytes: app.config.collabMaxUpdateBytes,
		authorize,
		relay
	});
	const { registry } = collab;
	// What changes who may write; the same on every instance (the others hear it from the relay).
	const local = {
		setReadOnly(docId: string, reason: DenyReason | null) {
			epoch++;
			registry.setReadOnly(docId, reason);
		},
		async accessChanged(docId: string) {
			epoch++;
			await registry.notifyAccessChanged(docId);
		},
		async memberChanged(userId: string, docIds: string[], removed: boolean) {
			epoch++;
			if (removed) {
				for (const docId of docIds) registry.disconnectUser(userId, CLOSE.forbidden, docId);
				return;
			}
			await Promise.all(docIds.map((docId) => registry.notifyAccessChanged(docId)));
		}
	};
	const stopControl = relay?.onControl((raw) => {
		const message = accessMessageSchema.safeParse(raw);
		if (!message.success) return;
		const m = message.data;
		const done =
			m.kind === 'readOnly'
				? local.setReadOnly(m.docId, m.reason as DenyReason | null)
				: m.kind === 'access'
					? local.accessChanged(m.docId)
					: local.memberChanged(m.userId, m.docIds, m.removed);
		Promise.resolve(done).catch((error: unknown) =>
			log.error({ err: error }, 'access change from another instance failed')
		);
	});
	const detach = app.liveDocuments.attach({
		getDoc: (docId) => registry.getDoc(docId),
		editDoc: (docId, edit) => registry.editDoc(docId, edit),
		setReadOnly(docId, reason) {
			relay?.publishControl({ kind: 'readOnly', docId, reason });
			local.setReadOnly(docId, reason);
		},
		async accessChanged(docId) {
			relay?.publishControl({ kind: 'access', docId });
			await local.accessChanged(docId);
		},
		async memberChanged(userId, docIds, removed) {
			relay?.publishControl({ kind: 'member', userId, docIds, removed });
			await local.memberChanged(userId, docIds, removed);
		}
	});

	return {
		collab,
		handleUpgrade: (req, socket, head) => collab.handleUpgrade(req, socket, head),
		async close() {
			detach();
			stopControl?.();
			await collab.close();
			await relay?.close();
		}
	};
}
