import { describe, expect, it } from 'vitest';
import {
	charterSettingsSchema,
	charterVoteSchema,
	proposeAmendmentSchema
} from '../../src/lib/domain/charter-schemas';
import { consentCounts } from '../../src/lib/server/services/charter-votes';

const firstField = (schema: typeof proposeAmendmentSchema, input: unknown) => {
	const result = schema.safeParse(input);
	return result.success ? null : result.error.issues[0]?.path.join('.');
};

describe('charter input schemas', () => {
	it('ask each kind of amendment for exactly the fields it uses', () => {
		expect(firstField(proposeAmendmentSchema, { kind: 'replace', passage: 'a', text: 'b' })).toBe(
			null
		);
		expect(firstField(proposeAmendmentSchema, { kind: 'replace', passage: 'a' })).toBe('text');
		expect(firstField(proposeAmendmentSchema, { kind: 'add', text: 'b' })).toBe(null);
		expect(firstField(proposeAmendmentSchema, { kind: 'add', passage: 'a', text: 'b' })).toBe(null);
		expect(firstField(proposeAmendmentSchema, { kind: 'add', passage: 'a' })).toBe('text');
		expect(firstField(proposeAmendmentSchema, { kind: 'delete', passage: 'a' })).toBe(null);
		expect(firstField(proposeAmendmentSchema, { kind: 'delete', passage: 'a', text: 'b' })).toBe(
			'text'
		);
		expect(firstField(proposeAmendmentSchema, { kind: 'rewrite', text: 'b\nc' })).toBe(null);
		expect(firstField(proposeAmendmentSchema, { kind: 'rewrite', passage: 'a', text: 'b' })).toBe(
			'passage'
		);
	});

	it('refuse a passage over two lines, blank text and oversized fields', () => {
		expect(firstField(proposeAmendmentSchema, { kind: 'delete', passage: 'a\nb' })).toBe('passage');
		expect(firstField(proposeAmendmentSchema, { kind: 'add', text: '   ' })).toBe('text');
		expect(
			firstField(proposeAmendmentSchema, {
				kind: 'add',
				text: 'x',
				justification: 'j'.repeat(1001)
			})
		).toBe('justification');
		expect(charterVoteSchema.safeParse({ closesInSeconds: 0 }).success).toBe(false);
		expect(charterVoteSchema.safeParse({ amendmentId: 'pas-un-uuid' }).success).toBe(false);
		expect(charterSettingsSchema.safeParse({}).success).toBe(false);
		expect(charterSettingsSchema.safeParse({ quorum: null }).success).toBe(true);
	});
});

describe('consent tallies of a charter vote', () => {
	it('are read by the options’ consent keys, whatever their order', () => {
		const options = [
			{ id: 'c', label: 'Abstention', consent: 'abstain' as const },
			{ id: 'a', label: 'Pour', consent: 'for' as const },
			{ id: 'b', label: 'Contre', consent: 'against' as const }
		];
		const result = {
			method: 'consent' as const,
			totalBallots: 46,
			options: [
				{ id: 'a', label: 'Pour', count: 41 },
				{ id: 'b', label: 'Contre', count: 3 },
				{ id: 'c', label: 'Abstention', count: 2 }
			],
			quorumMet: true,
			bySource: []
		};
		expect(consentCounts(result, options)).toEqual({ for: 41, against: 3, abstain: 2 });
	});
});
