// Readers and writers of the action plan Y.Doc layout (src/lib/domain/action-plan.ts) that need only yjs, so
// the browser's plan page and the server (src/lib/server/plans/read-plan.ts re-exports them) read
// and build actions the same way. Reading is lenient: a field of the wrong type reads as empty.
import * as Y from 'yjs';
import {
	ACTIONS_ARRAY,
	ACTION_PRIORITIES,
	ACTION_STATUSES,
	DEFAULT_CURRENCY,
	TEXT_FIELDS,
	type ActionPriority,
	type ActionStatus,
	type PlanAction
} from '../domain/action-plan';

export function actionsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>(ACTIONS_ARRAY);
}

/**
 * A new action map in the documented layout, filled from plain values (import scripts, tests,
 * "idea card → action"). The description becomes one paragraph per line. Call inside a
 * transaction and push the result into `actionsOf(doc)`.
 */
export function newActionMap(input: Partial<PlanAction> & { id: string }): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	map.set('id', input.id);
	for (const field of TEXT_FIELDS) map.set(field, new Y.Text(input[field] ?? ''));
	const description = new Y.XmlFragment();
	const lines = (input.description ?? '').split('\n').filter((line) => line.trim() !== '');
	description.insert(
		0,
		lines.map((line) => {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(line)]);
			return paragraph;
		})
	);
	map.set('description', description);
	if (input.budget !== undefined && input.budget !== null) map.set('budget', input.budget);
	map.set('currency', input.currency ?? DEFAULT_CURRENCY);
	map.set('start', input.start ?? '');
	map.set('deadline', input.deadline ?? '');
	map.set('axis', input.axis ?? '');
	map.set('priority', input.priority ?? '');
	map.set('status', input.status ?? 'not_started');
	return map;
}

/** Appends actions to a plan in one transaction (one update on the wire). */
export function appendActions(
	doc: Y.Doc,
	inputs: readonly (Partial<PlanAction> & { id: string })[],
	origin?: unknown
) {
	doc.transact(() => {
		actionsOf(doc).push(inputs.map((input) => newActionMap(input)));
	}, origin);
}

/** A field as text: Y.Text, string or number; anything else reads as empty. */
export function plainValue(value: unknown): string {
	if (value instanceof Y.Text) return value.toString();
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function budget(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	const raw = plainValue(value).replace(/[\s\u00a0\u202f.]/g, '');
	return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : null;
}

function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T | ''): T | '' {
	return (list as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

/**
 * One action map as plain data, `null` when it has no usable id. `describe` turns the description
 * fragment into text: the server's exports walk the full block tree, the browser a light walker.
 */
export function readActionWith(
	map: Y.Map<unknown>,
	currency: string,
	describe: (value: unknown) => string
): PlanAction | null {
	const id = map.get('id');
	if (typeof id !== 'string' || id === '') return null;
	return {
		id,
		title: plainValue(map.get('title')).trim(),
		description: describe(map.get('description')),
		owner: plainValue(map.get('owner')),
		partners: plainValue(map.get('partners')),
		budget: budget(map.get('budget')),
		currency: plainValue(map.get('currency')) || currency,
		funding: plainValue(map.get('funding')),
		start: plainValue(map.get('start')),
		deadline: plainValue(map.get('deadline')),
		indicator: plainValue(map.get('indicator')),
		baseline: plainValue(map.get('baseline')),
		target: plainValue(map.get('target')),
		axis: plainValue(map.get('axis')),
		priority: oneOf<ActionPriority>(ACTION_PRIORITIES, map.get('priority'), ''),
		status: oneOf<ActionStatus>(ACTION_STATUSES, map.get('status'), 'not_started') || 'not_started'
	};
}

/** The text of a rich-text fragment, one line per paragraph or heading (lists flattened). */
export function fragmentLines(value: unknown): string {
	if (!(value instanceof Y.XmlFragment || value instanceof Y.XmlElement)) return plainValue(value);
	const lines: string[] = [];
	const walk = (node: Y.XmlFragment | Y.XmlElement) => {
		let line = '';
		let hasText = false;
		for (const child of node.toArray()) {
			if (child instanceof Y.XmlText) {
				for (const op of child.toDelta() as { insert: unknown }[])
					if (typeof op.insert === 'string') line += op.insert;
				hasText = true;
			} else if (child instanceof Y.XmlElement) walk(child);
		}
		if (hasText && line.trim() !== '') lines.push(line);
	};
	walk(value);
	return lines.join('\n');
}
