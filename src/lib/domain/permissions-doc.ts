// docs/permissions.md, rendered from the permission table: `npm run docs:permissions` writes it
// and a unit test fails when the committed file differs, so the document cannot drift.
import {
	ACTIONS,
	NOT_FOUND,
	PRINCIPALS,
	RULES,
	type Action,
	type Condition,
	type Principal,
	type Rule
} from './permissions';

const CONDITION_TEXT: Record<Condition, string> = {
	grants: 'roles the facilitator granted writing on the document too',
	unlocked: 'not while the document is locked (`forbidden`, reason `locked`; /collab: `locked`)',
	own_or_facilitator: 'their own only, unless facilitator (`forbidden`)',
	own: 'their own only (`forbidden`)',
	visible: 'a draft is hidden from all but facilitators (`poll_not_found`)',
	eligible: "only the poll's eligible roles (`not_eligible`)",
	relay: "only the table's relay, a facilitator included (`forbidden`)"
};

/** One cell: ✓ allowed, ✓* allowed under the action's conditions, else the refusal code. */
function cell(rule: Rule, principal: Principal): string {
	if (principal === 'public' || principal === 'outsider') {
		const refusal =
			principal === 'public' && !rule.hiddenUntilPublished
				? 'unauthenticated'
				: NOT_FOUND[rule.scope];
		return rule.publicWhenPublished ? `published ✓, else ${refusal}` : refusal;
	}
	const conditions = rule.conditions ?? [];
	if (rule.roles.includes(principal)) return conditions.length ? '✓*' : '✓';
	if (conditions.includes('grants') && principal !== 'facilitator' && principal !== 'participant')
		return 'if granted';
	if (conditions.includes('eligible')) return '✓*';
	return 'forbidden';
}

export function renderPermissionsDoc(): string {
	const lines = [
		'# Permissions',
		'',
		'<!-- Generated from src/lib/domain/permissions.ts by `npm run docs:permissions`. Do not edit:',
		'     tests/unit/permissions-doc.test.ts fails when this file and the table differ. -->',
		'',
		'Who may do what in a workshop. Every service method asks this table first',
		'(`requireAccess` in `src/lib/server/services/access.ts`), whichever channel the call came',
		'by: HTTP, socket.io or `/collab`. Roles: the four member roles, `outsider` (signed in, not a',
		'member of the workshop) and `public` (no session).',
		'',
		'A refusal is an error code of the API (`docs/api.md`): a non-member gets the "not found" of',
		'what they asked about (workshop, document or poll), so nothing leaks about whether it exists;',
		'a member without the right gets `forbidden`. `✓*`: allowed under the conditions listed below',
		'the table.',
		'',
		`| Action | ${PRINCIPALS.join(' | ')} |`,
		`| --- | ${PRINCIPALS.map(() => '---').join(' | ')} |`
	];
	for (const action of ACTIONS) {
		const rule: Rule = RULES[action];
		lines.push(
			`| \`${action}\` | ${PRINCIPALS.map((principal) => cell(rule, principal)).join(' | ')} |`
		);
	}
	lines.push('', '## Actions', '');
	for (const action of ACTIONS) lines.push(describe(action));
	lines.push('');
	return lines.join('\n');
}

function describe(action: Action): string {
	const rule: Rule = RULES[action];
	const conditions = (rule.conditions ?? []).map((c) => CONDITION_TEXT[c]);
	if (rule.publicWhenPublished) conditions.push('anyone, signed in or not, once published');
	const tail = conditions.length ? ` — ${conditions.join('; ')}` : '';
	return `- \`${action}\` (${rule.scope}): ${rule.summary}${tail}.`;
}
