// Who may do what, written once as data: every service method asks `decide` (through
// requireAccess on the server) before it does anything, on every channel (HTTP, socket.io,
// /collab). docs/permissions.md is generated from this table (`npm run docs:permissions`).
//
// Adding an action is one entry in RULES (and one channel entry in the table-driven test, which
// fails until it has one).
import { MEMBER_ROLES, type MemberRole } from './workshop';

/**
 * Who is asking: a member's role, an authenticated non-member (`outsider`) or nobody signed in
 * (`public`).
 */
export const PRINCIPALS = [...MEMBER_ROLES, 'outsider', 'public'] as const;
export type Principal = (typeof PRINCIPALS)[number];

/**
 * What the action is about decides the "not found" an outsider gets: a non-member must not learn
 * whether a workshop, a document or a poll exists.
 */
export type Scope = 'workshop' | 'document' | 'poll' | 'opinion';
export const NOT_FOUND = {
	workshop: 'workshop_not_found',
	document: 'not_found',
	poll: 'poll_not_found',
	opinion: 'not_found'
} as const satisfies Record<Scope, string>;

/** The resource's state, where a rule depends on it. Unknown fields are simply not consulted. */
export interface ResourceState {
	/** A locked document: nobody writes, the facilitator unlocks. */
	locked?: boolean;
	/** Roles a facilitator granted writing on this document (observers, reviewers). */
	writeGrants?: readonly MemberRole[];
	/** The caller is the author / the subject (their amendment, their hand in the queue). */
	own?: boolean;
	/** A poll the room can see (a draft is the facilitators' only). */
	visible?: boolean;
	/** Published results: open data, readable without an account. */
	published?: boolean;
	/** The poll's eligible roles (nominations: who may put names forward). */
	eligibleRoles?: readonly MemberRole[];
	/** The caller is the relay of the table concerned (one phone per table). */
	relay?: boolean;
}

/**
 * Conditions on the resource state, each with its refusal. They are applied after the role check,
 * in the order listed, and only to members (outsiders and the public never get this far).
 */
export type Condition =
	/** Roles in `state.writeGrants` are allowed too (observers, reviewers granted writing). */
	| 'grants'
	/** Refused while `state.locked`, whatever the role (reason `locked`). */
	| 'unlocked'
	/** Only the author / the person concerned, or a facilitator. */
	| 'own_or_facilitator'
	/** Only the author. */
	| 'own'
	/** Hidden unless `state.visible` from everyone but facilitators, as "not found". */
	| 'visible'
	/** Roles come from `state.eligibleRoles` (the poll's settings), refusal `not_eligible`. */
	| 'eligible'
	/** Only the table's relay (`state.relay`), whatever the role: a facilitator included. */
	| 'relay';

export interface Rule {
	scope: Scope;
	/** Member roles allowed (before conditions). */
	roles: readonly MemberRole[];
	conditions?: readonly Condition[];
	/** Anyone, signed in or not, once `state.published` (results as open data). */
	publicWhenPublished?: true;
	/**
	 * Before publication a visitor without a session gets the scope's "not found" (the public page
	 * does not exist yet), not `unauthenticated` (sign in to see it).
	 */
	hiddenUntilPublished?: true;
	/** One line for docs/permissions.md. */
	summary: string;
}

const ALL: readonly MemberRole[] = MEMBER_ROLES;
const FACILITATOR: readonly MemberRole[] = ['facilitator'];
/** Those who take the floor: observers watch. */
const SPEAKERS: readonly MemberRole[] = ['facilitator', 'participant', 'reviewer'];
/** Reviewers (the mayor, councillors) and the facilitators who answer them. */
const REVIEW: readonly MemberRole[] = ['facilitator', 'reviewer'];
/** Default writers of workshop texts; observers and reviewers read unless granted. */
const WRITERS: readonly MemberRole[] = ['facilitator', 'participant'];
/** Who may hold a table's shared phone: the facilitator, or a participant they trust. */
const RELAYS: readonly MemberRole[] = ['facilitator', 'participant'];

export const RULES = {
	// Workshop
	'workshop.read': { scope: 'workshop', roles: ALL, summary: 'See the workshop and its counts' },
	'workshop.joining': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Open or close joining by code'
	},
	'workshop.end': { scope: 'workshop', roles: FACILITATOR, summary: 'End the workshop' },
	'member.list': { scope: 'workshop', roles: FACILITATOR, summary: 'List the members' },
	'member.role': { scope: 'workshop', roles: FACILITATOR, summary: "Change a member's role" },
	'member.remove': { scope: 'workshop', roles: FACILITATOR, summary: 'Remove a member' },
	'member.invite': { scope: 'workshop', roles: FACILITATOR, summary: 'Create an invitation link' },
	'inclusion.read': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Inclusion panel (who spoke, who wrote)'
	},
	'report.read': {
		scope: 'workshop',
		roles: REVIEW,
		summary: 'Workshop report (PDF, DOCX)'
	},
	// Agenda
	'agenda.read': { scope: 'workshop', roles: ALL, summary: 'See the agenda and its clock' },
	'agenda.edit': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Edit the rounds (with what the room does not see)'
	},
	'agenda.command': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Run the agenda (start, pause, next, extend)'
	},
	// Speaking queue
	'queue.read': { scope: 'workshop', roles: ALL, summary: 'See the queue and the reactions' },
	'queue.raise': { scope: 'workshop', roles: SPEAKERS, summary: 'Raise a hand' },
	'queue.lower': {
		scope: 'workshop',
		roles: ALL,
		conditions: ['own_or_facilitator'],
		summary: 'Lower a hand (their own; a facilitator any)'
	},
	'queue.react': { scope: 'workshop', roles: SPEAKERS, summary: 'Send a reaction' },
	'queue.moderate': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Give the floor, end a turn, set priority, read the turns'
	},
	// Polls
	'poll.create': { scope: 'workshop', roles: FACILITATOR, summary: 'Create a poll' },
	'poll.list': {
		scope: 'workshop',
		roles: ALL,
		summary: "List the workshop's polls (drafts: facilitators only)"
	},
	'poll.read': {
		scope: 'poll',
		roles: ALL,
		conditions: ['visible'],
		summary: 'See a poll (a draft: facilitators only)'
	},
	'poll.vote': {
		scope: 'poll',
		roles: ALL,
		summary: 'Vote (eligible roles and open state: the poll settings, checked by the ballot rules)'
	},
	'poll.command': {
		scope: 'poll',
		roles: FACILITATOR,
		summary: 'Open, close, reopen, reveal, publish a poll'
	},
	'poll.count': {
		scope: 'poll',
		roles: FACILITATOR,
		summary: 'Add a room count (show of hands, paper)'
	},
	'poll.results': {
		scope: 'poll',
		roles: ALL,
		publicWhenPublished: true,
		hiddenUntilPublished: true,
		summary: 'Read results (members: as the reveal policy allows)'
	},
	'nomination.propose': {
		scope: 'poll',
		roles: ALL,
		conditions: ['eligible'],
		summary: "Put a name forward (the poll's eligible roles)"
	},
	'nomination.moderate': {
		scope: 'poll',
		roles: FACILITATOR,
		summary: 'Merge proposals, shortlist candidates'
	},
	// Documents
	'document.create': { scope: 'workshop', roles: FACILITATOR, summary: 'Create a document' },
	'document.list': { scope: 'workshop', roles: ALL, summary: "List the workshop's documents" },
	'document.read': {
		scope: 'document',
		roles: ALL,
		summary: 'Open a document (read on /collab), its versions, diffs, exports'
	},
	'document.export': {
		scope: 'document',
		roles: ALL,
		publicWhenPublished: true,
		summary: 'Export (Markdown, HTML, PDF, DOCX)'
	},
	'document.edit': {
		scope: 'document',
		roles: WRITERS,
		conditions: ['grants', 'unlocked'],
		summary: 'Write in a document (/collab updates)'
	},
	'document.lock': { scope: 'document', roles: FACILITATOR, summary: 'Lock or unlock' },
	'document.grants': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Grant writing to observers or reviewers'
	},
	'document.size_cap': { scope: 'document', roles: FACILITATOR, summary: 'Raise the size cap' },
	'document.publish': { scope: 'document', roles: FACILITATOR, summary: 'Publish or unpublish' },
	'document.version': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Save a named version, restore one'
	},
	// Idea wall
	'wall.read': { scope: 'document', roles: ALL, summary: 'See the wall and the dots' },
	'wall.dot': { scope: 'document', roles: SPEAKERS, summary: 'Place or remove a dot' },
	'wall.moderate': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Wall settings, reveal, moderate a card, promote to a document'
	},
	// Charter
	'charter.read': {
		scope: 'document',
		roles: ALL,
		summary: 'Articles, settings, amendments of a charter'
	},
	'charter.configure': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Charter settings and article structure'
	},
	'charter.vote': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Put an article or an amendment to the vote'
	},
	'charter.adopt': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Set an article adopted, or reopen it'
	},
	'charter.publish': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Publish the consolidated charter'
	},
	'charter.consolidated': {
		scope: 'document',
		roles: ALL,
		publicWhenPublished: true,
		hiddenUntilPublished: true,
		summary: 'Read the consolidated charter'
	},
	'charter.amend': {
		scope: 'document',
		roles: WRITERS,
		conditions: ['grants', 'unlocked'],
		summary: 'Propose an amendment (who may write the charter)'
	},
	'charter.support': { scope: 'document', roles: SPEAKERS, summary: 'Support an amendment' },
	'charter.withdraw': {
		scope: 'document',
		roles: ALL,
		conditions: ['own_or_facilitator'],
		summary: 'Withdraw an amendment (its author or a facilitator)'
	},
	'charter.revise': {
		scope: 'document',
		roles: ALL,
		conditions: ['own'],
		summary: 'Revise or re-anchor an amendment (its author)'
	},
	// Action plans
	'plan.read': {
		scope: 'workshop',
		roles: ALL,
		summary: 'Plan settings (axes, currency), shown on every plan page'
	},
	'plan.configure': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Plan drafting settings (currency, charter link)'
	},
	'plan.draft': {
		scope: 'document',
		roles: FACILITATOR,
		summary: 'Turn a charter article into an action'
	},
	'plan.submit': { scope: 'document', roles: FACILITATOR, summary: 'Submit a version for review' },
	'plan.sign': { scope: 'document', roles: ['reviewer'], summary: 'Approve (sign) or send back' },
	'plan.comment': {
		scope: 'document',
		roles: REVIEW,
		summary: 'Comment on a submitted version (the thread: any member reads it)'
	},
	'plan.followup': {
		scope: 'document',
		roles: REVIEW,
		summary: 'Post a follow-up of an approved action'
	},
	// One phone per table
	'table.create': {
		scope: 'workshop',
		roles: FACILITATOR,
		summary: 'Create a table on this device, or make a participant a table relay; list the tables'
	},
	'table.register': {
		scope: 'workshop',
		roles: RELAYS,
		conditions: ['relay'],
		summary: 'Register members on my table, or take them off (its relay)'
	},
	'table.act_for': {
		scope: 'workshop',
		roles: RELAYS,
		conditions: ['relay'],
		summary: 'Vote, raise a hand, post a card for a member of my table (its relay)'
	},
	// Carte des opinions
	'opinion.create': { scope: 'workshop', roles: FACILITATOR, summary: 'Create an opinion map' },
	'opinion.list': { scope: 'workshop', roles: ALL, summary: "List the workshop's opinion maps" },
	'opinion.read': {
		scope: 'opinion',
		roles: ALL,
		summary: 'See a map, its statements and its analysis (never anyone else’s votes)'
	},
	'opinion.take_part': {
		scope: 'opinion',
		roles: SPEAKERS,
		summary: 'Write statements and vote on them (observers, such as the projector, only read)'
	},
	'opinion.moderate': {
		scope: 'opinion',
		roles: FACILITATOR,
		summary: 'Open or close the map, approve or hide statements'
	},
	'opinion.promote': {
		scope: 'opinion',
		roles: FACILITATOR,
		summary: 'Turn a statement into an article, an amendment or a plan action'
	},
	'opinion.export': {
		scope: 'opinion',
		roles: FACILITATOR,
		summary: 'Export statements with their counts per group (CSV, JSON)'
	}
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export type Decision =
	{ allowed: true } | { allowed: false; denied: DenialCode; reason?: 'locked' };
export type DenialCode =
	(typeof NOT_FOUND)[Scope] | 'unauthenticated' | 'forbidden' | 'not_eligible';

const ALLOWED: Decision = { allowed: true };
const deny = (denied: DenialCode, reason?: 'locked'): Decision =>
	reason ? { allowed: false, denied, reason } : { allowed: false, denied };

/** The one decision: role × action × resource state. Pure. */
export function decide(principal: Principal, action: Action, state: ResourceState = {}): Decision {
	const rule: Rule = RULES[action];
	if (principal === 'public' || principal === 'outsider') {
		if (rule.publicWhenPublished && state.published) return ALLOWED;
		if (principal === 'outsider' || rule.hiddenUntilPublished) return deny(NOT_FOUND[rule.scope]);
		return deny('unauthenticated');
	}
	const conditions = rule.conditions ?? [];
	let roles = rule.roles;
	if (conditions.includes('eligible')) roles = state.eligibleRoles ?? [];
	if (conditions.includes('grants')) roles = [...roles, ...(state.writeGrants ?? [])];
	if (!roles.includes(principal)) {
		if (conditions.includes('eligible')) return deny('not_eligible');
		return deny('forbidden');
	}
	const facilitator = principal === 'facilitator';
	// A condition whose state was not given refuses: a caller that forgets the state fails closed.
	for (const condition of conditions) {
		if (condition === 'unlocked' && state.locked !== false) return deny('forbidden', 'locked');
		if (condition === 'own_or_facilitator' && !facilitator && state.own !== true)
			return deny('forbidden');
		if (condition === 'own' && state.own !== true) return deny('forbidden');
		if (condition === 'relay' && state.relay !== true) return deny('forbidden');
		if (condition === 'visible' && !facilitator && state.visible !== true)
			return deny(NOT_FOUND[rule.scope]);
	}
	return ALLOWED;
}

export function allows(principal: Principal, action: Action, state?: ResourceState): boolean {
	return decide(principal, action, state).allowed;
}

/**
 * Actions whose rule admits every member role (state conditions aside): a cached membership is
 * enough for them, a role change cannot turn their answer from no to yes.
 */
export function openToEveryMember(action: Action): boolean {
	const rule: Rule = RULES[action];
	return MEMBER_ROLES.every((r) => rule.roles.includes(r));
}
