// Groups merged idea-wall cards under the card they were merged into (the domain re-points a
// merge chain at its end, so one level is enough).
import type { BoardCard } from '$lib/client/wall-board';

export function stackMerged(cards: readonly BoardCard[]): Map<string, BoardCard[]> {
	const present = new Set(cards.map((card) => card.id));
	const under = new Map<string, BoardCard[]>();
	for (const card of cards) {
		if (!card.mergedInto || !present.has(card.mergedInto)) continue;
		under.set(card.mergedInto, [...(under.get(card.mergedInto) ?? []), card]);
	}
	return under;
}
