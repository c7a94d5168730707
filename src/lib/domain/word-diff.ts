// Word-level diff between two texts (Myers' O(ND) algorithm over word and space tokens), for the
// "what changed between two versions" view. Pure; the common head and tail are trimmed first so a
// small edit in a long charter stays cheap.

export type DiffOp = 'equal' | 'added' | 'removed';
export interface DiffPart {
	op: DiffOp;
	text: string;
}

/** Words, runs of spaces and line breaks: a changed word does not drag its neighbours along. */
export function tokenize(text: string): string[] {
	return text.match(/\n|[^\S\n]+|[^\s]+/g) ?? [];
}

export function diffWords(before: string, after: string): DiffPart[] {
	const a = tokenize(before);
	const b = tokenize(after);
	let head = 0;
	while (head < a.length && head < b.length && a[head] === b[head]) head++;
	let tail = 0;
	while (
		tail < a.length - head &&
		tail < b.length - head &&
		a[a.length - 1 - tail] === b[b.length - 1 - tail]
	)
		tail++;
	const parts: DiffPart[] = [];
	push(parts, 'equal', a.slice(0, head));
	const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
	for (const [op, tokens] of middle) push(parts, op, tokens);
	push(parts, 'equal', a.slice(a.length - tail));
	return readable(parts);
}

/**
 * "une concertation" → "deux concertations" reads better as one removal and one addition than as
 * four alternating pieces: a lone space between two changes joins them, then each run of changes
 * becomes its removed text followed by its added text.
 */
function readable(parts: DiffPart[]): DiffPart[] {
	const out: DiffPart[] = [];
	let removed = '';
	let added = '';
	const flush = () => {
		if (removed) out.push({ op: 'removed', text: removed });
		if (added) out.push({ op: 'added', text: added });
		removed = added = '';
	};
	parts.forEach((part, i) => {
		const between = i > 0 && i < parts.length - 1 && (removed || added);
		if (part.op === 'equal' && between && /^[^\S\n]+$/.test(part.text)) {
			removed += part.text;
			added += part.text;
		} else if (part.op === 'removed') removed += part.text;
		else if (part.op === 'added') added += part.text;
		else {
			flush();
			out.push(part);
		}
	});
	flush();
	return out;
}

function push(parts: DiffPart[], op: DiffOp, tokens: string[]) {
	if (tokens.length === 0) return;
	const text = tokens.join('');
	const last = parts.at(-1);
	if (last && last.op === op) last.text += text;
	else parts.push({ op, text });
}

/** Shortest edit script, as runs of equal / removed / added tokens in order. */
function myers(a: string[], b: string[]): Array<[DiffOp, string[]]> {
	const n = a.length;
	const m = b.length;
	if (n === 0 && m === 0) return [];
	if (n === 0) return [['added', b]];
	if (m === 0) return [['removed', a]];
	const offset = n + m + 1;
	const v = new Int32Array(2 * offset + 1);
	// trace[d] is V as it was before round d: what the walk back needs.
	const trace: Int32Array[] = [];
	search: for (let d = 0; d <= n + m; d++) {
		trace.push(v.slice());
		for (let k = -d; k <= d; k += 2) {
			let x =
				k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])
					? v[offset + k + 1]
					: v[offset + k - 1] + 1;
			let y = x - k;
			while (x < n && y < m && a[x] === b[y]) {
				x++;
				y++;
			}
			v[offset + k] = x;
			if (x >= n && y >= m) break search;
		}
	}
	const steps: Array<[DiffOp, string]> = [];
	let x = n;
	let y = m;
	for (let d = trace.length - 1; d >= 0; d--) {
		const prev = trace[d];
		const k = x - y;
		const prevK =
			k === -d || (k !== d && prev[offset + k - 1] < prev[offset + k + 1]) ? k + 1 : k - 1;
		const prevX = prev[offset + prevK];
		const prevY = prevX - prevK;
		while (x > prevX && y > prevY) {
			steps.push(['equal', a[--x]]);
			y--;
		}
		if (d > 0) {
			if (x === prevX) steps.push(['added', b[--y]]);
			else steps.push(['removed', a[--x]]);
		}
	}
	const runs: Array<[DiffOp, string[]]> = [];
	for (let i = steps.length - 1; i >= 0; i--) {
		const [op, token] = steps[i];
		const last = runs.at(-1);
		if (last && last[0] === op) last[1].push(token);
		else runs.push([op, [token]]);
	}
	return runs;
}
