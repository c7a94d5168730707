// Reads the text out of exported files without extra tools: the text operators of a pdfkit PDF
// (its streams inflated; standard fonts decoded as WinAnsi, embedded fonts through their
// ToUnicode maps), with their positions on each page (pdfPages), one entry of a DOCX (a zip)
// through its central directory, and a DOCX's paragraphs with their Word list numbering.
import { inflateRawSync, inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

function inflated(data: string): string {
	try {
		return inflateSync(Buffer.from(data, 'latin1')).toString('latin1');
	} catch {
		return data;
	}
}

/**
 * A stream's bytes as pdfkit writes them: `stream\n<data>\nendstream`. No `\r?` before the end
 * marker: deflated data may itself end with a 0x0D byte, which an optional `\r` would eat (the
 * stream then fails to inflate — one export in a few hundred, depending on its random hash).
 */
const STREAM = /stream\n([\s\S]*?)\nendstream/;

/** `<code> → text` of a ToUnicode CMap (bfchar, and bfrange in both its forms). */
function parseCMap(cmap: string): Map<number, string> {
	const map = new Map<number, string>();
	const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
	for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
		for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
			map.set(parseInt(m[1], 16), utf16(m[2]));
	for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
		for (const m of block[1].matchAll(
			/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(?:\[([^\]]*)\]|<([0-9a-fA-F]+)>)/g
		)) {
			const [from, to] = [parseInt(m[1], 16), parseInt(m[2], 16)];
			if (m[3] !== undefined) {
				// A ligature maps to several code points: `<0066 0069>`.
				const targets = [...m[3].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((t) =>
					utf16(t[1].replace(/\s/g, ''))
				);
				targets.forEach((text, i) => map.set(from + i, text));
			} else {
				const base = parseInt(m[4], 16);
				for (let code = from; code <= to; code++)
					map.set(code, String.fromCodePoint(base + code - from));
			}
		}
	return map;
}

/** Font resource name (`F1`) → its ToUnicode map, for the fonts that have one (embedded). */
function embeddedFonts(raw: string): Map<string, Map<number, string>> {
	const objects = new Map<string, string>();
	for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
	const streamOf = (body: string) => {
		const m = STREAM.exec(body);
		return m ? inflated(m[1]) : '';
	};
	const fonts = new Map<string, Map<number, string>>();
	for (const m of raw.matchAll(/\/Font\s*<<([^>]*)>>/g))
		for (const ref of m[1].matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) {
			const font = objects.get(ref[2]) ?? '';
			const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
			if (toUnicode) fonts.set(ref[1], parseCMap(streamOf(objects.get(toUnicode[1]) ?? '')));
		}
	return fonts;
}

/** Concatenated text of every Tj/TJ operator, decoded in the font the content stream selected. */
export function pdfText(pdf: Buffer): string {
	const raw = pdf.toString('latin1');
	const fonts = embeddedFonts(raw);
	const pieces: string[] = [];
	const streams = new RegExp(STREAM.source, 'g');
	for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
		const content = inflated(match[1]);
		let cmap: Map<number, string> | undefined;
		const decode = (hex: string) => {
			if (!cmap) return decodeWinAnsi(Buffer.from(hex, 'hex'));
			let text = '';
			for (let i = 0; i + 4 <= hex.length; i += 4)
				text += cmap.get(parseInt(hex.slice(i, i + 4), 16)) ?? '\ufffd';
			return text;
		};
		const ops = /\/([^\s/]+)\s+[\d.]+\s+Tf|\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
		for (let op = ops.exec(content); op; op = ops.exec(content)) {
			if (op[1] !== undefined) {
				cmap = fonts.get(op[1]);
				continue;
			}
			const hexes =
				op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[3]];
			pieces.push(hexes.map(decode).join(''));
		}
		pieces.push('\n');
	}
	return pieces.join('');
}

const WIN_ANSI_EXTRA: Record<number, string> = {
	0x97: '—',
	0x96: '–',
	0x92: '’',
	0x95: '•',
	0x85: '…',
	0x80: '€',
	0x93: '“',
	0x94: '”'
};

function decodeWinAnsi(bytes: Buffer): string {
	return Array.from(bytes, (b) => WIN_ANSI_EXTRA[b] ?? String.fromCharCode(b)).join('');
}

export function zipEntry(zip: Buffer, name: string): string {
	const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	if (eocd < 0) throw new Error('not a zip');
	const count = zip.readUInt16LE(eocd + 10);
	let at = zip.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		const method = zip.readUInt16LE(at + 10);
		const size = zip.readUInt32LE(at + 20);
		const nameLength = zip.readUInt16LE(at + 28);
		const extraLength = zip.readUInt16LE(at + 30);
		const commentLength = zip.readUInt16LE(at + 32);
		const local = zip.readUInt32LE(at + 42);
		const entry = zip.toString('utf8', at + 46, at + 46 + nameLength);
		if (entry === name) {
			const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
			const data = zip.subarray(start, start + size);
			return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
		}
		at += 46 + nameLength + extraLength + commentLength;
	}
	throw new Error(`${name} not in zip`);
}

// ── Text positions ──────────────────────────────────────────────────────────────────────────
// A small interpreter of the content-stream operators that place text (q/Q/cm, BT, Tm, Td, TD,
// T*, TL, Tf, Tc, Tz, TJ, Tj, ' and "), enough to say where every run of a pdfkit PDF is drawn
// and how wide it is, so that layout tests can check that no two lines overlap and no line
// leaves the margins. Widths come from the fonts' /W arrays (embedded fonts) or, for the
// standard fonts, from pdfkit's own metrics.

/** One text-showing operator: its start on the page (top-left origin, points) and extent. */
export interface PdfRun {
	text: string;
	x: number;
	/** The baseline, from the top of the page. */
	baseline: number;
	width: number;
	size: number;
}

export interface PdfPage {
	width: number;
	height: number;
	runs: PdfRun[];
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a × b, in the PDF convention (row vectors: a applied first). */
function multiply(a: Matrix, b: Matrix): Matrix {
	return [
		a[0] * b[0] + a[1] * b[2],
		a[0] * b[1] + a[1] * b[3],
		a[2] * b[0] + a[3] * b[2],
		a[2] * b[1] + a[3] * b[3],
		a[4] * b[0] + a[5] * b[2] + b[4],
		a[4] * b[1] + a[5] * b[3] + b[5]
	];
}

interface FontInfo {
	/** Two-byte codes (Identity-H) or one byte per character. */
	twoByte: boolean;
	widths: Map<number, number>;
	defaultWidth: number;
	toUnicode?: Map<number, string>;
}

let measurer: InstanceType<typeof PDFDocument> | undefined;
const standardCache = new Map<string, Map<number, number>>();

/**
 * Advance widths (per 1000 em) of a standard font by WinAnsi code, measured by pdfkit itself
 * from the font's AFM metrics: the PDF does not carry them for the 14 standard fonts.
 */
function standardWidths(baseFont: string): Map<number, number> {
	let widths = standardCache.get(baseFont);
	if (widths) return widths;
	widths = new Map();
	measurer ??= new PDFDocument({ autoFirstPage: false });
	try {
		measurer.font(baseFont).fontSize(1000);
		for (let code = 32; code < 256; code++)
			widths.set(code, measurer.widthOfString(decodeWinAnsi(Buffer.from([code]))));
	} catch {
		// Not a standard font name: every glyph gets the default width.
	}
	standardCache.set(baseFont, widths);
	return widths;
}

function fontInfos(raw: string): Map<string, FontInfo> {
	const objects = new Map<string, string>();
	for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
	const cmaps = embeddedFonts(raw);
	const fonts = new Map<string, FontInfo>();
	for (const m of raw.matchAll(/\/Font\s*<<([^>]*)>>/g))
		for (const ref of m[1].matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) {
			const font = objects.get(ref[2]) ?? '';
			const descendant = /\/DescendantFonts \[(\d+) 0 R\]/.exec(font);
			if (descendant) {
				const cid = objects.get(descendant[1]) ?? '';
				const widths = new Map<number, number>();
				const w = /\/W \[([\s\S]*?)\]\s*\]/.exec(cid);
				if (w)
					for (const group of `${w[1]}]`.matchAll(/(\d+)\s*\[([^\]]*)\]/g)) {
						const first = Number(group[1]);
						group[2]
							.trim()
							.split(/\s+/)
							.forEach((value, i) => widths.set(first + i, Number(value)));
					}
				const dw = /\/DW ([\d.]+)/.exec(cid);
				fonts.set(ref[1], {
					twoByte: true,
					widths,
					defaultWidth: dw ? Number(dw[1]) : 1000,
					toUnicode: cmaps.get(ref[1])
				});
			} else {
				const base = /\/BaseFont \/([^\s/]+)/.exec(font)?.[1] ?? '';
				fonts.set(ref[1], { twoByte: false, widths: standardWidths(base), defaultWidth: 556 });
			}
		}
	return fonts;
}

const TOKENS =
	/\[|\]|<<|>>|<([0-9a-fA-F\s]*)>|\(((?:\\[\s\S]|[^\\)])*)\)|\/([^\s/[\]<>()]+)|([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z'"*][A-Za-z0-9*]*)/g;

type Operand = number | string | { hex: string } | Operand[];

/** Every page of the PDF with the text runs drawn on it, in drawing order. */
export function pdfPages(pdf: Buffer): PdfPage[] {
	const raw = pdf.toString('latin1');
	const objects = new Map<string, string>();
	for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
	const fonts = fontInfos(raw);
	const root = /\/Type \/Pages[\s\S]*?\/Kids \[([^\]]*)\]/.exec(raw);
	const pageRefs = root ? [...root[1].matchAll(/(\d+) 0 R/g)].map((m) => m[1]) : [];
	return pageRefs.map((ref) => {
		const page = objects.get(ref) ?? '';
		const box = /\/MediaBox \[([^\]]*)\]/.exec(page)?.[1].trim().split(/\s+/).map(Number) ?? [];
		const height = box[3] ?? 842;
		const contents = /\/Contents (?:(\d+) 0 R|\[([^\]]*)\])/.exec(page);
		const refs = contents?.[1]
			? [contents[1]]
			: [...(contents?.[2] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => m[1]);
		const content = refs
			.map((r) => {
				const m = STREAM.exec(objects.get(r) ?? '');
				return m ? inflated(m[1]) : '';
			})
			.join('\n');
		return { width: box[2] ?? 595, height, runs: runsOf(content, fonts, height) };
	});
}

function runsOf(content: string, fonts: Map<string, FontInfo>, pageHeight: number): PdfRun[] {
	const runs: PdfRun[] = [];
	const stack: Matrix[] = [];
	let ctm: Matrix = IDENTITY;
	let tm: Matrix = IDENTITY;
	let tlm: Matrix = IDENTITY;
	let font: FontInfo | undefined;
	let size = 0;
	let leading = 0;
	let charSpacing = 0;
	let scale = 1;
	const operands: Operand[] = [];
	const arrays: Operand[][] = [];

	const show = (items: Operand[]) => {
		const rendering = multiply(tm, ctm);
		const start = { x: rendering[4], y: rendering[5] };
		let text = '';
		let advance = 0; // text space units
		for (const item of items) {
			if (typeof item === 'number') {
				advance -= (item / 1000) * size * scale;
				continue;
			}
			const codes: number[] = [];
			if (typeof item === 'object' && 'hex' in item) {
				const hex = item.hex.replace(/\s/g, '');
				const step = font?.twoByte ? 4 : 2;
				for (let i = 0; i + step <= hex.length; i += step)
					codes.push(parseInt(hex.slice(i, i + step), 16));
			} else if (typeof item === 'string') {
				for (const char of unescapeLiteral(item)) codes.push(char.charCodeAt(0));
			}
			for (const code of codes) {
				const width = font?.widths.get(code) ?? font?.defaultWidth ?? 500;
				advance += ((width / 1000) * size + charSpacing) * scale;
				text += font?.toUnicode
					? (font.toUnicode.get(code) ?? '\ufffd')
					: decodeWinAnsi(Buffer.from([code]));
			}
		}
		tm = multiply([1, 0, 0, 1, advance, 0], tm);
		const xScale = Math.hypot(rendering[0], rendering[1]);
		const yScale = Math.hypot(rendering[2], rendering[3]);
		runs.push({
			text,
			x: start.x,
			baseline: pageHeight - start.y,
			width: advance * xScale,
			size: size * yScale
		});
	};
	const nextLine = (tx: number, ty: number) => {
		tlm = multiply([1, 0, 0, 1, tx, ty], tlm);
		tm = tlm;
	};

	for (const m of content.matchAll(TOKENS)) {
		const [token, hex, literal, name, number, operator] = m;
		const target = arrays.at(-1) ?? operands;
		if (token === '[') arrays.push([]);
		else if (token === ']') {
			const array = arrays.pop() ?? [];
			(arrays.at(-1) ?? operands).push(array);
		} else if (hex !== undefined) target.push({ hex });
		else if (literal !== undefined) target.push(literal);
		else if (name !== undefined) target.push(name);
		else if (number !== undefined) target.push(Number(number));
		else if (operator !== undefined) {
			const n = operands.map((o) => (typeof o === 'number' ? o : 0));
			switch (operator) {
				case 'q':
					stack.push(ctm);
					break;
				case 'Q':
					ctm = stack.pop() ?? IDENTITY;
					break;
				case 'cm':
					ctm = multiply(n.slice(-6) as Matrix, ctm);
					break;
				case 'BT':
					tm = tlm = IDENTITY;
					break;
				case 'Tm':
					tm = tlm = n.slice(-6) as Matrix;
					break;
				case 'Td':
					nextLine(n[0], n[1]);
					break;
				case 'TD':
					leading = -n[1];
					nextLine(n[0], n[1]);
					break;
				case 'TL':
					leading = n[0];
					break;
				case 'T*':
					nextLine(0, -leading);
					break;
				case 'Tf':
					font = fonts.get(String(operands[0]));
					size = n[1];
					break;
				case 'Tc':
					charSpacing = n[0];
					break;
				case 'Tz':
					scale = n[0] / 100;
					break;
				case 'TJ':
					show((operands[0] as Operand[]) ?? []);
					break;
				case 'Tj':
					show([operands[0]]);
					break;
				case "'":
				case '"':
					nextLine(0, -leading);
					show([operands.at(-1) as Operand]);
					break;
			}
			operands.length = 0;
		}
	}
	return runs;
}

function unescapeLiteral(text: string): string {
	return text.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, c: string) => {
		const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
		if (simple[c]) return simple[c];
		if (/^[0-7]+$/.test(c)) return String.fromCharCode(parseInt(c, 8));
		return c;
	});
}

// ── Word paragraphs and lists ───────────────────────────────────────────────────────────────

/** A paragraph of a DOCX as Word sees it: its text, style and, in a list, its numbering. */
export interface DocxParagraph {
	text: string;
	style: string | null;
	/** Left indent written on the paragraph itself (twentieths of a point), if any. */
	indent: number | null;
	keepNext: boolean;
	list: { numId: string; level: number; format: string; text: string; start: number } | null;
}

const xmlText = (xml: string) =>
	[...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
		.map((m) => m[1])
		.join('')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

/** The body paragraphs of a DOCX, with their list numbering resolved through numbering.xml. */
export function docxParagraphs(docx: Buffer): DocxParagraph[] {
	const document = zipEntry(docx, 'word/document.xml');
	let numbering = '';
	try {
		numbering = zipEntry(docx, 'word/numbering.xml');
	} catch {
		// A document without lists has no numbering part.
	}
	const abstracts = new Map<string, string>();
	for (const m of numbering.matchAll(
		/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g
	))
		abstracts.set(m[1], m[2]);
	const nums = new Map<string, string>();
	for (const m of numbering.matchAll(
		/<w:num\b[^>]*w:numId="(\d+)"[^>]*>[\s\S]*?<w:abstractNumId w:val="(\d+)"/g
	))
		nums.set(m[1], m[2]);
	const body = /<w:body>([\s\S]*)<\/w:body>/.exec(document)?.[1] ?? '';
	return [...body.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => {
		const xml = m[1] ?? '';
		const props = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? '';
		const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(props)?.[1];
		let list: DocxParagraph['list'] = null;
		if (numPr) {
			const level = Number(/<w:ilvl w:val="(\d+)"/.exec(numPr)?.[1] ?? 0);
			const numId = /<w:numId w:val="(\d+)"/.exec(numPr)?.[1] ?? '';
			const abstract = abstracts.get(nums.get(numId) ?? '') ?? '';
			const lvl =
				new RegExp(`<w:lvl\\b[^>]*w:ilvl="${level}"[^>]*>([\\s\\S]*?)</w:lvl>`).exec(
					abstract
				)?.[1] ?? '';
			list = {
				numId,
				level,
				format: /<w:numFmt w:val="([^"]+)"/.exec(lvl)?.[1] ?? '',
				text: /<w:lvlText w:val="([^"]*)"/.exec(lvl)?.[1] ?? '',
				start: Number(/<w:start w:val="(\d+)"/.exec(lvl)?.[1] ?? 1)
			};
		}
		const indent = /<w:ind\b[^>]*w:(?:left|start)="(\d+)"/.exec(props)?.[1];
		return {
			text: xmlText(xml),
			style: /<w:pStyle w:val="([^"]+)"/.exec(props)?.[1] ?? null,
			indent: indent === undefined ? null : Number(indent),
			keepNext: /<w:keepNext(?:\s*\/>|\s+w:val="(?:true|1|on)")/.test(props),
			list
		};
	});
}
