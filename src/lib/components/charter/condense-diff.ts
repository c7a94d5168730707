// An amendment's diff runs over the whole article; around a one-word change, paragraphs of
// unchanged text would bury it on a phone. Unchanged runs keep a little context on each side of
// a change and lose their middle to « … ». Pure.
import type { DiffPart } from '$lib/domain/word-diff';

const CONTEXT = 60;

/** Cuts at a space so no word is split; falls back to a hard cut in a very long word. */
function head(text: string): string {
	const cut = text.lastIndexOf(' ', CONTEXT);
	return text.slice(0, cut > CONTEXT / 2 ? cut : CONTEXT);
}
function tail(text: string): string {
	const from = text.indexOf(' ', text.length - CONTEXT);
	return text.slice(from >= 0 && from < text.length - CONTEXT / 2 ? from : text.length - CONTEXT);
}

export function condenseDiff(parts: DiffPart[]): DiffPart[] {
	if (!parts.some((p) => p.op !== 'equal')) return parts;
	return parts.map((part, i) => {
		if (part.op !== 'equal') return part;
		const first = i === 0;
		const last = i === parts.length - 1;
		if (first && part.text.length > CONTEXT + 10)
			return { op: 'equal', text: `…${tail(part.text)}` };
		if (last && part.text.length > CONTEXT + 10)
			return { op: 'equal', text: `${head(part.text)}…` };
		if (!first && !last && part.text.length > 2 * CONTEXT + 20)
			return { op: 'equal', text: `${head(part.text)} … ${tail(part.text)}` };
		return part;
	});
}
