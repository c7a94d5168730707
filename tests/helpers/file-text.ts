// Reads the text out of exported files without extra tools: the text operators of a pdfkit PDF
// (its streams inflated) and one entry of a DOCX (a zip) through its central directory.
import { inflateRawSync, inflateSync } from 'node:zlib';

/** Concatenated text of every Tj/TJ operator, decoded from pdfkit's hex strings (WinAnsi). */
export function pdfText(pdf: Buffer): string {
	const raw = pdf.toString('latin1');
	const pieces: string[] = [];
	const streams = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
	for (let match = streams.exec(raw); match; match = streams.exec(raw)) {
		let content: string;
		try {
			content = inflateSync(Buffer.from(match[1], 'latin1')).toString('latin1');
		} catch {
			content = match[1];
		}
		const ops = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
		for (let op = ops.exec(content); op; op = ops.exec(content)) {
			const hexes =
				op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[2]];
			pieces.push(hexes.map((hex) => decodeWinAnsi(Buffer.from(hex, 'hex'))).join(''));
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
	0x85: '…'
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
