// Self-declared, optional profile fields used only for aggregated inclusion statistics.
export const GENDERS = ['woman', 'man', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

export const AGE_BRACKETS = ['under_18', '18_24', '25_34', '35_49', '50_plus'] as const;
export type AgeBracket = (typeof AGE_BRACKETS)[number];

/** "Youth" in the programmes (Civic Tech 227, Local Open GovLab) means under 35. */
export function isUnder35(bracket: AgeBracket | null | undefined): boolean {
	return bracket === 'under_18' || bracket === '18_24' || bracket === '25_34';
}
