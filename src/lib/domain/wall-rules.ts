// Who may change what on a mur d'idées, judged on the wall's JSON before and after a client's
// update (the /collab server applies the update to a scratch copy and asks here). Every member
// syncs the whole Y.Doc and could write any of it; these rules are what the server lets through
// from someone who is not a facilitator.
import { z } from 'zod';
import { CARD_COLOURS, CARD_KEYS, cardTextSchema } from './idea-wall';

/** The `columns` and `cards` maps of a wall as `toJSON()` gives them. */
export interface WallJson {
	columns: Record<string, unknown>;
	cards: Record<string, unknown>;
}

export type WallRuleViolation =
	| 'columns'
	| 'card_removed'
	| 'card_invalid'
	| 'card_author'
	| 'card_moderation'
	| 'card_placement'
	| 'other_type';

/**
 * Card ids are the client's UUIDs. Letters, digits, `-` and `_` only: an id such as `__proto__`
 * or `constructor` would be a map key that every `toJSON()` reader mishandles.
 */
const cardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** What a participant's new card must look like: their own, visible, neither merged nor promoted. */
const postedCardSchema = z
	.object({
		[CARD_KEYS.id]: cardIdSchema,
		[CARD_KEYS.text]: cardTextSchema,
		[CARD_KEYS.colour]: z.enum(CARD_COLOURS).optional(),
		[CARD_KEYS.columnId]: z.string().min(1).max(64).nullable(),
		[CARD_KEYS.order]: z.number().finite(),
		[CARD_KEYS.authorMemberId]: z.string().min(1).max(64),
		[CARD_KEYS.hidden]: z.literal(false)
	})
	.strict();

/** Fields an author may change on their own card after posting it. */
const AUTHOR_EDITABLE = new Set<string>([CARD_KEYS.text, CARD_KEYS.colour]);

/** Deep equality of JSON values, blind to key order (Y.Map key order is not meaningful). */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
	const ka = Object.keys(a as object);
	const kb = Object.keys(b as object);
	if (ka.length !== kb.length) return false;
	const rb = b as Record<string, unknown>;
	return ka.every(
		(key) => Object.hasOwn(rb, key) && sameJson((a as Record<string, unknown>)[key], rb[key])
	);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Null when `memberId` (not a facilitator) may turn `before` into `after`: add cards signed with
 * their own member id, and edit the text and colour of their own cards. Columns, other people's
 * cards, placement of existing cards, moderation (`hidden`, `mergedInto`) and deletion are the
 * facilitator's.
 */
export function participantWallViolation(
	before: WallJson,
	after: WallJson,
	memberId: string
): WallRuleViolation | null {
	if (!sameJson(before.columns, after.columns)) return 'columns';
	const ids = new Set([...Object.keys(before.cards), ...Object.keys(after.cards)]);
	for (const id of ids) {
		const old = before.cards[id];
		const next = after.cards[id];
		if (sameJson(old, next)) continue;
		if (next === undefined) return 'card_removed';
		if (old === undefined) {
			const posted = postedCardSchema.safeParse(next);
			if (!posted.success || posted.data.id !== id) return 'card_invalid';
			if (posted.data.authorMemberId !== memberId) return 'card_author';
			const column = posted.data.columnId;
			if (column !== null && !Object.hasOwn(after.columns, column)) return 'card_placement';
			continue;
		}
		if (!isRecord(old) || !isRecord(next)) return 'card_invalid';
		if (old[CARD_KEYS.authorMemberId] !== memberId) return 'card_author';
		const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
		for (const key of keys) {
			if (AUTHOR_EDITABLE.has(key) || sameJson(old[key], next[key])) continue;
			if (key === CARD_KEYS.hidden || key === CARD_KEYS.mergedInto || key === CARD_KEYS.promotedTo)
				return 'card_moderation';
			if (key === CARD_KEYS.authorMemberId) return 'card_author';
			return 'card_placement';
		}
		if (!cardTextSchema.safeParse(next[CARD_KEYS.text]).success) return 'card_invalid';
		const colour = next[CARD_KEYS.colour];
		if (colour !== undefined && !(CARD_COLOURS as readonly unknown[]).includes(colour))
			return 'card_invalid';
	}
	return null;
}
