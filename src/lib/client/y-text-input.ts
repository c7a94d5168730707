// Binds an <input> or <textarea> to a Y.Text: each keystroke becomes the smallest splice (so two
// people typing in one field merge as text), and someone else's change updates the field while the
// caret stays on the same character.
import type * as Y from 'yjs';
import { shiftPosition, textChange, type Delta } from '$lib/domain/plan-format';

export function bindYText(
	element: HTMLInputElement | HTMLTextAreaElement,
	text: Y.Text,
	origin: unknown
): () => void {
	element.value = text.toString();
	const onInput = () => {
		const change = textChange(text.toString(), element.value, element.selectionEnd ?? undefined);
		if (!change) return;
		text.doc!.transact(() => {
			if (change.remove > 0) text.delete(change.index, change.remove);
			if (change.insert) text.insert(change.index, change.insert);
		}, origin);
	};
	const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === origin && transaction.local) return;
		const focused = document.activeElement === element;
		const start = element.selectionStart ?? 0;
		const end = element.selectionEnd ?? 0;
		element.value = text.toString();
		if (focused) {
			const delta = event.delta as Delta;
			element.setSelectionRange(shiftPosition(start, delta), shiftPosition(end, delta));
		}
	};
	element.addEventListener('input', onInput);
	text.observe(onRemote);
	return () => {
		element.removeEventListener('input', onInput);
		text.unobserve(onRemote);
	};
}
