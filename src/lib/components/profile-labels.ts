import { m } from '$lib/paraglide/messages';
import type { AgeBracket, Gender } from '$lib/domain/profile';

export const genderLabel: Record<Gender, () => string> = {
	woman: m.gender_woman,
	man: m.gender_man,
	other: m.gender_other
};

export const ageLabel: Record<AgeBracket, () => string> = {
	under_18: m.age_under_18,
	'18_24': m.age_18_24,
	'25_34': m.age_25_34,
	'35_49': m.age_35_49,
	'50_plus': m.age_50_plus
};
