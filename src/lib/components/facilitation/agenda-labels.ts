// Round kinds, timer states and reactions in the member's language, for the pages phones and the
// projector load. Direct references to each message, never `m[key]`: an indexed lookup keeps
// every message of every area (both languages) in the page's bundle, and importing the keys from
// `$lib/domain/agenda` or `timer-state` would bring zod along (docs/performance.md « Page weight »).
import { m } from '$lib/paraglide/messages';
import type { RoundKind } from '$lib/domain/agenda';
import type { TimerStateName } from '$lib/domain/timer-state';
import type { Reaction } from '$lib/domain/speaking-queue';
import type { IconName } from '$lib/components/ui/icons';

const ROUND_KIND = {
	presentation: m.agenda_kind_presentation,
	ideation: m.agenda_kind_ideation,
	discussion: m.agenda_kind_discussion,
	drafting: m.agenda_kind_drafting,
	vote: m.agenda_kind_vote,
	break: m.agenda_kind_break
} satisfies Record<RoundKind, () => string>;

const TIMER_STATE = {
	idle: m.agenda_timer_state_idle,
	running: m.agenda_timer_state_running,
	paused: m.agenda_timer_state_paused,
	done: m.agenda_timer_state_done
} satisfies Record<TimerStateName, () => string>;

const REACTION = {
	thumbs_up: m.agenda_reaction_thumbs_up,
	hand: m.agenda_reaction_hand,
	question: m.agenda_reaction_question
} satisfies Record<Reaction, () => string>;

export const roundKindLabel = (kind: RoundKind) => ROUND_KIND[kind]();
export const timerStateLabel = (state: TimerStateName) => TIMER_STATE[state]();
export const reactionLabel = (reaction: Reaction) => REACTION[reaction]();

/** Icons, not emoji: a laptop without an emoji font draws those as empty boxes. */
export const REACTION_ICON = {
	thumbs_up: 'thumbs-up',
	hand: 'hand',
	question: 'question'
} as const satisfies Record<Reaction, IconName>;

/** Context key: the agenda editor's link choices (`{ current: LinkChoices }`) for its rounds. */
export const LINK_CHOICES = Symbol('agenda-link-choices');
