// The opinion map's refusals reach a phone in its language with their own reason, not the
// generic « conflict » message: `opinion_closed` reads `opinion_error_closed`.
import { describe, expect, it } from 'vitest';
import { wireError } from '../../src/lib/server/i18n';

describe('opinion map refusals', () => {
	it('are translated from their own message, in French and in English', () => {
		const fr = wireError('conflict', 'fr', { params: { reason: 'opinion_closed' } });
		expect(fr.message).toContain('La carte des opinions est fermée');
		expect(fr.reason).toBe('opinion_closed');
		const en = wireError('validation', 'en', {
			field: 'documentId',
			params: { reason: 'opinion_promote_target' }
		});
		expect(en.message).toBe(
			'Choose a charter (and the article to amend) or an action plan of this workshop.'
		);
	});

	it('fall back to the generic message for a code without its own', () => {
		const error = wireError('conflict', 'fr', { params: { reason: 'opinion_unknown_thing' } });
		expect(error.reason).toBeUndefined();
		expect(error.message.length).toBeGreaterThan(0);
	});
});
