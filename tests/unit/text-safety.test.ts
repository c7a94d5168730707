import { describe, expect, it } from 'vitest';
import { controlCharacterPath, isPlainText, singleLine } from '../../src/lib/domain/text-safety';

describe('control characters in typed text', () => {
	it('finds a NUL byte or another control character anywhere in an input, keys included', () => {
		expect(controlCharacterPath({ title: 'Charte\u0000' })).toBe('title');
		expect(controlCharacterPath({ options: [{ label: 'ok' }, { label: 'a\u0007' }] })).toBe(
			'options.1.label'
		);
		expect(controlCharacterPath({ counts: { ['q\u0000']: 1 } })).toBe('counts.q?');
		expect(controlCharacterPath('\u009b')).toBe('body');
		expect(controlCharacterPath({ n: 1, ok: true, none: null })).toBeNull();
	});

	it('keeps tabs and line breaks in multi-line text, and French and Hausa letters everywhere', () => {
		expect(controlCharacterPath({ body: 'Article 1\n\tAlinéa\r\n' })).toBeNull();
		expect(isPlainText('Ɗan ƙasa ɓangare — « Charte »')).toBe(true);
		expect(isPlainText('ligne\nligne', { multiline: true })).toBe(true);
	});

	it('refuses line breaks and tabs in single-line fields', () => {
		expect(singleLine('Atelier de Maradi')).toBe(true);
		expect(singleLine('Atelier\nde Maradi')).toBe(false);
		expect(singleLine('Atelier\tde Maradi')).toBe(false);
	});
});
