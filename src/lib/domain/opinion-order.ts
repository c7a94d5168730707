// Which statement a phone shows next (issue #16): one the member has not voted on, the one with
// the fewest votes so far so that votes spread evenly over the statements (a late statement
// catches up), ties broken by a per-member shuffle so that a room does not all see the same one.

export interface Candidate {
	id: string;
	/** Votes it has from everyone (pass included). */
	votes: number;
}

/** FNV-1a: a cheap, stable hash; the same member gets the same order on every reload. */
function hash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export function nextStatementId(
	candidates: readonly Candidate[],
	voted: ReadonlySet<string>,
	memberId: string
): string | null {
	let best: { id: string; votes: number; tie: number } | null = null;
	for (const c of candidates) {
		if (voted.has(c.id)) continue;
		const tie = hash(`${memberId}:${c.id}`);
		if (!best || c.votes < best.votes || (c.votes === best.votes && tie < best.tie)) {
			best = { id: c.id, votes: c.votes, tie };
		}
	}
	return best?.id ?? null;
}
