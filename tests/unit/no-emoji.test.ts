import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Emoji render as empty boxes on a laptop without an emoji font: the interface draws
// its icons with $lib/components/ui/Icon. "Emoji" here is what a browser draws in colour: a code
// point with Emoji_Presentation, or a pictograph forced to emoji style by U+FE0F.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F/u;

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((file) => path.join(dir, file))
		.filter((file) => keep(file) && fs.statSync(file).isFile());
}

function emojiLines(file: string): string[] {
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.flatMap((line, i) =>
			EMOJI.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : []
		);
}

describe('icons instead of emoji', () => {
	it('no Svelte component or page of src/ contains an emoji', () => {
		const files = filesUnder(path.join(root, 'src'), (f) => f.endsWith('.svelte'));
		expect(files.length).toBeGreaterThan(20);
		expect(files.flatMap(emojiLines)).toEqual([]);
	});

	it('no message of any catalog, in any language, contains an emoji', () => {
		const files = filesUnder(path.join(root, 'src/messages'), (f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(10);
		expect(files.flatMap(emojiLines)).toEqual([]);
	});

	it('the emoji test catches the reactions it replaced and leaves arrows and quotes alone', () => {
		for (const emoji of ['👍', '✋', '❓', '🎤', '✅', '❤️'])
			expect(EMOJI.test(emoji), emoji).toBe(true);
		for (const text of ['↑ ↓ ←', '« D’accord »', '™', '–', '✕ ●'])
			expect(EMOJI.test(text), text).toBe(false);
	});
});
