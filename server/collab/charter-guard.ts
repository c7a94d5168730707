// A charter's rules on the Yjs socket: a client's update is applied to a scratch copy
// of the live charter first, and refused when it writes into an adopted article (or deletes it),
// changes an article's identity (articleId, role) or status mirror, creates an article that is not
// a new draft, a duplicate id or a second préambule, or marks an amendment as merged. The status
// is the server's mirror of the charter_articles table; only server transactions change it.
//
// Cost, measured on a 40-article charter (≈ 16 KB of Yjs state, 5 adopted articles; Node 20 on
// the shared 2-core box; tests/unit/charter-guard.test.ts prints it): a fresh scratch copy per
// update (judgeCharterUpdate, like the wall guard) costs 0.8–3.8 ms median, p95 10–43 ms under
// load, nearly all of it encodeStateAsUpdate + applyUpdate of the whole charter. The route uses
// createCharterGuard, a replica kept in step with the live doc: 0.03–0.05 ms median, p95
// 0.07–1.3 ms per typed character — a room typing 100 updates a second spends ~0.5 % of a core.
import * as Y from 'yjs';
import { CHARTER_APPLIED_MAP, CHARTER_NODES } from '../../src/lib/domain/charter';
import { DOCUMENT_FRAGMENT } from '../../src/lib/domain/documents';

export type CharterGuardVerdict = 'locked' | 'rules' | null;

interface ArticleSeen {
	articleId: string;
	role: string;
	status: string;
}

/** What the ancestor walk needs of a Yjs type: its item (null for a root type). */
interface Nested {
	_item: { parent: unknown; deleted: boolean } | null;
}

const hasPending = (doc: Y.Doc) =>
	doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

function topArticles(fragment: Y.XmlFragment): Y.XmlElement[] {
	return fragment
		.toArray()
		.filter(
			(n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === CHARTER_NODES.article
		);
}

const seen = (el: Y.XmlElement): ArticleSeen => ({
	articleId: el.getAttribute('articleId') ?? '',
	role: el.getAttribute('role') ?? '',
	status: el.getAttribute('status') ?? ''
});

/** Null when a client may apply `update` to the charter `live`; otherwise why not. `live` is not touched. */
export function judgeCharterUpdate(live: Y.Doc, update: Uint8Array): CharterGuardVerdict {
	const scratch = new Y.Doc();
	try {
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
		return judge(scratch, update);
	} catch {
		// Yjs could not read it: the live document would not either.
		return 'rules';
	} finally {
		scratch.destroy();
	}
}

export interface CharterGuard {
	judge(live: Y.Doc, update: Uint8Array): CharterGuardVerdict;
}

interface Replica {
	scratch: Y.Doc;
	/** An accepted update the live doc has not applied yet (the session may still drop it). */
	owed: boolean;
	dispose(): void;
}

/**
 * The same judgement with one scratch replica per live charter, kept in step by the live doc's
 * updates instead of copied per update: copying a 40-article charter costs ~1.7 ms, judging on
 * a kept replica a few hundredths of that (see the measure at the top). A refused update stays in
 * the replica, so the replica is thrown away and rebuilt; so is one that the live doc never took.
 * Per app (a WeakMap in the route's closure), never module state.
 */
export function createCharterGuard(): CharterGuard {
	const replicas = new WeakMap<Y.Doc, Replica>();

	function replicaOf(live: Y.Doc): Replica {
		const known = replicas.get(live);
		if (known && !known.owed) return known;
		known?.dispose();
		const scratch = new Y.Doc();
		Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
		const follow = (update: Uint8Array) => {
			replica.owed = false;
			Y.applyUpdate(scratch, update);
		};
		const drop = () => replica.dispose();
		const replica: Replica = {
			scratch,
			owed: false,
			dispose() {
				live.off('update', follow);
				live.off('destroy', drop);
				scratch.destroy();
				if (replicas.get(live) === replica) replicas.delete(live);
			}
		};
		live.on('update', follow);
		live.on('destroy', drop);
		replicas.set(live, replica);
		return replica;
	}

	return {
		judge(live, update) {
			const replica = replicaOf(live);
			let verdict: CharterGuardVerdict;
			try {
				verdict = judge(replica.scratch, update);
			} catch {
				verdict = 'rules';
			}
			if (verdict) replica.dispose();
			else replica.owed = true;
			return verdict;
		}
	};
}

/** Applies `update` to `scratch` (a replica of the live charter) and says what it broke. */
function judge(scratch: Y.Doc, update: Uint8Array): CharterGuardVerdict {
	const fragment = scratch.getXmlFragment(DOCUMENT_FRAGMENT);
	const applied = scratch.getMap(CHARTER_APPLIED_MAP);
	const before = new Map<Y.XmlElement, ArticleSeen>();
	for (const el of topArticles(fragment)) before.set(el, seen(el));
	const adopted = new Set([...before].filter(([, a]) => a.status === 'adopted').map(([el]) => el));
	const pendingBefore = hasPending(scratch);
	let verdict: CharterGuardVerdict = null;
	const watch = (transaction: Y.Transaction) => {
		for (const type of transaction.changed.keys()) {
			if ((type as unknown) === applied) verdict = 'rules';
			// Anything changed inside (or on) an adopted article: text, marks, blocks, attributes.
			for (let t: Nested | null = type as unknown as Nested; t; t = ancestor(t))
				if (adopted.has(t as unknown as Y.XmlElement)) verdict ??= 'locked';
		}
	};
	scratch.on('afterTransaction', watch);
	try {
		Y.applyUpdate(scratch, update);
	} finally {
		scratch.off('afterTransaction', watch);
	}
	if (verdict) return verdict;
	// Structs waiting for others we never saw would land later, unchecked: refused, as on the wall.
	if (!pendingBefore && hasPending(scratch)) return 'rules';
	for (const el of adopted) if (el._item?.deleted) return 'locked';
	const after = topArticles(fragment);
	const ids = new Map<string, number>();
	let preambles = 0;
	for (const el of after) {
		const now = seen(el);
		ids.set(now.articleId, (ids.get(now.articleId) ?? 0) + 1);
		if (now.role === 'preamble') preambles++;
	}
	for (const el of after) {
		const was = before.get(el);
		const now = seen(el);
		if (was) {
			if (was.articleId !== now.articleId || was.role !== now.role || was.status !== now.status)
				return 'rules';
			continue;
		}
		// A new article: a draft, with an id of its own, and never a second préambule.
		if (now.status !== 'draft' || now.articleId === '' || ids.get(now.articleId)! > 1)
			return 'rules';
		if (now.role !== 'article' && (now.role !== 'preamble' || preambles > 1)) return 'rules';
	}
	return null;
}

function ancestor(type: Nested): Nested | null {
	return (type._item?.parent as Nested | undefined) ?? null;
}
