// When a phone is taken to the current round's activity: only a participant, only on a change of
// round, only from the workshop page or the previous round's activity.
import { describe, expect, it } from 'vitest';
import { followDecision, type FollowInput } from '../../src/lib/domain/round-follow';

const HUB = '/w/MEB76A';
const VOTE_A = `${HUB}/vote/a`;
const VOTE_B = `${HUB}/vote/b`;
const round1 = { roundId: 'r1', target: VOTE_A };
const round2 = { roundId: 'r2', target: VOTE_B };

const decide = (input: Partial<FollowInput>) =>
	followDecision({ role: 'participant', here: HUB, hub: HUB, round: round1, seen: null, ...input });

describe('following the room', () => {
	it('takes a phone arriving on the workshop page to the current activity, once', () => {
		expect(decide({})).toEqual({ go: VOTE_A, seen: round1 });
		expect(decide({ seen: round1 })).toEqual({ go: null, seen: round1 });
	});

	it('leaves on the workshop page a phone that came back from the current activity', () => {
		expect(decide({ here: HUB, seen: round1 }).go).toBeNull();
	});

	it('takes a phone on the previous round’s activity, or on the workshop page, to the next one', () => {
		expect(decide({ here: VOTE_A, round: round2, seen: round1 })).toEqual({
			go: VOTE_B,
			seen: round2
		});
		expect(decide({ here: HUB, round: round2, seen: round1 }).go).toBe(VOTE_B);
	});

	it('follows a round whose linked activity changed', () => {
		const relinked = { roundId: 'r1', target: VOTE_B };
		expect(decide({ here: VOTE_A, round: relinked, seen: round1 }).go).toBe(VOTE_B);
	});

	it('leaves a phone that went elsewhere on its own (a document) where it is', () => {
		const doc = `${HUB}/documents/d`;
		expect(decide({ here: doc, round: round2, seen: round1 })).toEqual({ go: null, seen: round2 });
		expect(decide({ here: doc, seen: null }).go).toBeNull();
	});

	it('never takes reviewers, facilitators or observers anywhere', () => {
		for (const role of ['reviewer', 'facilitator', 'observer'] as const) {
			expect(decide({ role }).go).toBeNull();
			expect(decide({ role, here: VOTE_A, round: round2, seen: round1 }).go).toBeNull();
		}
	});

	it('does nothing before the agenda is known or when no round runs', () => {
		expect(decide({ round: null, seen: round1 })).toEqual({ go: null, seen: round1 });
	});
});
