// Fonts for the PDF exports. pdfkit's built-in Helvetica (WinAnsi) covers French but not the
// Hausa hooked letters (ɓ ɗ ƙ ƴ and capitals) of Niger's place and person names. DejaVu Sans has
// them: the `dejavu-fonts-ttf` package ships it with the app, and the server reads it once, at
// start, and embeds it (pdfkit subsets it per document). Where the package's files are missing
// (a trimmed install), the distributions' own DejaVu is tried; without any, the exports fall back
// to Helvetica and fold the hooked letters to their base letters (Ɗan Ƙasa → Dan Kasa) rather
// than print missing glyphs.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';

type Pdf = InstanceType<typeof PDFDocument>;

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'code';

export type PdfFonts =
	{ kind: 'standard' } | { kind: 'embedded'; family: string; files: Record<FontStyle, Buffer> };

export const STANDARD_FONTS: PdfFonts = { kind: 'standard' };

const STANDARD_NAMES: Record<FontStyle, string> = {
	regular: 'Helvetica',
	bold: 'Helvetica-Bold',
	italic: 'Helvetica-Oblique',
	boldItalic: 'Helvetica-BoldOblique',
	code: 'Courier'
};

function packagedFontDirs(): string[] {
	try {
		const manifest = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json');
		return [path.join(path.dirname(manifest), 'ttf')];
	} catch {
		return [];
	}
}

/** The packaged fonts, then Debian/Ubuntu (fonts-dejavu-core), Fedora, Arch, Alpine. */
export const FONT_DIRS = [
	...packagedFontDirs(),
	'/usr/share/fonts/truetype/dejavu',
	'/usr/share/fonts/dejavu-sans-fonts',
	'/usr/share/fonts/dejavu',
	'/usr/share/fonts/TTF'
];

const DEJAVU: Record<FontStyle, string> = {
	regular: 'DejaVuSans.ttf',
	bold: 'DejaVuSans-Bold.ttf',
	italic: 'DejaVuSans-Oblique.ttf',
	boldItalic: 'DejaVuSans-BoldOblique.ttf',
	code: 'DejaVuSansMono.ttf'
};

function readIfFile(file: string): Buffer | null {
	try {
		return fs.readFileSync(file);
	} catch {
		return null;
	}
}

/**
 * DejaVu Sans from the first directory holding its regular and bold faces (the others fall
 * back to those two), else the standard fonts. Read once, when the app starts.
 */
export function loadPdfFonts(dirs: readonly string[] = FONT_DIRS): PdfFonts {
	for (const dir of dirs) {
		const regular = readIfFile(path.join(dir, DEJAVU.regular));
		const bold = regular && readIfFile(path.join(dir, DEJAVU.bold));
		if (!regular || !bold) continue;
		return {
			kind: 'embedded',
			family: 'DejaVu Sans',
			files: {
				regular,
				bold,
				italic: readIfFile(path.join(dir, DEJAVU.italic)) ?? regular,
				boldItalic: readIfFile(path.join(dir, DEJAVU.boldItalic)) ?? bold,
				code: readIfFile(path.join(dir, DEJAVU.code)) ?? regular
			}
		};
	}
	return STANDARD_FONTS;
}

/** Registers the fonts on a new PDF and returns the names to pass to `doc.font()`. */
export function registerPdfFonts(doc: Pdf, fonts: PdfFonts): Record<FontStyle, string> {
	if (fonts.kind === 'standard') return STANDARD_NAMES;
	const names = {} as Record<FontStyle, string>;
	for (const style of Object.keys(fonts.files) as FontStyle[]) {
		names[style] = `palabre-${style}`;
		doc.registerFont(names[style], fonts.files[style]);
	}
	return names;
}

const FOLD: Record<string, string> = {
	Ɓ: 'B',
	ɓ: 'b',
	Ɗ: 'D',
	ɗ: 'd',
	Ƙ: 'K',
	ƙ: 'k',
	Ƴ: 'Y',
	ƴ: 'y',
	ʼ: '’',
	'→': '->',
	'\u202f': '\u00a0'
};

/** The characters above Latin-1 that WinAnsi (the standard fonts' encoding) has. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function foldChar(char: string): string {
	if (char.charCodeAt(0) <= 0xff || WIN_ANSI_EXTRA.has(char)) return char;
	if (Object.hasOwn(FOLD, char)) return FOLD[char];
	// Letters with accents Latin-1 lacks (ǹ, ẹ, ɛ̀…) keep their base letter; the rest shows as ?.
	const base = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
	return [...base].every((c) => c.charCodeAt(0) <= 0xff) ? base : '?';
}

/** Text the fonts can draw: unchanged with an embedded font, folded for the standard ones. */
export function pdfSafe(fonts: PdfFonts, text: string): string {
	if (fonts.kind === 'embedded') return text;
	// eslint-disable-next-line no-control-regex
	return /^[\u0000-\u00ff]*$/.test(text) ? text : Array.from(text, foldChar).join('');
}
