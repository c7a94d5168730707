// The idea wall's rules on the Yjs socket: a participant's update is applied to a scratch copy of
// the live wall first, and the wall's JSON before and after is judged by the domain rules. Walls
// are small (a few hundred cards), so copying one per update costs well under a millisecond.
import * as Y from 'yjs';
import { WALL_MAPS } from '../../src/lib/domain/idea-wall';
import {
	participantWallViolation,
	type WallJson,
	type WallRuleViolation
} from '../../src/lib/domain/wall-rules';

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

/**
 * The wall as JSON for the rules. Not `Y.Map#toJSON`: it builds objects with `obj[key] = …`, so a
 * key `__proto__` sets the prototype and vanishes — a card or column the rules never see (found by
 * tests/unit/wall-guard-fuzz.test.ts). Here every key stays an own property, and what no honest
 * client writes into a card (a nested Y.Text or Y.Array, an object decoded with a prototype)
 * becomes a value the rules refuse, equal to itself so an untouched one is not held against anyone.
 */
function wallJson(value: unknown): unknown {
	if (value instanceof Y.Map) {
		const out: Record<string, unknown> = {};
		for (const [key, item] of value.entries()) defineOwn(out, key, wallJson(item));
		return out;
	}
	if (value instanceof Y.AbstractType) return { $unsupported: value.constructor.name };
	if (Array.isArray(value)) return value.map(wallJson);
	if (typeof value === 'object' && value !== null) {
		if (Object.getPrototypeOf(value) !== Object.prototype) return { $unsupported: 'prototype' };
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value))
			defineOwn(out, key, wallJson((value as Record<string, unknown>)[key]));
		return out;
	}
	return value;
}

function defineOwn(target: Record<string, unknown>, key: string, value: unknown) {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true
	});
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
	const before = { columns: wallJson(columns), cards: wallJson(cards) } as WallJson;
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
	const after = { columns: wallJson(columns), cards: wallJson(cards) } as WallJson;
	return participantWallViolation(before, after, memberId);
}
