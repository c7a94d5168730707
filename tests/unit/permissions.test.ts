import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	ACTIONS,
	NOT_FOUND,
	PRINCIPALS,
	RULES,
	allows,
	decide,
	openToEveryMember,
	type Rule
} from '../../src/lib/domain/permissions';
import { renderPermissionsDoc } from '../../src/lib/domain/permissions-doc';
import { documentWriteAccess } from '../../src/lib/domain/documents';
import { isErrorCode, ERROR_STATUS } from '../../src/lib/protocol/errors';

describe('the permission table', () => {
	it('refuses with existing wire codes only, and hides resources from non-members', () => {
		for (const action of ACTIONS) {
			const rule: Rule = RULES[action];
			for (const principal of PRINCIPALS) {
				const decision = decide(principal, action);
				if (!decision.allowed) expect(isErrorCode(decision.denied)).toBe(true);
			}
			expect(decide('outsider', action)).toEqual({
				allowed: false,
				denied: NOT_FOUND[rule.scope]
			});
			const publicRefusal = rule.hiddenUntilPublished ? NOT_FOUND[rule.scope] : 'unauthenticated';
			expect(decide('public', action)).toEqual({ allowed: false, denied: publicRefusal });
			expect(ERROR_STATUS[NOT_FOUND[rule.scope]]).toBe(404);
		}
	});

	it('lets a facilitator do everything a member may, but sign or revise another author’s words, or act through another relay’s table', () => {
		const full = {
			locked: false,
			own: false,
			visible: false,
			eligibleRoles: ['facilitator'] as const
		};
		const notFacilitator = ACTIONS.filter((a) => !allows('facilitator', a, full));
		// The mayor signs; an amendment's words are its author's to revise; a table's phone is its
		// relay's.
		expect(notFacilitator).toEqual([
			'charter.revise',
			'plan.sign',
			'table.register',
			'table.act_for'
		]);
	});

	it('lets only a table’s relay register names on it and act for them, whatever their role', () => {
		for (const action of ['table.register', 'table.act_for'] as const) {
			expect(allows('participant', action, { relay: true })).toBe(true);
			expect(allows('facilitator', action, { relay: true })).toBe(true);
			expect(decide('participant', action, { relay: false })).toEqual({
				allowed: false,
				denied: 'forbidden'
			});
			expect(decide('facilitator', action)).toEqual({ allowed: false, denied: 'forbidden' });
			// Observers and reviewers never hold a table's phone.
			expect(allows('observer', action, { relay: true })).toBe(false);
			expect(allows('reviewer', action, { relay: true })).toBe(false);
		}
		expect(allows('facilitator', 'table.create')).toBe(true);
		expect(allows('participant', 'table.create')).toBe(false);
	});

	it('fails closed when a condition is not given its state', () => {
		expect(decide('participant', 'queue.lower').allowed).toBe(false);
		expect(decide('participant', 'queue.lower', { own: true }).allowed).toBe(true);
		expect(decide('facilitator', 'queue.lower').allowed).toBe(true);
		expect(decide('participant', 'document.edit')).toEqual({
			allowed: false,
			denied: 'forbidden',
			reason: 'locked'
		});
		expect(decide('participant', 'nomination.propose')).toEqual({
			allowed: false,
			denied: 'not_eligible'
		});
		expect(decide('participant', 'poll.read')).toEqual({
			allowed: false,
			denied: 'poll_not_found'
		});
	});

	it('widens writing by grants, and a lock binds every role', () => {
		const grants = ['observer'] as const;
		expect(documentWriteAccess('observer', { locked: false, writeGrants: [] })).toBe('read_only');
		expect(documentWriteAccess('observer', { locked: false, writeGrants: grants })).toBe(true);
		expect(documentWriteAccess('reviewer', { locked: false, writeGrants: grants })).toBe(
			'read_only'
		);
		expect(documentWriteAccess('facilitator', { locked: true, writeGrants: [] })).toBe('locked');
		expect(documentWriteAccess('observer', { locked: true, writeGrants: grants })).toBe('locked');
		expect(documentWriteAccess('observer', { locked: true, writeGrants: [] })).toBe('read_only');
	});

	it('opens published results and charters to anyone, and nothing else', () => {
		const open = ACTIONS.filter((a) => allows('public', a, { published: true }));
		expect(open).toEqual(['poll.results', 'document.export', 'charter.consolidated']);
		expect(allows('outsider', 'poll.results', { published: false })).toBe(false);
	});

	it('caches memberships only for actions every role may do', () => {
		expect(openToEveryMember('poll.vote')).toBe(true);
		expect(openToEveryMember('poll.read')).toBe(true);
		expect(openToEveryMember('poll.command')).toBe(false);
	});
});

describe('docs/permissions.md', () => {
	it('is the table as rendered now (run `npm run docs:permissions`)', () => {
		const committed = readFileSync(new URL('../../docs/permissions.md', import.meta.url), 'utf8');
		expect(committed).toBe(renderPermissionsDoc());
	});

	it('names every action and role', () => {
		const doc = renderPermissionsDoc();
		for (const action of ACTIONS) expect(doc).toContain(`| \`${action}\` |`);
		for (const principal of PRINCIPALS) expect(doc).toContain(` ${principal} |`);
	});
});
