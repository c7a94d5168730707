import { describe, expect, it } from 'vitest';
import { pickLocale, translate } from '../../src/lib/server/i18n';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../src/lib/domain/locales';
import * as messages from '../../src/lib/paraglide/messages.js';

describe('languages', () => {
	it('picks Hausa, Wolof and Zarma from the cookie or the browser, like French and English', () => {
		expect(pickLocale('ha', 'fr')).toBe('ha');
		expect(pickLocale(undefined, 'ha')).toBe('ha');
		expect(pickLocale(undefined, 'wo-SN,fr;q=0.8')).toBe('wo');
		expect(pickLocale(undefined, 'dje')).toBe('dje');
		expect(pickLocale(undefined, 'de-DE,en;q=0.5')).toBe('en');
		expect(pickLocale('xx', 'zz')).toBe('fr');
		expect(isLocale('dje')).toBe(true);
		expect(isLocale('ff')).toBe(false);
	});

	it('names every language in itself', () => {
		expect(LOCALES.map((l) => LOCALE_NAMES[l])).toEqual([
			'Français',
			'English',
			'Hausa',
			'Wolof',
			'Zarmaciine'
		]);
	});

	it('shows French, never English, for a message a language has not translated', () => {
		// The agenda editor is a facilitator screen: not translated into Hausa.
		expect(translate('agenda_title', 'ha')).toBe(translate('agenda_title', 'fr'));
		expect(translate('agenda_title', 'ha')).not.toBe(translate('agenda_title', 'en'));
		const compiled = (messages as unknown as Record<string, (p: object, o: object) => string>)
			.agenda_title;
		expect(compiled({}, { locale: 'dje' })).toBe(compiled({}, { locale: 'fr' }));
	});

	it('chooses a plural variant by the language’s own rules', () => {
		const one = translate('vote_hint_dots', 'ha', { dots: 1 });
		const many = translate('vote_hint_dots', 'ha', { dots: 3 });
		expect(one).not.toBe(many);
		expect(many).toContain('3');
		// Wolof and Zarma write one form for every number.
		expect(translate('vote_hint_dots', 'wo', { dots: 1 })).toContain('1');
		expect(translate('vote_hint_dots', 'dje', { dots: 5 })).toContain('5');
	});
});
