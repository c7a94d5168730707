import { describe, expect, it } from 'vitest';
import {
	choiceFromPicks,
	fitSms,
	gsm7Length,
	isGsm7,
	parseSmsCommand,
	pollListingSms,
	toGsm7,
	ussdInputs,
	ussdPicks
} from '../../src/lib/domain/sms-commands';

describe('SMS commands', () => {
	it('reads a join: the code as projected, then the name', () => {
		expect(parseSmsCommand('K7MX4P Awa Diallo')).toEqual({
			kind: 'join',
			code: 'K7MX4P',
			name: 'Awa Diallo'
		});
		expect(parseSmsCommand(' k7m-x4p  Awa ')).toEqual({
			kind: 'join',
			code: 'K7MX4P',
			name: 'Awa'
		});
		expect(parseSmsCommand('K7M X4P Awa')).toEqual({ kind: 'join', code: 'K7MX4P', name: 'Awa' });
		expect(parseSmsCommand('K7MX4P')).toEqual({ kind: 'join', code: 'K7MX4P', name: '' });
	});

	it('reads ballots with numbers or letters, in the order given', () => {
		expect(parseSmsCommand('1')).toEqual({ kind: 'ballot', picks: [1] });
		expect(parseSmsCommand('2 3')).toEqual({ kind: 'ballot', picks: [2, 3] });
		expect(parseSmsCommand('A C B')).toEqual({ kind: 'ballot', picks: [1, 3, 2] });
		expect(parseSmsCommand('b,a, c')).toEqual({ kind: 'ballot', picks: [2, 1, 3] });
		expect(parseSmsCommand('12')).toEqual({ kind: 'ballot', picks: [12] });
	});

	it('answers help in the language asked, and anything else with help', () => {
		expect(parseSmsCommand('AIDE')).toEqual({ kind: 'help', locale: 'fr' });
		expect(parseSmsCommand('help')).toEqual({ kind: 'help', locale: 'en' });
		expect(parseSmsCommand('Taimako')).toEqual({ kind: 'help', locale: 'ha' });
		expect(parseSmsCommand('NDIMBAL')).toEqual({ kind: 'help', locale: 'wo' });
		expect(parseSmsCommand('gaakasinay')).toEqual({ kind: 'help', locale: 'dje' });
		expect(parseSmsCommand('   ')).toEqual({ kind: 'help', locale: null });
		expect(parseSmsCommand('bonjour tout le monde')).toEqual({ kind: 'unknown' });
		expect(parseSmsCommand('ABC')).toEqual({ kind: 'unknown' });
	});

	it('makes each method its ballot from the listing positions', () => {
		const ids = ['o1', 'o2', 'o3'];
		expect(choiceFromPicks('single', ids, [2])).toEqual({ ok: true, choice: { optionId: 'o2' } });
		expect(choiceFromPicks('consent', ids, [1])).toEqual({ ok: true, choice: { optionId: 'o1' } });
		expect(choiceFromPicks('multiple', ids, [2, 3])).toEqual({
			ok: true,
			choice: { optionIds: ['o2', 'o3'] }
		});
		expect(choiceFromPicks('ranked', ids, [1, 3, 2])).toEqual({
			ok: true,
			choice: { ranking: ['o1', 'o3', 'o2'] }
		});
		expect(choiceFromPicks('single', ids, [1, 2])).toEqual({ ok: false, code: 'one_pick_only' });
		expect(choiceFromPicks('single', ids, [4])).toEqual({ ok: false, code: 'pick_out_of_range' });
		expect(choiceFromPicks('score', ids, [1])).toEqual({ ok: false, code: 'unsupported_method' });
		expect(choiceFromPicks(null, ids, [1])).toEqual({ ok: false, code: 'unsupported_method' });
	});
});

describe('GSM-7', () => {
	it('keeps what GSM-7 has, gives French signs and accents their stand-ins', () => {
		expect(toGsm7('Élève à côté, ça va ?')).toEqual({
			text: 'Élève à coté, ca va ?',
			replaced: []
		});
		expect(toGsm7('«\u00a0Eau\u00a0» — l’école…').text).toBe('" Eau " - l\'école...');
		expect(toGsm7('œuvre animateur·rice').text).toBe('oeuvre animateur.rice');
	});

	it('writes Hausa, Wolof and Zarma letters with their nearest GSM-7 letter', () => {
		expect(toGsm7('ɗan ƙasa ɓarna ƴaƴa').text).toBe('dan kasa barna yaya');
		expect(toGsm7('Ñaari góor ñëw').text).toBe('Ñaari goor ñew');
		expect(toGsm7('ŋwaari').text).toBe('ngwaari');
	});

	it('marks what has no stand-in with ? and reports it', () => {
		const out = toGsm7('Vote 🗳 مرحبا');
		expect(out.text).toBe('Vote ? ?????');
		expect(out.replaced).toHaveLength(6);
		expect(isGsm7(out.text)).toBe(true);
	});

	it('counts extension characters twice and fits one SMS', () => {
		expect(gsm7Length('a€[')).toBe(5);
		const long = fitSms('x'.repeat(200) + ' €');
		expect(gsm7Length(long)).toBeLessThanOrEqual(160);
		expect(long.endsWith('...')).toBe(true);
		expect(fitSms('Merci\u202f!')).toBe('Merci !');
	});

	it('lists every option of a long poll within 160 characters, numbers kept', () => {
		const labels = Array.from(
			{ length: 8 },
			(_, i) => `Option très longue numéro ${i + 1} sur la santé`
		);
		const sms = pollListingSms(
			({ question, listing }) => `${question} ${listing}. Répondez par un numéro.`,
			'Quel thème pour la conférence régionale de Maradi sur les services publics ?',
			labels
		);
		expect(gsm7Length(sms)).toBeLessThanOrEqual(160);
		expect(isGsm7(sms)).toBe(true);
		for (let i = 1; i <= 8; i++) expect(sms).toContain(`${i} `);
		expect(sms).toContain('Répondez par un numéro.');
	});
});

describe('USSD inputs', () => {
	it('splits the session text and reads a keypad ballot', () => {
		expect(ussdInputs('')).toEqual([]);
		expect(ussdInputs('1*2')).toEqual(['1', '2']);
		expect(ussdPicks('single', '12')).toEqual([12]);
		expect(ussdPicks('ranked', '312')).toEqual([3, 1, 2]);
		expect(ussdPicks('multiple', '13')).toEqual([1, 3]);
		expect(ussdPicks('single', '1#')).toBeNull();
	});
});
