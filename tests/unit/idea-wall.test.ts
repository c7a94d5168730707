import { describe, expect, it } from 'vitest';
import {
	CARD_KEYS,
	WALL_MAPS,
	castDot,
	dotsUsed,
	hideCard,
	ideaCardSchema,
	mergeCards,
	newCardSchema,
	readCards,
	removeDot,
	tallyDots,
	unhideCard,
	type IdeaCard,
	type WallCards,
	type WallResult
} from '../../src/lib/domain/idea-wall';

const card = (id: string, extra: Partial<IdeaCard> = {}): IdeaCard => ({
	id,
	text: `Idée ${id}`,
	columnId: null,
	order: 0,
	authorMemberId: 'author',
	hidden: false,
	dots: {},
	...extra
});

const wall = (...cards: IdeaCard[]): WallCards => Object.fromEntries(cards.map((c) => [c.id, c]));

function must(result: WallResult): Record<string, IdeaCard> {
	if (!result.ok) throw new Error(`unexpected ${result.error}`);
	return result.cards;
}

describe('idea wall cards', () => {
	it('a card holds 1 to 280 characters, counted as people count them', () => {
		expect(newCardSchema.safeParse({ text: 'Éclairage public au quartier Zaria' }).success).toBe(
			true
		);
		expect(newCardSchema.safeParse({ text: '   ' }).success).toBe(false);
		expect(newCardSchema.safeParse({ text: 'a'.repeat(280) }).success).toBe(true);
		expect(newCardSchema.safeParse({ text: 'a'.repeat(281) }).success).toBe(false);
		// 280 emoji are 560 UTF-16 units but 280 characters.
		expect(newCardSchema.safeParse({ text: '👍'.repeat(280) }).success).toBe(true);
		expect(newCardSchema.safeParse({ text: 'ok', colour: 'grey' }).success).toBe(false);
	});

	it('cards read from the Y.Doc keep the valid ones and name the broken ones', () => {
		const { cards, invalid } = readCards({
			a: { ...card('a'), dots: undefined },
			b: { id: 'b', text: '' },
			c: card('not-c')
		});
		expect(Object.keys(cards)).toEqual(['a']);
		expect(cards.a?.dots).toEqual({});
		expect(invalid).toEqual(['b', 'c']);
		expect(ideaCardSchema.safeParse(card('x', { colour: 'green', mergedInto: 'y' })).success).toBe(
			true
		);
	});

	it('the Y.Doc layout names its maps and card keys once', () => {
		expect(WALL_MAPS).toEqual({ columns: 'columns', cards: 'cards' });
		expect(Object.keys(CARD_KEYS)).not.toContain('dots');
	});
});

describe('dot voting', () => {
	it('each member places at most N dots, several on one card if they like', () => {
		let cards = must(castDot(wall(card('a'), card('b')), 'a', 'awa', 3));
		cards = must(castDot(cards, 'a', 'awa', 3));
		cards = must(castDot(cards, 'b', 'awa', 3));
		expect(dotsUsed(cards, 'awa')).toBe(3);
		expect(castDot(cards, 'b', 'awa', 3)).toEqual({ ok: false, error: 'wall_no_dots_left' });
		expect(must(castDot(cards, 'b', 'ibrahim', 3)).b?.dots).toEqual({ awa: 1, ibrahim: 1 });
	});

	it('a dot can be taken back, but only one that was placed', () => {
		const cards = must(castDot(wall(card('a')), 'a', 'awa', 3));
		expect(must(removeDot(cards, 'a', 'awa')).a?.dots).toEqual({});
		expect(removeDot(cards, 'a', 'fatou')).toEqual({ ok: false, error: 'wall_no_dot_here' });
		expect(castDot(cards, 'zz', 'awa', 3)).toEqual({ ok: false, error: 'wall_card_not_found' });
	});

	it('the tally ranks by dots, counts voters, and leaves out hidden and merged cards', () => {
		const cards = wall(
			card('a', { order: 2, dots: { awa: 2, ibrahim: 1 } }),
			card('b', { order: 1, dots: { fatou: 3 } }),
			card('c', { order: 0, dots: { moussa: 1 } }),
			card('hidden', { hidden: true }),
			card('merged', { mergedInto: 'a' })
		);
		expect(tallyDots(cards)).toEqual([
			{ cardId: 'b', dots: 3, voters: 1 },
			{ cardId: 'a', dots: 3, voters: 2 },
			{ cardId: 'c', dots: 1, voters: 1 }
		]);
	});

	it('hidden and merged cards take no dots', () => {
		const cards = wall(card('h', { hidden: true }), card('m', { mergedInto: 'x' }), card('x'));
		expect(castDot(cards, 'h', 'awa', 3)).toEqual({ ok: false, error: 'wall_card_unavailable' });
		expect(castDot(cards, 'm', 'awa', 3)).toEqual({ ok: false, error: 'wall_card_unavailable' });
	});
});

describe('moderation and merging', () => {
	it('merging a duplicate moves its dots to the target and keeps every budget', () => {
		const cards = wall(
			card('a', { dots: { awa: 1 } }),
			card('b', { dots: { awa: 1, ibrahim: 2 } }),
			card('old', { mergedInto: 'b' })
		);
		const merged = must(mergeCards(cards, 'b', 'a'));
		expect(merged.a?.dots).toEqual({ awa: 2, ibrahim: 2 });
		expect(merged.b).toMatchObject({ mergedInto: 'a', dots: {}, text: 'Idée b' });
		expect(merged.old?.mergedInto).toBe('a');
		expect(dotsUsed(merged, 'awa')).toBe(dotsUsed(cards, 'awa'));
		expect(tallyDots(merged)).toEqual([{ cardId: 'a', dots: 4, voters: 2 }]);
	});

	it('a card cannot be merged into itself or into a hidden card', () => {
		const cards = wall(card('a'), card('h', { hidden: true }));
		expect(mergeCards(cards, 'a', 'a')).toEqual({ ok: false, error: 'wall_merge_into_self' });
		expect(mergeCards(cards, 'a', 'h')).toEqual({ ok: false, error: 'wall_card_unavailable' });
		expect(mergeCards(cards, 'a', 'nope')).toEqual({ ok: false, error: 'wall_card_not_found' });
	});

	it('hiding an off-topic card gives its dots back to their members', () => {
		const cards = wall(card('a', { dots: { awa: 2 } }));
		const hidden = must(hideCard(cards, 'a'));
		expect(hidden.a).toMatchObject({ hidden: true, dots: {} });
		expect(dotsUsed(hidden, 'awa')).toBe(0);
		expect(must(unhideCard(hidden, 'a')).a?.hidden).toBe(false);
	});
});
