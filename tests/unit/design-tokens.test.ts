import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../src/lib/components/ui/contrast';

const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../src/app.css'), 'utf8');
const tokens = Object.fromEntries(
	[...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1], m[2]])
);

// Every text colour the design system puts on a background (components in src/lib/components/ui).
const TEXT_PAIRS: [string, string][] = [
	['ink', 'paper'],
	['muted', 'paper'],
	['muted', 'surface'],
	['bark', 'paper'],
	['bark', 'surface'],
	['bark', 'bark-soft'],
	['bark-strong', 'bark-soft'],
	['ink', 'bark-soft'],
	['leaf-strong', 'leaf-soft'],
	['info', 'info-soft'],
	['warn', 'warn-soft'],
	['danger', 'danger-soft'],
	['danger', 'paper'],
	['ink', 'info-soft'],
	['ink', 'leaf-soft'],
	['ink', 'warn-soft'],
	['ink', 'danger-soft']
];

describe('design tokens', () => {
	it.each(TEXT_PAIRS)('text in --%s on --%s reaches WCAG AA (4.5:1)', (fg, bg) => {
		expect(tokens[fg], fg).toBeDefined();
		expect(tokens[bg], bg).toBeDefined();
		expect(contrastRatio(tokens[fg], tokens[bg])).toBeGreaterThanOrEqual(4.5);
	});

	it.each(['leaf', 'leaf-strong', 'danger', 'bark'])(
		'white text on a --%s button reaches WCAG AA (4.5:1)',
		(bg) => {
			expect(contrastRatio('#ffffff', tokens[bg])).toBeGreaterThanOrEqual(4.5);
		}
	);

	it('control borders and the focus ring stand out from the page (3:1 for UI parts)', () => {
		expect(contrastRatio(tokens['line-strong'], tokens.paper)).toBeGreaterThanOrEqual(3);
		expect(contrastRatio(tokens.focus, tokens.paper)).toBeGreaterThanOrEqual(3);
	});

	it('computes the textbook ratios: black on white is 21:1, a colour on itself 1:1', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('rgb(47, 125, 50)', '#2f7d32')).toBeCloseTo(1, 5);
	});
});
