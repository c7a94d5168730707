// The mur d'idées in plain form: card validation, dot voting with N dots per member, merging
// duplicates, hiding off-topic cards. The live wall is a Y.Doc (layout below); the server and the
// report read it through `toJSON()` and apply these rules to the result.
import { z } from 'zod';
import { CARD_COLOURS, CARD_TEXT_MAX, COLUMN_TITLE_MAX, type CardColour } from './idea-wall-names';

// Names and limits without zod, for pages that must stay light (see idea-wall-names.ts).
export * from './idea-wall-names';

/**
 * Y.Doc layout of a wall document (kind `idea_wall`):
 * - `doc.getMap(WALL_MAPS.columns)`: Y.Map<columnId, Y.Map> with the `COLUMN_KEYS` fields;
 * - `doc.getMap(WALL_MAPS.cards)`: Y.Map<cardId, Y.Map> with the `CARD_KEYS` fields.
 * A card's text is a plain string, not a Y.Text: it is 280 characters from one author, so
 * last-writer-wins is enough and far cheaper. Order within a column is a number (fractional
 * ordering: insert between two cards with their mean) so a move rewrites one field.
 * Dots are NOT in the Y.Doc: every participant syncs and may write the whole doc, so a budget
 * of N dots or a tally hidden until the facilitator reveals it could not be enforced there. The
 * server keeps them (cardId → memberId → dots) and fills `IdeaCard.dots` from that store.
 */
export const WALL_MAPS = { columns: 'columns', cards: 'cards' } as const;

export const COLUMN_KEYS = { id: 'id', title: 'title', order: 'order' } as const;

export const CARD_KEYS = {
	id: 'id',
	text: 'text',
	colour: 'colour',
	columnId: 'columnId',
	order: 'order',
	authorMemberId: 'authorMemberId',
	hidden: 'hidden',
	mergedInto: 'mergedInto',
	promotedTo: 'promotedTo'
} as const;

export const PROMOTION_KINDS = ['charter', 'action_plan'] as const;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];

/** Where a card went: the target document, and the article heading or the action's id. */
export interface CardPromotion {
	kind: PromotionKind;
	documentId: string;
	/** "Article 5" for a charter, the action's id for a plan. */
	ref: string;
}

export interface IdeaCard {
	id: string;
	text: string;
	colour?: CardColour;
	/** `null` while the card sits in the unsorted tray. */
	columnId: string | null;
	order: number;
	authorMemberId: string;
	/** Moderation: off-topic cards are hidden (and logged), never deleted. */
	hidden: boolean;
	mergedInto?: string;
	/** Set by the server when a facilitator turned the card into an article or an action. */
	promotedTo?: CardPromotion;
	/** memberId → dots placed on this card. */
	dots: Record<string, number>;
}

/** Limit in characters as people count them (code points), so an emoji is not two. */
export const cardTextSchema = z
	.string()
	.trim()
	.min(1)
	.refine((text) => [...text].length <= CARD_TEXT_MAX);

const id = z.string().min(1).max(64);

/** What a participant sends to post a card; the author comes from the session, never the client. */
export const newCardSchema = z.object({
	text: cardTextSchema,
	colour: z.enum(CARD_COLOURS).optional(),
	columnId: id.nullable().optional()
});

export const wallColumnSchema = z.object({
	id,
	title: z.string().trim().min(1).max(COLUMN_TITLE_MAX),
	order: z.number().finite()
});

/** A card as read back from the Y.Doc (plus server-side dots); bad cards are skipped, not fatal. */
export const ideaCardSchema = z.object({
	id,
	text: cardTextSchema,
	colour: z.enum(CARD_COLOURS).optional(),
	columnId: id.nullable(),
	order: z.number().finite(),
	authorMemberId: id,
	hidden: z.boolean(),
	mergedInto: id.optional(),
	promotedTo: z
		.object({ kind: z.enum(PROMOTION_KINDS), documentId: id, ref: z.string().max(64) })
		.optional(),
	dots: z.record(z.string(), z.number().int().nonnegative()).default({})
});

export type WallCards = Readonly<Record<string, IdeaCard>>;

/** Parses a `cards` map's JSON, keeping the valid cards and dropping (and naming) the others. */
export function readCards(json: Record<string, unknown>): {
	cards: Record<string, IdeaCard>;
	invalid: string[];
} {
	const cards: Record<string, IdeaCard> = {};
	const invalid: string[] = [];
	for (const [key, value] of Object.entries(json)) {
		const parsed = ideaCardSchema.safeParse(value);
		if (parsed.success && parsed.data.id === key) cards[key] = parsed.data;
		else invalid.push(key);
	}
	return { cards, invalid };
}

export const WALL_ERRORS = {
	cardNotFound: 'wall_card_not_found',
	cardUnavailable: 'wall_card_unavailable',
	noDotsLeft: 'wall_no_dots_left',
	noDotHere: 'wall_no_dot_here',
	mergeIntoSelf: 'wall_merge_into_self',
	votingClosed: 'wall_voting_closed',
	notAWall: 'wall_not_a_wall',
	promoteTarget: 'wall_promote_target',
	alreadyPromoted: 'wall_already_promoted'
} as const;
export type WallError = (typeof WALL_ERRORS)[keyof typeof WALL_ERRORS];

export const WALL_ERROR_MESSAGE_KEYS = {
	wall_card_not_found: 'wall_error_card_not_found',
	wall_card_unavailable: 'wall_error_card_unavailable',
	wall_no_dots_left: 'wall_error_no_dots_left',
	wall_no_dot_here: 'wall_error_no_dot_here',
	wall_merge_into_self: 'wall_error_merge_into_self',
	wall_voting_closed: 'wall_error_voting_closed',
	wall_not_a_wall: 'wall_error_not_a_wall',
	wall_promote_target: 'wall_error_promote_target',
	wall_already_promoted: 'wall_error_already_promoted'
} as const satisfies Record<WallError, `wall_error_${string}`>;

/** The catalog key of a domain refusal (`wall_no_dots_left` → `wall_error_no_dots_left`). */
export function wallErrorMessageKey(code: string): string | undefined {
	return (WALL_ERROR_MESSAGE_KEYS as Record<string, string>)[code];
}

export type WallResult =
	{ ok: true; cards: Record<string, IdeaCard> } | { ok: false; error: WallError };

/** Hidden and merged cards take no dots and appear in no tally. */
export function isVotable(card: IdeaCard): boolean {
	return !card.hidden && card.mergedInto === undefined;
}

export function dotsUsed(cards: WallCards, memberId: string): number {
	let used = 0;
	for (const card of Object.values(cards)) used += card.dots[memberId] ?? 0;
	return used;
}

/** One more dot from `memberId` on a card; several on the same card are allowed (that is the method). */
export function castDot(
	cards: WallCards,
	cardId: string,
	memberId: string,
	dotsPerMember: number
): WallResult {
	const card = cards[cardId];
	if (!card) return { ok: false, error: 'wall_card_not_found' };
	if (!isVotable(card)) return { ok: false, error: 'wall_card_unavailable' };
	if (dotsUsed(cards, memberId) >= dotsPerMember) return { ok: false, error: 'wall_no_dots_left' };
	const dots = { ...card.dots, [memberId]: (card.dots[memberId] ?? 0) + 1 };
	return { ok: true, cards: { ...cards, [cardId]: { ...card, dots } } };
}

export function removeDot(cards: WallCards, cardId: string, memberId: string): WallResult {
	const card = cards[cardId];
	if (!card) return { ok: false, error: 'wall_card_not_found' };
	const mine = card.dots[memberId] ?? 0;
	if (mine === 0) return { ok: false, error: 'wall_no_dot_here' };
	const dots = { ...card.dots };
	if (mine === 1) delete dots[memberId];
	else dots[memberId] = mine - 1;
	return { ok: true, cards: { ...cards, [cardId]: { ...card, dots } } };
}

export interface DotTally {
	cardId: string;
	dots: number;
	voters: number;
}

/** Votable cards, most dots first; ties by card order then id so every screen agrees. */
export function tallyDots(cards: WallCards): DotTally[] {
	return Object.values(cards)
		.filter(isVotable)
		.map((card) => {
			const counts = Object.values(card.dots).filter((n) => n > 0);
			return { card, dots: counts.reduce((a, b) => a + b, 0), voters: counts.length };
		})
		.sort(
			(a, b) => b.dots - a.dots || a.card.order - b.card.order || a.card.id.localeCompare(b.card.id)
		)
		.map(({ card, dots, voters }) => ({ cardId: card.id, dots, voters }));
}

/**
 * Merges duplicate `sourceId` into `targetId`: the source stays (hidden behind the target, its
 * text kept for the record) with `mergedInto`, its dots move to the target per member — each
 * member's total is unchanged, so nobody goes over budget — and cards merged earlier into the
 * source now point straight to the target, so chains stay one step long.
 */
export function mergeCards(cards: WallCards, sourceId: string, targetId: string): WallResult {
	const source = cards[sourceId];
	const target = cards[targetId];
	if (!source || !target) return { ok: false, error: 'wall_card_not_found' };
	if (sourceId === targetId) return { ok: false, error: 'wall_merge_into_self' };
	if (!isVotable(source) || !isVotable(target))
		return { ok: false, error: 'wall_card_unavailable' };
	const dots = { ...target.dots };
	for (const [member, n] of Object.entries(source.dots)) dots[member] = (dots[member] ?? 0) + n;
	const next: Record<string, IdeaCard> = {};
	for (const [key, card] of Object.entries(cards)) {
		next[key] = card.mergedInto === sourceId ? { ...card, mergedInto: targetId } : card;
	}
	next[sourceId] = { ...source, mergedInto: targetId, dots: {} };
	next[targetId] = { ...target, dots };
	return { ok: true, cards: next };
}

/**
 * Hides an off-topic card. Its dots go back to their members: moderation should not cost a
 * participant a vote, and un-hiding later cannot push anyone over budget.
 */
export function hideCard(cards: WallCards, cardId: string): WallResult {
	const card = cards[cardId];
	if (!card) return { ok: false, error: 'wall_card_not_found' };
	return { ok: true, cards: { ...cards, [cardId]: { ...card, hidden: true, dots: {} } } };
}

export function unhideCard(cards: WallCards, cardId: string): WallResult {
	const card = cards[cardId];
	if (!card) return { ok: false, error: 'wall_card_not_found' };
	return { ok: true, cards: { ...cards, [cardId]: { ...card, hidden: false } } };
}
