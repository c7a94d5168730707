// Reads and writes the actions of an action plan Y.Doc (layout in src/lib/domain/action-plan.ts).
// The exports, the review, the public follow-up page and the tests all go through here, so the
// layout is read one way. Reading is lenient: a field of the wrong type reads as empty, an action
// without an id is skipped, and the problems are the validation's business, not the reader's.
import * as Y from 'yjs';
import { DEFAULT_CURRENCY, type PlanAction } from '../../domain/action-plan';
import { blocksToLines, readBlocks } from '../documents/document-tree';
import { actionsOf, plainValue, readActionWith } from '../../yjs/plan-doc';

// The writers need only yjs and live in a module the browser can import too.
export { actionsOf, appendActions, newActionMap } from '../../yjs/plan-doc';

function richText(value: unknown): string {
	if (value instanceof Y.XmlFragment) return blocksToLines(readBlocks(value)).join('\n').trim();
	return plainValue(value);
}

/** One action map as plain data. `null` when it has no usable id. */
export function readAction(map: Y.Map<unknown>, currency = DEFAULT_CURRENCY): PlanAction | null {
	return readActionWith(map, currency, richText);
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
