import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	appendActions,
	readActions,
	readActionsFromState
} from '../../src/lib/server/plans/read-plan';
import { budgetTotals, validateAction } from '../../src/lib/domain/action-plan';

describe('action plan layout', () => {
	it('reads back what was written, through a second Yjs client', () => {
		const doc = new Y.Doc();
		appendActions(doc, [
			{
				id: 'a1',
				title: 'Forage au quartier Sabon Gari',
				description: 'Deux forages\nun comité',
				budget: 1_500_000,
				axis: 'Eau',
				funding: 'Commune',
				start: '2027-01-10',
				deadline: '2027-06-30'
			},
			{
				id: 'a2',
				title: 'Éclairage public',
				budget: 800_000,
				axis: 'Eau',
				funding: 'ANFICT',
				priority: 'high'
			}
		]);
		const actions = readActionsFromState(Y.encodeStateAsUpdate(doc));
		expect(actions.map((a) => a.title)).toEqual([
			'Forage au quartier Sabon Gari',
			'Éclairage public'
		]);
		expect(actions[0]).toMatchObject({
			description: 'Deux forages\nun comité',
			budget: 1_500_000,
			currency: 'FCFA',
			status: 'not_started',
			priority: ''
		});
		expect(actions[1].priority).toBe('high');
		const totals = budgetTotals(actions);
		expect(totals.total.FCFA).toBe(2_300_000);
		expect(totals.byAxis.Eau.FCFA).toBe(2_300_000);
		expect(totals.byFunding.ANFICT.FCFA).toBe(800_000);
	});

	it('skips maps without an id and reads wrong types as empty', () => {
		const doc = new Y.Doc();
		const bad = new Y.Map<unknown>();
		bad.set('title', 'no id');
		const odd = new Y.Map<unknown>();
		odd.set('id', 'x');
		odd.set('budget', '1 200 000');
		odd.set('status', 'weird');
		doc.getArray('actions').push([bad, odd]);
		const [action, ...rest] = readActions(doc);
		expect(rest).toEqual([]);
		expect(action).toMatchObject({ id: 'x', title: '', budget: 1_200_000, status: 'not_started' });
	});

	it('validates at the edge without refusing anything', () => {
		expect(
			validateAction({ title: ' ', budget: null, start: '2027-03-01', deadline: '2027-02-01' })
		).toEqual([
			{ field: 'title', problem: 'title_required' },
			{ field: 'deadline', problem: 'deadline_before_start' }
		]);
		expect(
			validateAction({ title: 'x', budget: null, start: '2027-02-30', deadline: '' }, '12,5')
		).toEqual([
			{ field: 'budget', problem: 'budget_not_integer' },
			{ field: 'start', problem: 'date_invalid' }
		]);
		expect(validateAction({ title: 'x', budget: -5, start: '', deadline: '' }, -5)).toEqual([
			{ field: 'budget', problem: 'budget_negative' }
		]);
	});
});
