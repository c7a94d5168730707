// One phone per table, on the idea wall: the relay types a card for a member of their table and
// the server writes it into the live wall signed with that member's id (the /collab guard lets a
// participant sign cards with their own id only, so the relay's phone cannot do it itself).
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { User } from '../repositories/users';
import { CARD_KEYS, WALL_MAPS, readCards } from '../../domain/idea-wall';
import { tableCardSchema } from '../../domain/table-schemas';
import type { DocumentService } from './documents';
import { documentState } from './documents';
import type { LiveDocumentsPort } from './live-documents';
import type { TableService } from './tables';
import type { WorkshopService } from './workshops';
import { ServiceError } from './service-error';
import { validate } from './validate';

export function createTableWall(deps: {
	documents: DocumentService;
	live: LiveDocumentsPort;
	workshops: WorkshopService;
	tables: Pick<TableService, 'actFor' | 'recordShared'>;
}) {
	const { documents, live, workshops, tables } = deps;
	return {
		/** Posts `text` on the wall as the member of the caller's table named by `forMember`. */
		async postCardFor(user: User | null, documentId: string, input: unknown) {
			// The relay must see the wall; the member must be allowed to write on it.
			const found = await documents.requireAccess(user, 'wall.read', documentId);
			if (found.document.kind !== 'idea_wall')
				throw new ServiceError('not_found', { params: { reason: 'wall_not_a_wall' } });
			const data = validate(tableCardSchema, input);
			const acting = await tables.actFor(user, found.workshop.id, data.forMember);
			workshops.check(acting.member, 'document.edit', documentState(found.document));
			const columnId = data.columnId ?? null;
			const cardId = randomUUID();
			await live.editDoc(documentId, (doc) => {
				if (columnId !== null && !(doc.getMap(WALL_MAPS.columns).get(columnId) instanceof Y.Map))
					throw new ServiceError('validation', { field: 'columnId' });
				const { cards } = readCards(doc.getMap(WALL_MAPS.cards).toJSON());
				const last = Math.max(
					0,
					...Object.values(cards)
						.filter((c) => c.columnId === columnId)
						.map((c) => c.order)
				);
				const card = new Y.Map<unknown>();
				doc.transact(() => {
					card.set(CARD_KEYS.id, cardId);
					card.set(CARD_KEYS.text, data.text);
					if (data.colour) card.set(CARD_KEYS.colour, data.colour);
					card.set(CARD_KEYS.columnId, columnId);
					card.set(CARD_KEYS.order, last + 1);
					card.set(CARD_KEYS.authorMemberId, acting.member.id);
					card.set(CARD_KEYS.hidden, false);
					doc.getMap(WALL_MAPS.cards).set(cardId, card);
				});
			});
			await tables.recordShared(acting, 'card', { documentId });
			return { cardId, authorMemberId: acting.member.id };
		}
	};
}

export type TableWall = ReturnType<typeof createTableWall>;
