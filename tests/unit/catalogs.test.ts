import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../src/lib/protocol/errors';

const root = path.resolve(import.meta.dirname, '../../src/messages');
const areas = fs.readdirSync(root);

function load(area: string, locale: string): Record<string, string> {
	const data = JSON.parse(fs.readFileSync(path.join(root, area, `${locale}.json`), 'utf8'));
	delete data.$schema;
	return data;
}

function placeholders(text: string): string[] {
	return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('message catalogs', () => {
	it('have the same keys in French and English in every area, with the same placeholders', () => {
		for (const area of areas) {
			const fr = load(area, 'fr');
			const en = load(area, 'en');
			expect(Object.keys(en).sort(), area).toEqual(Object.keys(fr).sort());
			for (const key of Object.keys(fr)) {
				expect(placeholders(en[key]), `${area}/${key}`).toEqual(placeholders(fr[key]));
				expect(fr[key].trim(), `${area}/${key}`).not.toBe('');
			}
		}
	});

	it('never define one key in two areas', () => {
		const seen = new Map<string, string>();
		for (const area of areas) {
			for (const key of Object.keys(load(area, 'fr'))) {
				expect(seen.get(key), `${key} in ${area}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});

	it('translate every error code the server can send', () => {
		const fr = Object.assign({}, ...areas.map((a) => load(a, 'fr')));
		for (const code of Object.keys(ERROR_STATUS)) {
			expect(fr[`error_${code}`], code).toBeTruthy();
		}
	});
});
