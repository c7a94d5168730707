import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	CARD_COLOUR_MESSAGE_KEYS,
	WALL_ERROR_MESSAGE_KEYS,
	WALL_MAPS,
	castDot,
	readCards
} from '../../src/lib/domain/idea-wall';
import { participantWallViolation, sameJson, type WallJson } from '../../src/lib/domain/wall-rules';
import { judgeWallUpdate } from '../../server/collab/wall-guard';
import { nextArticleNumber } from '../../src/lib/server/charter/append-article';

const card = (id: string, author: string, extra: Record<string, unknown> = {}) => ({
	id,
	text: `Idée ${id}`,
	columnId: null,
	order: 1,
	authorMemberId: author,
	hidden: false,
	...extra
});

const wall = (cards: Record<string, unknown>, columns: Record<string, unknown> = {}): WallJson => ({
	cards,
	columns
});

const base = wall(
	{ a: card('a', 'moussa'), b: card('b', 'awa') },
	{ c1: { id: 'c1', title: 'Eau', order: 1 } }
);

describe('what a participant may change on a wall', () => {
	it('posting a card of their own, in the tray or an existing column, is allowed', () => {
		expect(
			participantWallViolation(
				base,
				wall({ ...base.cards, n: card('n', 'moussa', { colour: 'green' }) }, base.columns),
				'moussa'
			)
		).toBeNull();
		expect(
			participantWallViolation(
				base,
				wall({ ...base.cards, n: card('n', 'moussa', { columnId: 'c1' }) }, base.columns),
				'moussa'
			)
		).toBeNull();
	});

	it('a card signed with someone else, hidden, merged, too long or in no column is refused', () => {
		const post = (extra: Record<string, unknown>, author = 'moussa') =>
			participantWallViolation(
				base,
				wall({ ...base.cards, n: card('n', author, extra) }, base.columns),
				'moussa'
			);
		expect(post({}, 'awa')).toBe('card_author');
		expect(post({ hidden: true })).toBe('card_invalid');
		expect(post({ mergedInto: 'a' })).toBe('card_invalid');
		expect(post({ text: 'x'.repeat(281) })).toBe('card_invalid');
		expect(post({ text: '😀'.repeat(280) })).toBeNull();
		expect(post({ columnId: 'nowhere' })).toBe('card_placement');
		expect(post({ colour: 'black' })).toBe('card_invalid');
	});

	it('the author edits text and colour of their own card only', () => {
		const edit = (id: string, extra: Record<string, unknown>) =>
			participantWallViolation(
				base,
				wall({ ...base.cards, [id]: { ...(base.cards[id] as object), ...extra } }, base.columns),
				'moussa'
			);
		expect(edit('a', { text: 'Idée revue', colour: 'blue' })).toBeNull();
		expect(edit('b', { text: 'Je réécris la carte d’Awa' })).toBe('card_author');
		expect(edit('a', { hidden: true })).toBe('card_moderation');
		expect(edit('a', { mergedInto: 'b' })).toBe('card_moderation');
		expect(edit('a', { promotedTo: { kind: 'charter', documentId: 'd', ref: 'Article 1' } })).toBe(
			'card_moderation'
		);
		expect(edit('a', { columnId: 'c1' })).toBe('card_placement');
		expect(edit('a', { order: 9 })).toBe('card_placement');
		expect(edit('a', { authorMemberId: 'awa' })).toBe('card_author');
		expect(edit('a', { text: '   ' })).toBe('card_invalid');
	});

	it('columns and deletions are the facilitator’s', () => {
		expect(
			participantWallViolation(
				base,
				wall(base.cards, { c1: { id: 'c1', title: 'Santé', order: 1 } }),
				'moussa'
			)
		).toBe('columns');
		const { a: _a, ...withoutA } = base.cards;
		expect(participantWallViolation(base, wall(withoutA, base.columns), 'moussa')).toBe(
			'card_removed'
		);
	});

	it('compares JSON regardless of key order', () => {
		expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
		expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(sameJson([1, 2], [2, 1])).toBe(false);
	});
});

/** A live wall with one card of Awa's, and a participant replica of it. */
function liveWall() {
	const live = new Y.Doc();
	const cardMap = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(card('b', 'awa'))) cardMap.set(key, value);
	live.getMap(WALL_MAPS.cards).set('b', cardMap);
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(live));
	return { live, replica };
}

function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

describe('the /collab wall guard (scratch copy, live document untouched)', () => {
	it('lets an own card through and refuses hiding or forging, leaving the live doc as it was', () => {
		const { live, replica } = liveWall();
		const snapshot = JSON.stringify(live.getMap(WALL_MAPS.cards).toJSON());
		const post = updateOf(replica, (doc) => {
			const mine = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(card('m', 'moussa'))) mine.set(key, value);
			doc.getMap(WALL_MAPS.cards).set('m', mine);
		});
		expect(judgeWallUpdate(live, post, 'moussa')).toBeNull();
		expect(judgeWallUpdate(live, post, 'awa')).toBe('card_author');

		// From a fresh replica: the first one now holds a post the live doc never received.
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
		const hide = updateOf(other, (doc) =>
			(doc.getMap(WALL_MAPS.cards).get('b') as Y.Map<unknown>).set('hidden', true)
		);
		expect(judgeWallUpdate(live, hide, 'moussa')).toBe('card_author');
		expect(judgeWallUpdate(live, hide, 'awa')).toBe('card_moderation');
		expect(JSON.stringify(live.getMap(WALL_MAPS.cards).toJSON())).toBe(snapshot);
	});

	it('refuses writes outside the wall maps and updates with gaps', () => {
		const { live, replica } = liveWall();
		const text = updateOf(replica, (doc) =>
			doc.getXmlFragment('default').insert(0, [new Y.XmlText('x')])
		);
		expect(judgeWallUpdate(live, text, 'moussa')).toBe('other_type');

		const first = updateOf(replica, (doc) => doc.getMap(WALL_MAPS.cards).set('z', 'junk'));
		const second = updateOf(replica, (doc) => doc.getMap(WALL_MAPS.cards).delete('z'));
		void first;
		expect(judgeWallUpdate(live, second, 'moussa')).toBe('incomplete');
		expect(judgeWallUpdate(live, new Uint8Array([1, 2, 3]), 'moussa')).toBe('incomplete');
	});
});

describe('dots and promotion helpers', () => {
	it('a member never spends more than N dots, several on one card allowed', () => {
		const { cards } = readCards({ a: card('a', 'awa'), b: card('b', 'awa') });
		let current = cards;
		for (const id of ['a', 'a', 'b']) {
			const result = castDot(current, id, 'moussa', 3);
			if (!result.ok) throw new Error(result.error);
			current = result.cards;
		}
		expect(current.a.dots.moussa).toBe(2);
		expect(castDot(current, 'b', 'moussa', 3)).toEqual({ ok: false, error: 'wall_no_dots_left' });
	});

	it('numbers the next article after the highest one', () => {
		const heading = (text: string) => ({
			type: 'heading' as const,
			level: 2,
			content: [{ text, marks: {} }]
		});
		expect(nextArticleNumber([])).toBe(1);
		expect(
			nextArticleNumber([heading('Préambule'), heading('Article 1 — Objet'), heading('Article 4')])
		).toBe(5);
	});
});

describe('wall messages', () => {
	it('every error and colour key exists in the wall catalogs, in French and English', () => {
		for (const locale of ['fr', 'en']) {
			const url = new URL(`../../src/messages/wall/${locale}.json`, import.meta.url);
			const messages = JSON.parse(readFileSync(url, 'utf8'));
			const keys = [
				...Object.values(WALL_ERROR_MESSAGE_KEYS),
				...Object.values(CARD_COLOUR_MESSAGE_KEYS)
			];
			expect(keys.filter((key) => !(key in messages))).toEqual([]);
		}
	});
});
