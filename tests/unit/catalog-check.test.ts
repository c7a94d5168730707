import { describe, expect, it } from 'vitest';
import { checkCatalog, checkMessage, type Message } from '../../src/lib/domain/catalog-check';
import { coverageOf } from '../../src/lib/domain/catalog-coverage';

const plural = (match: Record<string, string>): Message => [
	{
		declarations: ['input count', 'local countPlural = count: plural'],
		selectors: ['countPlural'],
		match
	}
];
const codes = (issues: { code: string; level: string }[]) =>
	issues.map((i) => `${i.level}:${i.code}`);

describe('the translation checker', () => {
	it('accepts a faithful translation', () => {
		expect(checkMessage('join_title', 'Rejoindre « {title} »', 'Shiga “{title}”', 'ha')).toEqual(
			[]
		);
		const fr = plural({ 'countPlural=one': '{count} vote', 'countPlural=*': '{count} votes' });
		expect(
			checkMessage(
				'n',
				fr,
				plural({ 'countPlural=one': 'Ƙuri’a {count}', 'countPlural=*': 'Ƙuri’u {count}' }),
				'ha'
			)
		).toEqual([]);
		expect(checkMessage('n', fr, plural({ 'countPlural=*': '{count} wote' }), 'wo')).toEqual([]);
	});

	it('refuses a missing or renamed placeholder, an empty text and an unknown key', () => {
		expect(codes(checkMessage('k', 'Bonjour {name}', 'Sannu', 'ha'))).toEqual([
			'error:placeholders'
		]);
		expect(codes(checkMessage('k', 'Bonjour {name}', 'Sannu {suna}', 'ha'))).toContain(
			'error:placeholders'
		);
		expect(codes(checkMessage('k', 'Bonjour', '  ', 'ha'))).toContain('error:empty');
		expect(codes(checkMessage('k', undefined, 'Sannu', 'ha'))).toEqual(['error:unknown_key']);
	});

	it('refuses a plural without =* and a category the language does not have', () => {
		const fr = plural({ 'countPlural=one': '{count} vote', 'countPlural=*': '{count} votes' });
		expect(codes(checkMessage('n', fr, plural({ 'countPlural=one': '{count}' }), 'ha'))).toContain(
			'error:catch_all_missing'
		);
		expect(
			codes(
				checkMessage(
					'n',
					fr,
					plural({ 'countPlural=one': '{count}', 'countPlural=*': '{count}' }),
					'dje'
				)
			)
		).toEqual(['error:plural_category']);
		expect(
			codes(
				checkMessage(
					'n',
					fr,
					plural({ 'countPlural=many': '{count}', 'countPlural=*': '{count}' }),
					'ha'
				)
			)
		).toEqual(['error:plural_category']);
	});

	it('warns on a label over 1.6× the French, refuses one over 2.5× and 30 characters, not a sentence', () => {
		expect(codes(checkMessage('k', 'Voter', 'Jefa ƙuri’a', 'ha'))).toEqual(['warning:too_long']);
		expect(
			codes(checkMessage('k', 'Envoyer', 'Aika wannan saƙon zuwa ga kowa da kowa', 'ha'))
		).toEqual(['error:too_long']);
		expect(
			checkMessage('k', 'Quorum invalide.', 'Adadin da ake buƙata (quorum) ba daidai ba ne.', 'ha')
		).toEqual([]);
	});

	it('keeps SMS replies to GSM-7 letters and one SMS', () => {
		expect(
			codes(checkMessage('sms_joined', 'Bienvenue {name} !', 'Barka da zuwa {name}!', 'ha'))
		).toEqual([]);
		expect(
			codes(checkMessage('sms_joined', 'Bienvenue {name} !', 'Barka ɗa zuwa {name}!', 'ha'))
		).toEqual(['error:sms_not_gsm7']);
		// Typographic signs are swapped by the SMS service: not an error.
		expect(
			checkMessage('sms_joined', 'Bienvenue {name} !', 'Dalal ak jàmm {name} — ’', 'wo')
		).toEqual([]);
		expect(codes(checkMessage('sms_help_guest', 'Aide', 'a'.repeat(161), 'wo'))).toEqual([
			'error:sms_too_long'
		]);
	});

	it('wants a review status for exactly the translated keys', () => {
		const fr = { a: 'A', b: 'B' };
		expect(codes(checkCatalog(fr, { a: 'X' }, { a: 'needs-review', b: 'reviewed' }, 'wo'))).toEqual(
			['error:unknown_key']
		);
		expect(codes(checkCatalog(fr, { a: 'X' }, {}, 'wo'))).toEqual(['error:shape']);
	});

	it('computes coverage of the participant keys and whether anything still shows French', () => {
		const french = { core: { a: 'A', b: 'B', c: 'C' } };
		const manifest = { core: ['a', 'b'] };
		expect(
			coverageOf(
				'ha',
				manifest,
				french,
				{ core: { a: 'X', b: 'Y' } },
				{ core: { a: 'reviewed', b: 'needs-review' } }
			)
		).toEqual({
			total: 2,
			translated: 2,
			reviewed: 1,
			percent: 100,
			partial: true
		});
		expect(coverageOf('wo', manifest, french, { core: { a: 'X' } }, { core: {} }).percent).toBe(50);
		expect(
			coverageOf('en', manifest, french, { core: { a: 'X', b: 'Y', c: 'Z' } }, null).partial
		).toBe(false);
		expect(coverageOf('fr', manifest, french, french, null).partial).toBe(false);
	});
});
