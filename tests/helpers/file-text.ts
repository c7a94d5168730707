// Reads the text out of exported files without extra tools: the text operators of a pdfkit PDF
// (its streams inflated; standard fonts decoded as WinAnsi, embedded fonts through their
// ToUnicode maps) and one entry of a DOCX (a zip) through its central directory.
import { inflateRawSync, inflateSync } from 'node:zlib';

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
