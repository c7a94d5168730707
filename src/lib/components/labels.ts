// Catalog lookups for enumerated values (workshop kinds, roles…), so components never spell them.
import { m } from '$lib/paraglide/messages';
import type { MemberRole, WorkshopKind, WORKSHOP_LANGUAGES } from '$lib/domain/workshop';

export const kindLabel: Record<WorkshopKind, () => string> = {
	collaborathon: m.kind_collaborathon,
	bootcamp: m.kind_bootcamp,
	hackathon: m.kind_hackathon,
	concertation: m.kind_concertation,
	conference: m.kind_conference
};

export const roleLabel: Record<MemberRole, () => string> = {
	facilitator: m.role_facilitator,
	participant: m.role_participant,
	observer: m.role_observer,
	reviewer: m.role_reviewer
};

/** Language names are written in each language (autonyms), as people look for their own. */
export const languageLabel: Record<(typeof WORKSHOP_LANGUAGES)[number], () => string> = {
	fr: m.language_fr,
	en: m.language_en,
	ha: m.language_ha,
	wo: m.language_wo,
	dje: m.language_dje,
	ff: m.language_ff,
	bm: m.language_bm
};
