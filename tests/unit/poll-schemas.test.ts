import { describe, expect, it } from 'vitest';
import {
	POLL_INPUT_ERROR_CODES,
	ballotBodySchema,
	inputErrorCodes,
	pollCreateSchema,
	pollDraftFromInput
} from '../../src/lib/domain/poll-schemas';

const codesOf = (input: unknown) => {
	const parsed = pollCreateSchema.safeParse(input);
	return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
};
const valid = {
	question: 'Quel thème pour la conférence ?',
	method: 'single',
	options: [{ label: 'Eau' }, { label: 'École' }]
};

describe('poll creation input', () => {
	it('accepts the issue’s body and fills deliberation defaults', () => {
		const parsed = pollCreateSchema.parse({ ...valid, quorum: 20, closesInSeconds: 120 });
		const draft = pollDraftFromInput(parsed);
		expect(draft).toEqual({
			question: 'Quel thème pour la conférence ?',
			method: 'single',
			options: [{ label: 'Eau' }, { label: 'École' }],
			closesInSeconds: 120,
			settings: {
				secret: false,
				reveal: 'after_close',
				quorum: { kind: 'ballots', min: 20 },
				maxChoices: null,
				dots: null,
				allowChange: true,
				requiredMajority: 'simple',
				rankedMethod: 'irv',
				eligibleRoles: ['participant', 'facilitator'],
				nomination: null
			}
		});
	});

	it('accepts a quorum counted on a share of the members present or registered', () => {
		const parsed = pollCreateSchema.parse({
			...valid,
			quorum: { basis: 'registered', ratio: 0.5 }
		});
		expect(parsed.quorum).toEqual({ kind: 'share', basis: 'registered', ratio: 0.5 });
		expect(codesOf({ ...valid, quorum: { basis: 'present', ratio: 2 } })).toEqual([
			'poll.quorum_invalid'
		]);
		expect(codesOf({ ...valid, quorum: 0 })).toEqual(['poll.quorum_invalid']);
	});

	it('creates pour, contre and abstention itself for a consent poll', () => {
		const draft = pollDraftFromInput(
			pollCreateSchema.parse({
				question: 'Adopter l’article 3 ?',
				method: 'consent',
				requiredMajority: 'two_thirds'
			})
		);
		expect(draft.options).toEqual([
			{ label: 'Pour', consent: 'for' },
			{ label: 'Contre', consent: 'against' },
			{ label: 'Abstention', consent: 'abstain' }
		]);
		expect(draft.settings.requiredMajority).toBe('two_thirds');
	});

	it('starts a nomination in its proposal phase with no options', () => {
		const draft = pollDraftFromInput(
			pollCreateSchema.parse({
				question: 'Modèle citoyen',
				method: 'nomination',
				voteMethod: 'ranked',
				scope: 'quartier'
			})
		);
		expect(draft.options).toEqual([]);
		expect(draft.settings.nomination).toEqual({
			phase: 'proposal',
			voteMethod: 'ranked',
			scope: 'quartier'
		});
	});

	it('reports stable codes, never English prose, for each bad field', () => {
		expect(codesOf({ ...valid, question: '  ' })).toEqual(['poll.question_required']);
		expect(codesOf({ ...valid, question: 'x'.repeat(501) })).toEqual(['poll.question_too_long']);
		expect(codesOf({ ...valid, method: 'lottery' })).toEqual(['poll.method_invalid']);
		expect(codesOf({ ...valid, options: [{ label: 'Eau' }] })).toEqual(['poll.options_too_few']);
		expect(codesOf({ ...valid, options: [{ label: 'Eau' }, { label: ' ' }] })).toContain(
			'poll.option_label_required'
		);
		expect(codesOf({ ...valid, options: [{ label: 'Eau' }, { label: 'eau' }] })).toEqual([
			'poll.option_labels_duplicate'
		]);
		expect(codesOf({ ...valid, reveal: 'never' })).toEqual(['poll.reveal_invalid']);
		expect(codesOf({ ...valid, closesInSeconds: 0 })).toEqual(['poll.closes_in_invalid']);
		expect(codesOf({ ...valid, requiredMajority: 'unanimity' })).toEqual([
			'poll.required_majority_invalid'
		]);
		expect(codesOf({ ...valid, rankedMethod: 'condorcet' })).toEqual([
			'poll.ranked_method_invalid'
		]);
		expect(codesOf({ ...valid, eligibleRoles: [] })).toEqual(['poll.eligible_roles_invalid']);
		expect(codesOf({ ...valid, method: 'multiple', maxChoices: 3 })).toEqual([
			'poll.too_many_choices'
		]);
		expect(codesOf({ ...valid, method: 'multiple', maxChoices: 0 })).toEqual([
			'poll.max_choices_invalid'
		]);
		expect(codesOf({ ...valid, method: 'dots' })).toEqual(['poll.dots_required']);
		expect(codesOf({ ...valid, method: 'dots', dots: 2.5 })).toEqual(['poll.dots_invalid']);
		expect(codesOf({ ...valid, method: 'consent' })).toEqual(['poll.options_not_allowed']);
		expect(codesOf({ ...valid, method: 'nomination', options: [], voteMethod: 'consent' })).toEqual(
			['poll.vote_method_invalid']
		);
		expect(codesOf({ question: 'Q', method: 'single', options: [], extra: 1 })).toEqual([
			'poll.options_too_few'
		]);
	});

	it('reports only known codes, whatever the input', () => {
		const known = new Set<string>(POLL_INPUT_ERROR_CODES);
		const odd = [
			null,
			42,
			'poll',
			[],
			{ question: 7, method: null, options: 'a', secret: 'yes', allowChange: 3, quorum: 'x' },
			{
				question: 'Q',
				method: 'ranked',
				eligibleRoles: ['king'],
				scope: 1,
				dots: 'x',
				maxChoices: 1.5
			},
			{ question: 'Q', method: 'single', options: [{ label: 1 }, 'x', {}] }
		];
		for (const input of odd) {
			const parsed = pollCreateSchema.safeParse(input);
			expect(parsed.success).toBe(false);
			if (!parsed.success)
				for (const issue of parsed.error.issues)
					expect(known, issue.message).toContain(issue.message);
		}
	});
});

describe('ballot body', () => {
	const ballotId = '0b8f9a52-6c1f-4c1e-9a3e-2f4b5c6d7e8f';

	it('accepts every choice shape of the issue’s API', () => {
		for (const choice of [
			{ optionId: 'a' },
			{ optionIds: ['a', 'b'] },
			{ ranking: ['b', 'a'] },
			{ scores: { a: 4, b: 'good' } },
			{ dots: { a: 2 } }
		])
			expect(ballotBodySchema.safeParse({ ballotId, choice }).success).toBe(true);
	});

	it('refuses a ballot id that is not a uuid with ballot.id_invalid', () => {
		const parsed = ballotBodySchema.safeParse({ ballotId: 'abc', choice: { optionId: 'a' } });
		expect(parsed.success || inputErrorCodes(parsed.error).map((e) => e.code)).toEqual([
			'ballot.id_invalid'
		]);
	});

	it('refuses an ambiguous or unknown choice shape with ballot.choice_invalid', () => {
		const tooMany = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`o${i}`, 1]));
		for (const choice of [
			{ optionId: 'a', optionIds: ['a'] },
			{ vote: 'a' },
			'a',
			{ scores: { a: true } },
			{ dots: tooMany }
		]) {
			const parsed = ballotBodySchema.safeParse({ ballotId, choice });
			expect(parsed.success).toBe(false);
			if (!parsed.success)
				expect(parsed.error.issues.map((i) => i.message)).toEqual(['ballot.choice_invalid']);
		}
		const empty = ballotBodySchema.safeParse(null);
		expect(empty.success || inputErrorCodes(empty.error).map((e) => e.code)).toEqual([
			'ballot.choice_invalid'
		]);
	});
});
