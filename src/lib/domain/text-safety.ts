// Control characters have no place in anything a person types: PostgreSQL refuses a NUL byte in
// text and JSON (a 500 before this check), and the others hide text or break exports. Tab and
// line breaks are kept where text may span lines; single-line fields refuse them too.

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** The same, line breaks and tabs included. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_OR_BREAK = /[\u0000-\u001F\u007F-\u009F]/u;

/** For a zod `.refine`: true when `text` holds no control character (line breaks allowed if multiline). */
export function isPlainText(text: string, options: { multiline?: boolean } = {}): boolean {
	return !(options.multiline ? CONTROL : CONTROL_OR_BREAK).test(text);
}

/** Refinement for single-line fields (names, titles, labels): `z.string().refine(singleLine)`. */
export const singleLine = (text: string) => isPlainText(text);

/**
 * The dotted path of the first string (value or object key) anywhere in `input` that holds a
 * control character other than tab and line breaks, or null. Run on every untrusted input
 * before its schema, so no field can carry one into the database whatever its schema says.
 */
export function controlCharacterPath(
	input: unknown,
	path: (string | number)[] = []
): string | null {
	if (typeof input === 'string') return CONTROL.test(input) ? path.join('.') || 'body' : null;
	if (Array.isArray(input)) {
		for (let i = 0; i < input.length; i++) {
			const found = controlCharacterPath(input[i], [...path, i]);
			if (found !== null) return found;
		}
		return null;
	}
	if (input !== null && typeof input === 'object') {
		for (const [key, value] of Object.entries(input)) {
			if (CONTROL.test(key)) return [...path, key.replace(CONTROL_OR_BREAK, '?')].join('.');
			const found = controlCharacterPath(value, [...path, key]);
			if (found !== null) return found;
		}
	}
	return null;
}
