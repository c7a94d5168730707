// Small pure helpers of the plan page: amounts with thin-space thousands (the French typographic
// rule, also unambiguous for English readers) and the minimal edit between two strings that keeps
// Y.Text changes small, so two people typing in one field merge as text.

/** 1500000 → "1 500 000" with narrow no-break spaces (U+202F), which parseBudget reads back. */
export function formatAmount(value: number): string {
	const sign = value < 0 ? '-' : '';
	return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

export interface TextChange {
	index: number;
	remove: number;
	insert: string;
}

/**
 * The one splice turning `before` into `after`. `cursor` (where the caret is after the edit) picks
 * the right place when the choice is ambiguous ("aa" → "aaa": the new "a" is where the caret is).
 */
export function textChange(
	before: string,
	after: string,
	cursor = after.length
): TextChange | null {
	if (before === after) return null;
	// The common suffix may not reach left of the caret: that part was typed.
	const maxSuffix = Math.min(before.length, after.length - Math.min(cursor, after.length));
	let suffix = 0;
	while (
		suffix < maxSuffix &&
		before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
	)
		suffix++;
	let prefix = 0;
	const maxPrefix = Math.min(before.length, after.length) - suffix;
	while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
	return {
		index: prefix,
		remove: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

export type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** Where a caret at `position` moves when someone else's change (a Yjs delta) is applied. */
export function shiftPosition(position: number, delta: Delta): number {
	let index = 0;
	let result = position;
	for (const op of delta) {
		if (op.retain !== undefined) index += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (index < result) result += length;
			index += length;
		} else if (op.delete !== undefined) {
			if (index < result) result -= Math.min(op.delete, result - index);
		}
		if (index > result) break;
	}
	return result;
}
