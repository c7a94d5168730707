// Graded ballots: score (mean of 0–5) and majority judgment (Balinski & Laraki).
//
// Majority judgment ranks options by their majority grade: the lower median of their grades
// (with an even number of grades, the lower of the two middle ones, as Balinski & Laraki define
// it). Ties are broken by the majority value, the original rule of Balinski & Laraki (2011), not
// the simplified "majority gauge": remove one median grade from each tied option and compare the
// new medians, again and again until they differ. Two options tie only when their grade
// distributions are identical; the winner is then null.
import { MAX_GRADE } from './poll-types';

/** The lower median of a distribution (ballots per grade 0–5), or null with no grade at all. */
export function lowerMedian(distribution: readonly number[]): number | null {
	const n = distribution.reduce((a, b) => a + b, 0);
	return n === 0 ? null : gradeAt(distribution, Math.floor((n - 1) / 2));
}

/** The grade at position `index` when all grades are sorted from worst to best. */
function gradeAt(distribution: readonly number[], index: number): number {
	let seen = 0;
	for (let grade = 0; grade <= MAX_GRADE; grade++) {
		seen += distribution[grade];
		if (index < seen) return grade;
	}
	throw new Error('tally: grade index out of range');
}

/**
 * Compares two options by majority value: > 0 when `a` is better. Works on distributions, so a
 * comparison costs at most 6 steps per ballot instead of sorting the grades again each time.
 */
export function compareMajorityValue(a: readonly number[], b: readonly number[]): number {
	const da = [...a];
	const db = [...b];
	let na = da.reduce((x, y) => x + y, 0);
	let nb = db.reduce((x, y) => x + y, 0);
	while (na > 0 && nb > 0) {
		const ga = gradeAt(da, Math.floor((na - 1) / 2));
		const gb = gradeAt(db, Math.floor((nb - 1) / 2));
		if (ga !== gb) return ga - gb;
		da[ga]--;
		db[gb]--;
		na--;
		nb--;
	}
	// Same median sequence: equal unless one option simply has more grades (never with
	// normalized ballots, where every ballot grades every option).
	return na - nb;
}

export interface GradeSummary {
	median: number | null;
	above: number;
	below: number;
}

/** The majority gauge: how many grades lie above and below the median, for the bar chart. */
export function gradeSummary(distribution: readonly number[]): GradeSummary {
	const median = lowerMedian(distribution);
	if (median === null) return { median, above: 0, below: 0 };
	let above = 0;
	let below = 0;
	distribution.forEach((n, grade) => {
		if (grade > median) above += n;
		else if (grade < median) below += n;
	});
	return { median, above, below };
}

export function meanScore(sum: number, ratings: number): number | null {
	return ratings === 0 ? null : sum / ratings;
}
