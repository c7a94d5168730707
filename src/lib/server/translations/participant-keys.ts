// Which catalog keys a participant can meet: the messages the participant routes reach through
// their imports (`m.key` and `m['key…`), plus the ones the server picks by name (refusal codes,
// SMS and USSD replies). The new languages ship these first; /langue shows their coverage; the
// manifest (src/messages/participant-keys.json) is regenerated with `npm run i18n:participant-keys`
// and a unit test fails when it is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { catalogAreas, readCatalog } from './catalog-files';

export const MANIFEST_PATH = 'src/messages/participant-keys.json';

/** The pages a participant opens (join, hub, vote, wall, opinion, documents, results, follow-up). */
export const PARTICIPANT_ENTRIES = [
	'src/routes/+layout.svelte',
	'src/routes/+error.svelte',
	'src/routes/+page.svelte',
	'src/routes/langue/+page.svelte',
	'src/routes/j/[code]/+page.svelte',
	'src/routes/w/[code]/+layout.svelte',
	'src/routes/w/[code]/+page.svelte',
	'src/routes/w/[code]/vote/[pollId]/+page@.svelte',
	'src/routes/w/[code]/mur/[documentId]/+page.svelte',
	'src/routes/w/[code]/opinion/[mapId]/+page@.svelte',
	'src/routes/w/[code]/table/[tableId]/vote/[pollId]/+page@.svelte',
	'src/routes/w/[code]/documents/[documentId]/+page.svelte',
	'src/routes/resultats/[pollId]/+page.svelte',
	'src/routes/suivi/[documentId]/+page.svelte',
	'src/routes/charte/[documentId]/+page.svelte'
];

/**
 * Components a participant page imports but only a facilitator or reviewer sees (the hub mounts
 * the run panel for facilitators): their keys stay French/English. The notifications link is
 * the review area's one component every member sees.
 */
export const FACILITATOR_ONLY =
	/facilitation\/(AgendaEditor|AgendaEditorRow|AgendaItemFields|RunPanel|JoiningControl|LiveMembers|InclusionPanel|QueuePanel|ProjectorScreen|Screen|ActiveActivity)|opinion\/(OpinionCreateForm|OpinionPanel|OpinionPromote|ScreenOpinion)|charter\/(CharterSettingsForm|CharterPublish|ArticleControls)|documents\/(DocumentControlsBar|SizeCapControl|VersionsPanel|VersionDiff|ExportMenu)|plans\/|review\/(?!NotificationsLink)|report\/|tables\/TablesPanel|animation|ecran|revue/;

/** Keys chosen by name at run time, which no `m.key` shows: area (`*`: any) → pattern. */
export const NAMED_AT_RUN_TIME: { area: string; pattern: RegExp; why: string }[] = [
	{ area: '*', pattern: /^error_/, why: 'wire errors (API, socket acks, forms, sessions)' },
	{ area: 'core', pattern: /^field_/, why: 'field names in validation messages' },
	{ area: 'votes', pattern: /^vote_error_/, why: 'ballot refusals' },
	{ area: 'wall', pattern: /^wall_error_/, why: 'idea-wall refusals' },
	{ area: 'opinion', pattern: /^opinion_error_/, why: 'opinion-map refusals' },
	{ area: 'agenda', pattern: /^agenda_error_queue_/, why: 'hand-raise refusals' },
	{ area: 'tables', pattern: /^table_error_/, why: 'table-mode refusals' },
	{ area: 'sms', pattern: /^(sms|ussd)_/, why: 'SMS and USSD replies' },
	{ area: 'limits', pattern: /./, why: 'guessing limits on the join page' }
];

function resolveImport(root: string, from: string, spec: string): string | null {
	let target: string;
	if (spec.startsWith('$lib/')) target = path.join(root, 'src/lib', spec.slice(5));
	else if (spec.startsWith('.')) target = path.join(path.dirname(from), spec);
	else return null;
	for (const candidate of [
		target,
		`${target}.ts`,
		`${target}.svelte.ts`,
		`${target}/index.ts`,
		target.replace(/\.js$/, '.ts')
	])
		if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
	return null;
}

/** The keys the files reachable from `entries` name, following relative and `$lib` imports. */
export function keysReachedFrom(root: string, entries: string[]): Set<string> {
	const seen = new Set<string>();
	const keys = new Set<string>();
	const walk = (file: string) => {
		const relative = path.relative(root, file);
		if (seen.has(file) || FACILITATOR_ONLY.test(relative) || relative.includes('paraglide')) return;
		seen.add(file);
		const source = fs.readFileSync(file, 'utf8');
		for (const match of source.matchAll(/\bm\.([a-zA-Z0-9_]+)/g)) keys.add(match[1]);
		for (const match of source.matchAll(/\bm\[['"`]([a-zA-Z0-9_]+)/g)) keys.add(match[1]);
		for (const match of source.matchAll(/(?:import|from)\s*\(?\s*['"]([^'"]+)['"]/g)) {
			const next = resolveImport(root, file, match[1]);
			if (next) walk(next);
		}
	};
	for (const entry of entries) walk(path.join(root, entry));
	return keys;
}

/**
 * area → sorted participant keys. A `m['prefix_` (a key built at run time) counts every French key
 * starting with that prefix.
 */
export function participantKeys(root: string): Record<string, string[]> {
	const reached = keysReachedFrom(root, PARTICIPANT_ENTRIES);
	const manifest: Record<string, string[]> = {};
	for (const area of catalogAreas(root)) {
		const french = Object.keys(readCatalog(root, area, 'fr'));
		const keys = french.filter(
			(key) =>
				reached.has(key) ||
				[...reached].some((r) => r.endsWith('_') && key.startsWith(r)) ||
				NAMED_AT_RUN_TIME.some(
					(rule) => (rule.area === '*' || rule.area === area) && rule.pattern.test(key)
				)
		);
		if (keys.length) manifest[area] = keys.sort();
	}
	return manifest;
}
