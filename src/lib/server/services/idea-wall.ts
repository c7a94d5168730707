// The mur d'idées' server side: dot voting (N dots per member, tally hidden until revealed),
// moderation (hide, unhide, merge: edits of the live Y.Doc, audited) and turning a card into a
// charter article or a plan action. Cards live in the Y.Doc; dots live in the database.
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { User } from '../repositories/users';
import type { WallRepository } from '../repositories/wall';
import {
	CARD_KEYS,
	WALL_MAPS,
	castDot,
	hideCard,
	mergeCards,
	readCards,
	removeDot,
	tallyDots,
	unhideCard,
	type CardPromotion,
	type IdeaCard,
	type WallCards,
	type WallResult
} from '../../domain/idea-wall';
import {
	dotIntentSchema,
	moderationSchema,
	promoteSchema,
	wallSettingsSchema,
	type WallModeration
} from '../../domain/wall-schemas';
import { appendActions } from '../plans/read-plan';
import { allows } from '../../domain/permissions';
import { appendArticleText } from '../charter/append-article';
import { ServiceError } from './service-error';
import { validate } from './validate';
import type { DocumentAccess, DocumentService } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import type { AppEvents } from './app-events';
import type { WallView } from '../../protocol/wall';

type DotRow = { cardId: string; memberId: string; dots: number };

function refusal(reason: string, code: 'conflict' | 'not_found' = 'conflict'): ServiceError {
	return new ServiceError(code, { params: { reason } });
}

function must(result: WallResult): Record<string, IdeaCard> {
	if (!result.ok)
		throw refusal(result.error, result.error === 'wall_card_not_found' ? 'not_found' : 'conflict');
	return result.cards;
}

/** The cards of a live wall, with the given dots filled in. */
function cardsWithDots(doc: Y.Doc, rows: readonly DotRow[]): Record<string, IdeaCard> {
	const { cards } = readCards(doc.getMap(WALL_MAPS.cards).toJSON());
	for (const row of rows) {
		const card = cards[row.cardId];
		if (card) card.dots = { ...card.dots, [row.memberId]: row.dots };
	}
	return cards;
}

function cardMap(doc: Y.Doc, cardId: string): Y.Map<unknown> | null {
	const value = doc.getMap(WALL_MAPS.cards).get(cardId);
	return value instanceof Y.Map ? (value as Y.Map<unknown>) : null;
}

export function createIdeaWallService(deps: {
	repo: WallRepository;
	documents: DocumentService;
	live: LiveDocumentsPort;
	events: AppEvents;
}) {
	const { repo, documents, live, events } = deps;

	async function wallAccess(
		user: User | null,
		documentId: string,
		action: 'wall.read' | 'wall.dot' | 'wall.moderate'
	): Promise<DocumentAccess> {
		const found = await documents.requireAccess(user, action, documentId);
		if (found.document.kind !== 'idea_wall') throw refusal('wall_not_a_wall', 'not_found');
		return found;
	}

	/** The caller's view; others' dots only for facilitators, or for everyone once revealed. */
	async function view(found: DocumentAccess): Promise<WallView> {
		const documentId = found.document.id;
		const memberId = found.member.id;
		// Moderators see every dot (the permission table's `wall.moderate`).
		const facilitator = allows(found.member.role, 'wall.moderate');
		const settings = await repo.settings(documentId);
		const seesAll = facilitator || settings.revealed;
		const rows = seesAll
			? await repo.allDots(documentId)
			: await repo.memberDots(documentId, memberId);
		const cards = cardsWithDots(await live.getDoc(documentId), rows);
		const dots: Record<string, number> = {};
		let dotsUsed = 0;
		for (const card of Object.values(cards)) {
			const mine = card.dots[memberId] ?? 0;
			if (mine > 0) dots[card.id] = mine;
			dotsUsed += mine;
		}
		return {
			documentId,
			settings,
			you: {
				memberId,
				facilitator,
				dotsUsed,
				dotsLeft: Math.max(0, settings.dotsPerMember - dotsUsed),
				dots
			},
			tally: seesAll ? tallyDots(cards) : null
		};
	}

	function changed(found: DocumentAccess, scope: 'all' | 'actor') {
		events.emit('wall.changed', {
			workshopId: found.workshop.id,
			documentId: found.document.id,
			userId: scope === 'actor' ? found.member.userId : null
		});
	}

	return {
		async get(user: User | null, documentId: string) {
			return view(await wallAccess(user, documentId, 'wall.read'));
		},

		/** One dot more or less; the settings row lock serialises a member's concurrent clicks. */
		async dot(user: User | null, documentId: string, input: unknown) {
			const found = await wallAccess(user, documentId, 'wall.dot');
			const { cardId, delta } = validate(dotIntentSchema, input);
			const memberId = found.member.id;
			// Loaded before the transaction: loading reads the database, which the open
			// transaction holds (one connection on PGlite). Read again inside, under the lock.
			const doc = await live.getDoc(documentId);
			const revealed = await repo.transaction(async (tx) => {
				const settings = await tx.lockSettings(documentId);
				if (!settings.votingOpen) throw refusal('wall_voting_closed');
				const cards: WallCards = cardsWithDots(doc, await tx.memberDots(documentId, memberId));
				const next = must(
					delta === 1
						? castDot(cards, cardId, memberId, settings.dotsPerMember)
						: removeDot(cards, cardId, memberId)
				);
				await tx.setDots(documentId, cardId, memberId, next[cardId].dots[memberId] ?? 0);
				return settings.revealed;
			});
			changed(found, revealed ? 'all' : 'actor');
			return view(found);
		},

		async settings(user: User | null, documentId: string, input: unknown) {
			const found = await wallAccess(user, documentId, 'wall.moderate');
			const patch = validate(wallSettingsSchema, input);
			await repo.transaction(async (tx) => {
				await tx.lockSettings(documentId);
				await tx.updateSettings(documentId, patch);
				await tx.audit({
					workshopId: found.workshop.id,
					actor: found.member.userId,
					action: 'wall.settings',
					subject: documentId,
					data: patch
				});
			});
			changed(found, 'all');
			return view(found);
		},

		async reveal(user: User | null, documentId: string, revealed: boolean) {
			const found = await wallAccess(user, documentId, 'wall.moderate');
			await repo.transaction(async (tx) => {
				await tx.lockSettings(documentId);
				await tx.updateSettings(documentId, { revealed });
				await tx.audit({
					workshopId: found.workshop.id,
					actor: found.member.userId,
					action: revealed ? 'wall.reveal' : 'wall.conceal',
					subject: documentId
				});
			});
			changed(found, 'all');
			return view(found);
		},

		/**
		 * Hide, unhide or merge: the live wall is edited as the server (clients cannot write
		 * `hidden` or `mergedInto`), dots are given back or moved, and the step is audited.
		 */
		async moderate(user: User | null, documentId: string, command: WallModeration, input: unknown) {
			const found = await wallAccess(user, documentId, 'wall.moderate');
			const { cardId, targetId } = validate(moderationSchema, input);
			if (command === 'merge' && !targetId)
				throw new ServiceError('validation', { field: 'targetId' });
			const doc = await live.getDoc(documentId);
			const cards = cardsWithDots(doc, await repo.allDots(documentId));
			const next = must(
				command === 'hide'
					? hideCard(cards, cardId)
					: command === 'unhide'
						? unhideCard(cards, cardId)
						: mergeCards(cards, cardId, targetId!)
			);
			await live.editDoc(documentId, (live) => {
				for (const [id, card] of Object.entries(next)) {
					const map = cardMap(live, id);
					if (!map) continue;
					if (map.get(CARD_KEYS.hidden) !== card.hidden) map.set(CARD_KEYS.hidden, card.hidden);
					if (card.mergedInto !== undefined && map.get(CARD_KEYS.mergedInto) !== card.mergedInto)
						map.set(CARD_KEYS.mergedInto, card.mergedInto);
				}
			});
			await repo.transaction(async (tx) => {
				await tx.lockSettings(documentId);
				if (command === 'hide') await tx.deleteCardDots(documentId, cardId);
				if (command === 'merge') {
					// Re-read under the lock: a dot placed since is moved too.
					const rows = await tx.allDots(documentId);
					const target = new Map<string, number>();
					for (const row of rows) if (row.cardId === targetId) target.set(row.memberId, row.dots);
					for (const row of rows) {
						if (row.cardId !== cardId) continue;
						const total = (target.get(row.memberId) ?? 0) + row.dots;
						await tx.setDots(documentId, targetId!, row.memberId, total);
					}
					await tx.deleteCardDots(documentId, cardId);
				}
				await tx.audit({
					workshopId: found.workshop.id,
					actor: found.member.userId,
					action: `wall.${command}`,
					subject: documentId,
					data: { cardId, ...(targetId && command === 'merge' ? { targetId } : {}) }
				});
			});
			changed(found, 'all');
			return view(found);
		},

		/**
		 * A card becomes "Article N" of a charter (a new draft article node) or an action of a plan of the same workshop, both
		 * written into the target's live Y.Doc; the card remembers where it went (`promotedTo`).
		 */
		async promote(user: User | null, documentId: string, input: unknown) {
			const found = await wallAccess(user, documentId, 'wall.moderate');
			const { cardId, documentId: targetId } = validate(promoteSchema, input);
			const target = await documents.requireAccess(user, 'document.read', targetId);
			if (
				target.document.workshopId !== found.workshop.id ||
				(target.document.kind !== 'charter' && target.document.kind !== 'action_plan')
			)
				throw refusal('wall_promote_target');
			const { cards } = readCards((await live.getDoc(documentId)).getMap(WALL_MAPS.cards).toJSON());
			const card = cards[cardId];
			if (!card) throw refusal('wall_card_not_found', 'not_found');
			if (card.promotedTo) throw refusal('wall_already_promoted');
			let promotion: CardPromotion;
			if (target.document.kind === 'charter') {
				let ref = '';
				await live.editDoc(targetId, (doc) => {
					ref = appendArticleText(doc, card.text).ref;
				});
				promotion = { kind: 'charter', documentId: targetId, ref };
			} else {
				const actionId = randomUUID();
				await live.editDoc(targetId, (doc) =>
					appendActions(doc, [{ id: actionId, title: card.text, description: card.text }])
				);
				promotion = { kind: 'action_plan', documentId: targetId, ref: actionId };
			}
			await live.editDoc(documentId, (doc) => {
				cardMap(doc, cardId)?.set(CARD_KEYS.promotedTo, promotion);
			});
			await repo.audit({
				workshopId: found.workshop.id,
				actor: found.member.userId,
				action: 'wall.promote',
				subject: documentId,
				data: { cardId, ...promotion }
			});
			return { cardId, promotedTo: promotion };
		}
	};
}

export type IdeaWallService = ReturnType<typeof createIdeaWallService>;
