import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	AGENDA_ERROR_MESSAGE_KEYS,
	ROUND_KIND_MESSAGE_KEYS,
	agendaPutSchema
} from '../../src/lib/domain/agenda';
import {
	AGENDA_TEMPLATES,
	materializeTemplate,
	templateMessageKeys
} from '../../src/lib/domain/agenda-templates';
import {
	TIMER_ERROR_MESSAGE_KEYS,
	TIMER_STATE_MESSAGE_KEYS
} from '../../src/lib/domain/timer-state';
import {
	QUEUE_ERROR_MESSAGE_KEYS,
	REACTION_MESSAGE_KEYS
} from '../../src/lib/domain/speaking-queue';
import {
	SUPPRESSED_MESSAGE_KEY,
	SUPPRESSED_NOTE_MESSAGE_KEY
} from '../../src/lib/domain/inclusion-stats';

/** Simple messages are strings; those with plural variants are arrays (see `placeholders`). */
function catalog(locale: 'fr' | 'en'): Record<string, string> {
	const url = new URL(`../../src/messages/agenda/${locale}.json`, import.meta.url);
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(url, 'utf8'));
	return messages;
}

describe('templates and messages', () => {
	it('every workshop kind has a template that materializes into a valid agenda', () => {
		const fr = catalog('fr');
		for (const template of Object.values(AGENDA_TEMPLATES)) {
			const agenda = materializeTemplate(template, (key) => fr[key] ?? key);
			expect(agendaPutSchema.safeParse(agenda).success).toBe(true);
			expect(agenda.every((round) => !round.title.startsWith('agenda_'))).toBe(true);
		}
	});

	it('the Collaborathon template fills a working day', () => {
		const seconds = AGENDA_TEMPLATES.collaborathon.rounds.reduce(
			(s, r) => s + r.durationSeconds,
			0
		);
		expect(seconds / 3600).toBeGreaterThanOrEqual(6.5);
		expect(seconds / 3600).toBeLessThanOrEqual(9);
	});

	it('the hackathon template follows empathy, ideation, prototype, showcase in that order', () => {
		const steps = AGENDA_TEMPLATES.hackathon.rounds.map((r) =>
			r.titleKey.replace('agenda_tpl_hackathon_', '')
		);
		const order = ['empathy', 'ideation', 'prototype', 'showcase'].map((s) => steps.indexOf(s));
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('French and English catalogs have the same keys, all in the agenda namespace', () => {
		const fr = catalog('fr');
		const en = catalog('en');
		expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
		// A message with plural variants is an array: its placeholders are those of every variant.
		const placeholders = (message: unknown) => [
			...new Set(JSON.stringify(message ?? '').match(/\{\w+\}/g) ?? [])
		];
		for (const [key, message] of Object.entries(fr)) {
			expect(key).toMatch(/^agenda_[a-z0-9_]+$/);
			expect(JSON.stringify(message).length).toBeGreaterThan(2);
			// Placeholders must be the same in both languages.
			expect(placeholders(en[key]).sort()).toEqual(placeholders(message).sort());
		}
	});

	it('every message key used by the domain exists in both catalogs', () => {
		const used = [
			...templateMessageKeys(),
			...Object.values(ROUND_KIND_MESSAGE_KEYS),
			...Object.values(TIMER_ERROR_MESSAGE_KEYS),
			...Object.values(TIMER_STATE_MESSAGE_KEYS),
			...Object.values(AGENDA_ERROR_MESSAGE_KEYS),
			...Object.values(QUEUE_ERROR_MESSAGE_KEYS),
			...Object.values(REACTION_MESSAGE_KEYS),
			SUPPRESSED_MESSAGE_KEY,
			SUPPRESSED_NOTE_MESSAGE_KEY
		];
		for (const locale of ['fr', 'en'] as const) {
			const messages = catalog(locale);
			expect(used.filter((key) => !(key in messages))).toEqual([]);
		}
		expect(catalog('fr')[SUPPRESSED_MESSAGE_KEY]).toBe('< 5');
	});
});
