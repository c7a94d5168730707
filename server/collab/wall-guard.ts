// The idea wall's rules on the Yjs socket: a participant's update is applied to a scratch copy of
// the live wall first, and the wall's JSON before and after is judged by the domain rules. Walls
// are small (a few hundred cards), so copying one per update costs well under a millisecond.
import * as Y from 'yjs';
import { WALL_MAPS } from '../../src/lib/domain/idea-wall';
import { participantWallViolation, type WallRuleViolation } from '../../src/lib/domain/wall-rules';

export type WallGuardVerdict = WallRuleViolation | 'incomplete' | null;

/** What `rootOf` needs of a Yjs type: its parent item (null for a root type). */
interface Nested {
	_item: { parent: unknown } | null;
}

function rootOf(type: Nested): unknown {
	let current = type;
	while (current._item) current = current._item.parent as Nested;
	return current;
}

const hasPending = (doc: Y.Doc) =>
	doc.store.pendingStructs !== null || doc.store.pendingDs !== null;

/** Null when `memberId` may apply `update` to `live`; otherwise why not. `live` is not touched. */
export function judgeWallUpdate(
	live: Y.Doc,
	update: Uint8Array,
	memberId: string
): WallGuardVerdict {
	const scratch = new Y.Doc();
	try {
		return judge(scratch, live, update, memberId);
	} catch {
		// Yjs could not read it: the live document would not either.
		return 'incomplete';
	} finally {
		scratch.destroy();
	}
}

function judge(
	scratch: Y.Doc,
	live: Y.Doc,
	update: Uint8Array,
	memberId: string
): WallGuardVerdict {
	Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live));
	const columns = scratch.getMap(WALL_MAPS.columns);
	const cards = scratch.getMap(WALL_MAPS.cards);
	const pendingBefore = hasPending(scratch);
	const before = { columns: columns.toJSON(), cards: cards.toJSON() };
	let foreign = false;
	scratch.on('afterTransaction', (transaction) => {
		for (const type of transaction.changed.keys()) {
			const root = rootOf(type);
			if (root !== columns && root !== cards) foreign = true;
		}
	});
	Y.applyUpdate(scratch, update);
	if (foreign) return 'other_type';
	// Structs waiting for others we never saw would be judged only when they land, later,
	// unchecked: an honest client sends complete updates, so a gap is refused.
	if (!pendingBefore && hasPending(scratch)) return 'incomplete';
	const after = { columns: columns.toJSON(), cards: cards.toJSON() };
	return participantWallViolation(before, after, memberId);
}
