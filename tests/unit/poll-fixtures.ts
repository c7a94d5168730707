// Small builders for the poll unit tests: a poll config with defaults, options named by id,
// and a seeded PRNG so property tests replay exactly.
import type {
	BallotMethod,
	PollConfig,
	PollMethod,
	PollOption,
	PollSettings
} from '../../src/lib/domain/poll-types';

export function pollOf(method: PollMethod, settings: Partial<PollSettings> = {}): PollConfig {
	return {
		method,
		settings: {
			secret: false,
			reveal: 'live',
			quorum: null,
			maxChoices: null,
			dots: null,
			allowChange: true,
			requiredMajority: 'simple',
			rankedMethod: 'irv',
			eligibleRoles: ['participant', 'facilitator'],
			nomination: null,
			...settings
		}
	};
}

/** Options whose id and label are the given names, in that order. */
export const optionsOf = (...ids: string[]): PollOption[] => ids.map((id) => ({ id, label: id }));

export const consentOptions: PollOption[] = [
	{ id: 'p', label: 'Pour', consent: 'for' },
	{ id: 'c', label: 'Contre', consent: 'against' },
	{ id: 'a', label: 'Abstention', consent: 'abstain' }
];

/** `n` copies of a ballot, for known cases written as "5 × [a, b, c]". */
export const times = <T>(n: number, ballot: T): T[] => Array.from({ length: n }, () => ballot);

/** mulberry32: tiny, fast, good enough to generate ballots reproducibly from a seed. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const ALL_BALLOT_METHODS: BallotMethod[] = [
	'single',
	'multiple',
	'ranked',
	'score',
	'majority_judgment',
	'dots',
	'consent'
];
