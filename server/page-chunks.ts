// Build-time only (vite.config.ts): a few chunks per phone page instead of dozens. Left to itself
// the bundler makes a chunk per combination of pages that share a module — with one module per
// message, the workshop page loaded ~40 scripts, most under 500 bytes, and each request costs a
// phone ~250 bytes of headers (docs/performance.md « Page weight »). Here the modules a phone page
// reaches through static imports go into a handful of named chunks: the root layout's (with the
// Svelte and SvelteKit runtimes), the join page's, what the voting page shares with the workshop
// pages (the socket), then the voting page's (and its lazy results and speaker buttons), the workshop layout's and the
// workshop page's own. Other modules reached only through `import()` keep their lazy chunks; other
// pages keep the bundler's automatic split. Messages are placed by use (`m.key` in a module's code), not by the catalog
// barrel that imports them all; tree-shaking still decides what ships, this only decides where.
import type { Plugin } from 'vite';

const route = (pattern: string) =>
	new RegExp(`[\\\\/]src[\\\\/]routes[\\\\/]${pattern.replace(/\//g, '[\\\\/]')}$`);

/** Route files of the phone pages. */
const PAGES = {
	// With SvelteKit's client entry: every page starts it.
	root: [
		route('\\+layout\\.svelte'),
		route('\\+error\\.svelte'),
		/[\\/]@sveltejs[\\/]kit[\\/]src[\\/]runtime[\\/]client[\\/]entry\.js$/,
		/[\\/]\.svelte-kit[\\/]generated[\\/]client(-optimized)?[\\/]app\.js$/,
		// The bundler's own helpers, which every chunk imports.
		/rolldown(:|[\\/])runtime/
	],
	join: [route('j/\\[code\\]/\\+page\\.svelte')],
	vote: [route('w/\\[code\\]/vote/\\[pollId\\]/\\+page@\\.svelte')],
	workshop: [route('w/\\[code\\]/\\+layout\\.svelte')],
	hub: [route('w/\\[code\\]/\\+page\\.svelte')]
};

const RESULTS = /[\\/]PollResultsView\.svelte$/;
/** The speaker buttons: loaded only on a phone that has a voice for the page's language. */
const SPEECH = /[\\/]votes[\\/]read-aloud\.ts$/;
const BARREL = /[\\/]paraglide[\\/]messages(\.js|[\\/]_index\.js)$/;
const MESSAGE = /[\\/]paraglide[\\/]messages[\\/]([A-Za-z0-9_]+)\.js$/;
const USED_MESSAGE = /\bm\.([A-Za-z0-9_]+)\b/g;

/** The chunks, in the order they claim modules (and their priority among the bundler's groups). */
export const PAGE_CHUNK_NAMES = [
	'root',
	'common',
	'join',
	'phone',
	'vote',
	'vote-results',
	'vote-speech',
	'vote-lazy',
	'workshop',
	'hub'
] as const;

export interface PageChunks {
	plugin: Plugin;
	/** For `codeSplitting.groups[].name`: the chunk a module belongs to, or null. */
	name: (id: string) => string | null;
}

export function pageChunks(): PageChunks {
	// Filled once per build, when the module graph is complete (buildEnd), before chunking.
	let owner = new Map<string, string>();
	const plugin: Plugin = {
		name: 'palabre-page-chunks',
		apply: 'build',
		// The browser's build only: the server's entries keep SvelteKit's strict signatures.
		config(_, { isSsrBuild }) {
			if (isSsrBuild) return;
			return {
				build: {
					rollupOptions: {
						// Entries may gain exports: page chunks take modules without their imports.
						preserveEntrySignatures: 'allow-extension',
						output: {
							codeSplitting: {
								groups: PAGE_CHUNK_NAMES.map((name, i) => ({
									name,
									test: (id: string) => owner.get(id) === name,
									priority: 100 - i,
									// Following imports would pull the whole message catalog (its barrel
									// imports every message) into the first chunk.
									includeDependenciesRecursively: false
								}))
							}
						}
					}
				}
			};
		},
		buildEnd() {
			const ids = [...this.getModuleIds()];
			const messages = new Map<string, string>();
			for (const id of ids) {
				const key = MESSAGE.exec(id)?.[1];
				if (key && key !== '_index') messages.set(key, id);
			}
			const imports = (id: string): string[] => {
				const info = this.getModuleInfo(id);
				if (!info) return [];
				const used = [...(info.code ?? '').matchAll(USED_MESSAGE)].flatMap(([, key]) => {
					const message = messages.get(key);
					return message ? [message] : [];
				});
				return [...info.importedIds.filter((next) => !BARREL.test(next)), ...used];
			};
			/** Every module a page reaches, but those already claimed. */
			const reach = (entries: RegExp[] | string[], claimed: Map<string, string>) => {
				const seen = new Set<string>();
				const stack = ids.filter((id) =>
					entries.some((entry) => (typeof entry === 'string' ? entry === id : entry.test(id)))
				);
				while (stack.length > 0) {
					const id = stack.pop()!;
					if (seen.has(id) || claimed.has(id)) continue;
					seen.add(id);
					stack.push(...imports(id));
				}
				return seen;
			};
			const next = new Map<string, string>();
			const claim = (name: string, set: Iterable<string>) => {
				for (const id of set) if (!next.has(id)) next.set(id, name);
			};
			claim('root', reach(PAGES.root, next));
			const join = reach(PAGES.join, next);
			const vote = reach(PAGES.vote, next);
			const workshop = reach([...PAGES.workshop, ...PAGES.hub], next);
			// What the join page shares with the others (a form error, labels): not its own code.
			claim(
				'common',
				[...join].filter((id) => vote.has(id) || workshop.has(id))
			);
			claim('join', join);
			claim(
				'phone',
				[...vote].filter((id) => workshop.has(id))
			);
			claim('vote', vote);
			// What the voting page loads later (its results' bars): one lazy chunk, even where the
			// workshop page uses the same components directly.
			// The bars first (most votes show them), apart from the rest (a nomination's form).
			const lazy = [...vote].flatMap((id) => this.getModuleInfo(id)?.dynamicallyImportedIds ?? []);
			const bars = lazy.filter((id) => RESULTS.test(id));
			claim('vote-results', reach(bars, next));
			const speech = lazy.filter((id) => SPEECH.test(id));
			claim('vote-speech', reach(speech, next));
			claim(
				'vote-lazy',
				reach(
					lazy.filter((id) => !bars.includes(id) && !speech.includes(id)),
					next
				)
			);
			claim('workshop', reach(PAGES.workshop, next));
			claim('hub', reach(PAGES.hub, next));
			owner = next;
		}
	};
	return { plugin, name: (id) => owner.get(id) ?? null };
}
