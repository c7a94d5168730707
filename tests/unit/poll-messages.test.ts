import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	CONSENT_MESSAGE_KEYS,
	MJ_GRADE_MESSAGE_KEYS,
	POLL_METHOD_MESSAGE_KEYS,
	VOTE_ERROR_CODES,
	VOTE_ERROR_MESSAGE_KEYS
} from '../../src/lib/domain/poll-types';

const catalog = (locale: string): Record<string, string | unknown[]> =>
	JSON.parse(
		readFileSync(new URL(`../../src/messages/votes/${locale}.json`, import.meta.url), 'utf8')
	);
const fr = catalog('fr');
const en = catalog('en');
const keys = (messages: Record<string, unknown>) =>
	Object.keys(messages).filter((k) => k !== '$schema');
/** Placeholders of a message, simple or with plural variants (every variant's text counts). */
const placeholders = (message: unknown) =>
	[...new Set([...JSON.stringify(message).matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

/** The params `validateChoice` returns with these codes; every other error message has none. */
const ERROR_PARAMS: Record<string, string[]> = {
	too_many_choices: ['max'],
	dots_exceeded: ['max'],
	score_out_of_range: ['max']
};

describe('vote messages', () => {
	it('translates every error code in French and in English', () => {
		for (const code of VOTE_ERROR_CODES) {
			const key = VOTE_ERROR_MESSAGE_KEYS[code];
			expect(fr[key], `fr ${key}`).toBeTruthy();
			expect(en[key], `en ${key}`).toBeTruthy();
		}
	});

	it('maps every error code to its own message key', () => {
		const mapped = VOTE_ERROR_CODES.map((code) => VOTE_ERROR_MESSAGE_KEYS[code]);
		expect(new Set(mapped).size).toBe(VOTE_ERROR_CODES.length);
		expect(VOTE_ERROR_MESSAGE_KEYS['poll.too_many_choices']).toBe(
			'vote_error_poll_too_many_choices'
		);
		expect(VOTE_ERROR_MESSAGE_KEYS.too_many_choices).toBe('vote_error_too_many_choices');
	});

	it('has the same keys in both languages, all starting with vote_', () => {
		expect(keys(en).sort()).toEqual(keys(fr).sort());
		for (const key of keys(fr)) expect(key).toMatch(/^vote_[a-z0-9_]+$/);
	});

	it('uses the same placeholders in both languages', () => {
		for (const key of keys(fr)) expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
	});

	it('asks error messages only for the params the domain supplies', () => {
		for (const code of VOTE_ERROR_CODES) {
			const allowed = ERROR_PARAMS[code] ?? [];
			for (const name of placeholders(fr[VOTE_ERROR_MESSAGE_KEYS[code]]))
				expect(allowed).toContain(name);
		}
	});

	it('names every method, grade and consent answer the screens show', () => {
		for (const key of [
			...Object.values(POLL_METHOD_MESSAGE_KEYS),
			...Object.values(MJ_GRADE_MESSAGE_KEYS),
			...Object.values(CONSENT_MESSAGE_KEYS),
			'vote_participation'
		]) {
			expect(fr[key], key).toBeTruthy();
			expect(en[key], key).toBeTruthy();
		}
		expect(fr.vote_participation).toBe('{voted} / {eligible} ont voté');
		expect(fr.vote_grade_reject).toBe('À rejeter');
	});
});
