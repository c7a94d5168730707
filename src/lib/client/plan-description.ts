// Rich-text editing of one action's description (its Y.XmlFragment), loaded with `await import()`
// only when someone opens a description: the plan table itself never pays for Tiptap. The same
// Tiptap schema as the charter, so exports read both alike. No carets here: awareness positions
// are relative to one fragment, and a plan has one fragment per action.
import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import type * as Y from 'yjs';

export function startDescriptionEditor(options: {
	element: HTMLElement;
	fragment: Y.XmlFragment;
	writable: boolean;
	label: string;
}) {
	const editor = new Editor({
		element: options.element,
		editable: options.writable,
		extensions: [
			StarterKit.configure({
				undoRedo: false,
				link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] }
			}),
			Collaboration.configure({ fragment: options.fragment })
		],
		editorProps: { attributes: { 'aria-label': options.label, 'aria-multiline': 'true' } }
	});
	return {
		setEditable: (writable: boolean) => editor.setEditable(writable),
		focus: () => editor.commands.focus('end'),
		destroy: () => editor.destroy()
	};
}
