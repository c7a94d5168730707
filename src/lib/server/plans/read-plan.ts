// Reads and writes the actions of an action plan Y.Doc (layout in src/lib/domain/action-plan.ts).
// The exports, the review, the public follow-up page and the tests all go through here, so the
// layout is read one way. Reading is lenient: a field of the wrong type reads as empty, an action
// without an id is skipped, and the problems are the validation's business, not the reader's.
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
} from '../../domain/action-plan';
import { blocksToLines, readBlocks } from '../documents/document-tree';

export function actionsOf(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>(ACTIONS_ARRAY);
}

function text(value: unknown): string {
	if (value instanceof Y.Text) return value.toString();
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

function richText(value: unknown): string {
	if (value instanceof Y.XmlFragment) return blocksToLines(readBlocks(value)).join('\n').trim();
	return text(value);
}

function budget(value: unknown): number | null {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
	const raw = text(value).replace(/[\s\u00a0\u202f.]/g, '');
	return /^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : null;
}

function oneOf<T extends string>(list: readonly T[], value: unknown, fallback: T | ''): T | '' {
	return (list as readonly unknown[]).includes(value) ? (value as T) : fallback;
}

/** One action map as plain data. `null` when it has no usable id. */
export function readAction(map: Y.Map<unknown>, currency = DEFAULT_CURRENCY): PlanAction | null {
	const id = map.get('id');
	if (typeof id !== 'string' || id === '') return null;
	return {
		id,
		title: text(map.get('title')).trim(),
		description: richText(map.get('description')),
		owner: text(map.get('owner')),
		partners: text(map.get('partners')),
		budget: budget(map.get('budget')),
		currency: text(map.get('currency')) || currency,
		funding: text(map.get('funding')),
		start: text(map.get('start')),
		deadline: text(map.get('deadline')),
		indicator: text(map.get('indicator')),
		baseline: text(map.get('baseline')),
		target: text(map.get('target')),
		axis: text(map.get('axis')),
		priority: oneOf<ActionPriority>(ACTION_PRIORITIES, map.get('priority'), ''),
		status: oneOf<ActionStatus>(ACTION_STATUSES, map.get('status'), 'not_started') || 'not_started'
	};
}

/** The plan's actions in document order; duplicates of an id keep the first. */
export function readActions(doc: Y.Doc, currency = DEFAULT_CURRENCY): PlanAction[] {
	const seen = new Set<string>();
	const actions: PlanAction[] = [];
	for (const item of actionsOf(doc).toArray()) {
		if (!(item instanceof Y.Map)) continue;
		const action = readAction(item, currency);
		if (action && !seen.has(action.id)) {
			seen.add(action.id);
			actions.push(action);
		}
	}
	return actions;
}

/** Reads a frozen version (a full `Y.encodeStateAsUpdate`). */
export function readActionsFromState(state: Uint8Array, currency = DEFAULT_CURRENCY) {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return readActions(doc, currency);
	} finally {
		doc.destroy();
	}
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
