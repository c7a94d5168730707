// The idea wall's view as the API and socket acks send it (built by services/idea-wall.ts).
import type { DotTally } from '../domain/idea-wall';

export interface WallView {
	documentId: string;
	settings: { dotsPerMember: number; votingOpen: boolean; revealed: boolean };
	you: {
		memberId: string;
		facilitator: boolean;
		dotsUsed: number;
		dotsLeft: number;
		/** cardId → the caller's own dots. */
		dots: Record<string, number>;
	};
	/** Facilitators always; everyone else only once revealed (null before). */
	tally: DotTally[] | null;
}
