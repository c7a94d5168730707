import { describe, expect, it } from 'vitest';
import { validateChoice } from '../../src/lib/domain/ballot-validation';
import {
	candidates,
	checkCanPropose,
	createProposal,
	mergeProposals,
	nameKey,
	optionsForVoter,
	shortlistToOptions,
	suggestDuplicates,
	tallyByQuartier,
	winnersByQuartier,
	type Proposal
} from '../../src/lib/domain/nomination';
import type { NominationSettings, PollOption } from '../../src/lib/domain/poll-types';
import { pollOf, times } from './poll-fixtures';

function proposal(id: string, name: string, quartier: string | null, reason = ''): Proposal {
	const made = createProposal({ id, name, reason, proposerId: `m-${id}`, quartier });
	if (!made.ok) throw new Error(made.code);
	return made.proposal;
}

const nomination = (settings: Partial<NominationSettings>) =>
	pollOf('nomination', {
		nomination: { phase: 'vote', voteMethod: 'single', scope: 'none', ...settings }
	});

describe('proposals', () => {
	it('accepts proposals only during the proposal phase', () => {
		expect(checkCanPropose(nomination({ phase: 'proposal' }))).toEqual({ ok: true });
		expect(checkCanPropose(nomination({ phase: 'vote' }))).toEqual({
			ok: false,
			code: 'nomination_not_proposal_phase'
		});
		expect(checkCanPropose(pollOf('single'))).toMatchObject({ ok: false });
	});

	it('trims names and refuses a blank one with proposal_name_required', () => {
		expect(proposal('1', '  Aïssa   Moussa ', ' Zaria ').name).toBe('Aïssa Moussa');
		expect(proposal('1', 'A', ' Zaria ').quartier).toBe('Zaria');
		expect(
			createProposal({ id: '2', name: '   ', reason: '', proposerId: 'm', quartier: null })
		).toEqual({
			ok: false,
			code: 'proposal_name_required'
		});
	});

	it('suggests as duplicates the same name typed with other accents, case or spacing in one quartier', () => {
		expect(nameKey('Aïssa  MOUSSA')).toBe(nameKey('aissa moussa'));
		const list = [
			proposal('1', 'Aïssa Moussa', 'Zaria'),
			proposal('2', 'aissa  moussa', 'Zaria'),
			proposal('3', 'Aïssa Moussa', 'Dan Goulbi'),
			proposal('4', 'Ibrahim Sani', 'Zaria')
		];
		expect(suggestDuplicates(list)).toEqual([['1', '2']]);
	});

	it('merges a duplicate into another proposal, whose support and reasons now count both', () => {
		const list = [
			proposal('1', 'Aïssa Moussa', 'Zaria', 'Organise le nettoyage du marché'),
			proposal('2', 'Aissa Moussa', 'Zaria', 'Aide les élèves'),
			proposal('3', 'Ibrahim Sani', 'Zaria')
		];
		const merged = mergeProposals(list, '2', '1');
		if (!merged.ok) throw new Error(merged.code);
		expect(candidates(merged.proposals)).toEqual([
			{
				proposalId: '1',
				name: 'Aïssa Moussa',
				quartier: 'Zaria',
				support: 2,
				reasons: ['Organise le nettoyage du marché', 'Aide les élèves']
			},
			{ proposalId: '3', name: 'Ibrahim Sani', quartier: 'Zaria', support: 1, reasons: [] }
		]);
	});

	it('moves the proposals merged into B along when B is merged into A', () => {
		let list = [proposal('a', 'X', null), proposal('b', 'X.', null), proposal('c', 'x', null)];
		for (const [from, into] of [
			['c', 'b'],
			['b', 'a']
		]) {
			const r = mergeProposals(list, from, into);
			if (!r.ok) throw new Error(r.code);
			list = r.proposals;
		}
		expect(list.map((p) => p.mergedInto)).toEqual([null, 'a', 'a']);
		expect(candidates(list)[0].support).toBe(3);
	});

	it('refuses to merge a proposal into itself, into a merged one, or one that does not exist', () => {
		const list = [proposal('1', 'A', null), proposal('2', 'B', null)];
		expect(mergeProposals(list, '1', '1')).toMatchObject({ code: 'proposal_merge_self' });
		expect(mergeProposals(list, '1', '9')).toMatchObject({ code: 'proposal_not_found' });
		const merged = mergeProposals(list, '2', '1');
		if (!merged.ok) throw new Error(merged.code);
		expect(mergeProposals(merged.proposals, '1', '2')).toMatchObject({
			code: 'proposal_already_merged'
		});
	});
});

describe('shortlist', () => {
	const list = [
		proposal('1', 'Aïssa Moussa', 'Zaria'),
		proposal('2', 'Ibrahim Sani', 'Zaria'),
		proposal('3', 'Fati Issa', 'Dan Goulbi')
	];

	it('turns shortlisted proposals into the options of the vote phase', () => {
		expect(shortlistToOptions(list, ['1', '3'], 'none')).toEqual({
			ok: true,
			options: [
				{ label: 'Aïssa Moussa', proposalId: '1' },
				{ label: 'Fati Issa', proposalId: '3' }
			]
		});
	});

	it('keeps each candidate’s quartier when the nomination is scoped by quartier', () => {
		const result = shortlistToOptions(list, ['1', '2', '3'], 'quartier');
		expect(result.ok && result.options.map((o) => o.quartier)).toEqual([
			'Zaria',
			'Zaria',
			'Dan Goulbi'
		]);
	});

	it('refuses a shortlist of one name for a vote that is not scoped by quartier', () => {
		expect(shortlistToOptions(list, ['1'], 'none')).toEqual({
			ok: false,
			code: 'shortlist_too_short'
		});
		expect(shortlistToOptions(list, ['3'], 'quartier').ok).toBe(true);
	});

	it('refuses an unknown or merged proposal on the shortlist', () => {
		expect(shortlistToOptions(list, ['1', '7'], 'none')).toMatchObject({
			code: 'proposal_not_found'
		});
		const merged = mergeProposals(list, '2', '1');
		if (!merged.ok) throw new Error(merged.code);
		expect(shortlistToOptions(merged.proposals, ['1', '2'], 'none')).toMatchObject({
			code: 'proposal_already_merged'
		});
	});
});

describe('vote by quartier', () => {
	const options: PollOption[] = [
		{ id: 'aissa', label: 'Aïssa Moussa', quartier: 'Zaria' },
		{ id: 'ibrahim', label: 'Ibrahim Sani', quartier: 'Zaria' },
		{ id: 'fati', label: 'Fati Issa', quartier: 'Dan Goulbi' },
		{ id: 'moussa', label: 'Moussa Ali', quartier: 'Dan Goulbi' }
	];
	const poll = nomination({ scope: 'quartier' });

	it('lets a member choose only among the candidates of their own quartier', () => {
		const mine = optionsForVoter(poll, options, 'Zaria');
		expect(mine.map((o) => o.id)).toEqual(['aissa', 'ibrahim']);
		expect(validateChoice(poll, mine, { optionId: 'fati' })).toMatchObject({
			code: 'unknown_option'
		});
		expect(optionsForVoter(poll, options, null)).toEqual([]);
		expect(optionsForVoter(nomination({}), options, 'Zaria')).toHaveLength(4);
	});

	it('names one winner per quartier from that quartier’s ballots', () => {
		const results = tallyByQuartier(poll, options, {
			Zaria: [...times(3, { optionId: 'ibrahim' }), { optionId: 'aissa' }],
			'Dan Goulbi': [{ optionId: 'fati' }, { optionId: 'moussa' }]
		});
		expect(results.Zaria.options.map((o) => o.id)).toEqual(['aissa', 'ibrahim']);
		expect(winnersByQuartier(results)).toEqual({ Zaria: 'ibrahim', 'Dan Goulbi': null });
	});

	it('tallies a quartier nobody voted in as having no winner', () => {
		const results = tallyByQuartier(poll, options, { Zaria: [{ optionId: 'aissa' }] });
		expect(winnersByQuartier(results)).toEqual({ Zaria: 'aissa', 'Dan Goulbi': null });
	});

	it('votes per quartier with a ranked method too', () => {
		const ranked = nomination({ scope: 'quartier', voteMethod: 'ranked' });
		const results = tallyByQuartier(ranked, options, {
			Zaria: [{ ranking: ['aissa', 'ibrahim'] }, { ranking: ['aissa'] }],
			'Dan Goulbi': [{ ranking: ['moussa'] }]
		});
		expect(winnersByQuartier(results)).toEqual({ Zaria: 'aissa', 'Dan Goulbi': 'moussa' });
	});
});
