// How the inclusion figures read, shared by the facilitator's panel and the projector's strip:
// small groups as « < 5 », shares as whole percents.
import { m } from '$lib/paraglide/messages';
import type { ActivityStats, SafeCount, SafeShare } from '$lib/domain/inclusion-stats';

export const INCLUSION_ACTIVITIES = [
	['present', m.agenda_inclusion_present],
	['spoke', m.agenda_inclusion_spoke],
	['voted', m.agenda_inclusion_voted],
	['wrote', m.agenda_inclusion_wrote]
] as const;

export const inclusionCount = (c: SafeCount) =>
	c.suppressed ? m.agenda_inclusion_suppressed() : String(c.value);

export const inclusionShare = (s: SafeShare) =>
	s.suppressed
		? m.agenda_inclusion_suppressed()
		: s.value === null
			? m.agenda_inclusion_no_share()
			: `${Math.round(s.value * 100)}\u202f%`;

export const inclusionCell = (split: ActivityStats['women']) =>
	`${inclusionCount(split.group)} · ${inclusionShare(split.share)}`;
