// The last round this tab was shown, per workshop, so that following the room survives moving
// between the workshop's pages and a reload: the light voting page has its own layout, and the
// workshop layout starts afresh when a phone comes back from it. sessionStorage is per tab, so
// a new tab (a scanned QR code) is taken to the current activity once. Browser only.
import { followDecision, type FollowInput, type RoundTarget } from '$lib/domain/round-follow';

const key = (workshopId: string) => `palabre:seen-round:${workshopId}`;
/** When storage is refused (private browsing, quota): this page's memory at least. */
const fallback = new Map<string, RoundTarget>();

function read(workshopId: string): RoundTarget | null {
	try {
		const raw = sessionStorage.getItem(key(workshopId));
		if (!raw) return fallback.get(workshopId) ?? null;
		const value = JSON.parse(raw) as Partial<RoundTarget>;
		return typeof value.roundId === 'string' && typeof value.target === 'string'
			? { roundId: value.roundId, target: value.target }
			: null;
	} catch {
		return fallback.get(workshopId) ?? null;
	}
}

function write(workshopId: string, round: RoundTarget): void {
	fallback.set(workshopId, round);
	try {
		sessionStorage.setItem(key(workshopId), JSON.stringify(round));
	} catch {
		// Kept in `fallback`.
	}
}

/** Decides whether to follow the room now, and remembers the round as seen. */
export function followRoom(workshopId: string, input: Omit<FollowInput, 'seen'>): string | null {
	const seen = read(workshopId);
	const decision = followDecision({ ...input, seen });
	if (decision.seen && decision.seen !== seen) write(workshopId, decision.seen);
	return decision.go;
}
