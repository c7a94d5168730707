// An article's text cut into the sentences a phone shows as tap targets when proposing an
// amendment: the tapped sentence becomes the amendment's passage, which the server must find
// verbatim in ONE block of the article. So a sentence never crosses a line (one line = one block)
// and its text is an exact slice of that line. Pure.

export interface Sentence {
	/** Which line (block) of the article's text it is in, from 0. */
	line: number;
	/** The exact text, without the spaces around it. */
	text: string;
}

/**
 * Ends a sentence: . ! ? … (or several), possibly followed by closing quotes or brackets, then
 * a space. French sets a (no-break) space before ! ? and inside « », hence the optional space.
 */
const SENTENCE = /[^\n]*?(?:[.!?…]+(?:[ \u00a0\u202f]?[»”")\]])*(?=\s)|$)/gu;

/** The sentences of one line, in order; a line with no end mark is one sentence. */
export function lineSentences(line: string): string[] {
	const found: string[] = [];
	for (const match of line.matchAll(SENTENCE)) {
		const text = match[0].trim();
		if (text) found.push(text);
	}
	return found;
}

/** Every sentence of an article's text (`\n` between blocks), line by line. */
export function articleSentences(text: string): Sentence[] {
	return text
		.split('\n')
		.flatMap((line, index) =>
			lineSentences(line).map((sentence) => ({ line: index, text: sentence }))
		);
}

/** The passage a selection amounts to, or null when it spans blocks (the server refuses those). */
export function selectionPassage(selected: string): string | null {
	const text = selected.trim();
	if (!text || text.includes('\n')) return null;
	return text;
}
