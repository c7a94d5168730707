// Layout of the plan's Gantt-like timeline: a month scale and one bar per action that has a valid
// start and deadline. Pure numbers for an SVG drawn without a chart library; the component only
// draws what this returns.
import { isIsoDate } from './action-plan';

export interface TimelineItem {
	id: string;
	title: string;
	start: string;
	deadline: string;
}

export interface TimelineOptions {
	/** Total width of the drawing, labels included. */
	width: number;
	/** Room on the left for the action titles. */
	labelWidth: number;
	rowHeight: number;
	/** Height of the month scale above the bars. */
	scaleHeight: number;
}

export interface MonthTick {
	/** `YYYY-MM`. */
	month: string;
	x: number;
	width: number;
}

export interface TimelineBar extends TimelineItem {
	row: number;
	x: number;
	y: number;
	width: number;
	height: number;
}

export interface TimelineLayout {
	width: number;
	height: number;
	months: MonthTick[];
	bars: TimelineBar[];
	/** Actions left out: no dates, an invalid date, or a deadline not after the start. */
	skipped: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = {
	width: 720,
	labelWidth: 180,
	rowHeight: 24,
	scaleHeight: 28
};

const DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of an ISO date. */
export function dayNumber(iso: string): number {
	const [y, m, d] = iso.split('-').map(Number);
	return Date.UTC(y, m - 1, d) / DAY;
}

/** First day of the month of a day number, and of the next month. */
function monthStart(year: number, month0: number): number {
	return Date.UTC(year, month0, 1) / DAY;
}

/** The months from the one containing `first` to the one containing `last`, inclusive. */
export function monthsBetween(first: string, last: string): string[] {
	let [y, m] = first.split('-').map(Number);
	const [ly, lm] = last.split('-').map(Number);
	const months: string[] = [];
	while (y < ly || (y === ly && m <= lm)) {
		months.push(`${y}-${String(m).padStart(2, '0')}`);
		m += 1;
		if (m > 12) {
			m = 1;
			y += 1;
		}
	}
	return months;
}

export function timelineLayout(
	items: readonly TimelineItem[],
	options: TimelineOptions = DEFAULT_TIMELINE
): TimelineLayout {
	const dated = items.filter(
		(item) => isIsoDate(item.start) && isIsoDate(item.deadline) && item.deadline > item.start
	);
	const skipped = items.length - dated.length;
	if (dated.length === 0) return { width: options.width, height: 0, months: [], bars: [], skipped };

	const first = dated.reduce((min, item) => (item.start < min ? item.start : min), dated[0].start);
	const last = dated.reduce(
		(max, item) => (item.deadline > max ? item.deadline : max),
		dated[0].deadline
	);
	const months = monthsBetween(first, last);
	const [fy, fm] = months[0].split('-').map(Number);
	const [ly, lm] = months[months.length - 1].split('-').map(Number);
	const from = monthStart(fy, fm - 1);
	const to = monthStart(ly, lm); // the day after the last month
	const plot = Math.max(1, options.width - options.labelWidth);
	const x = (day: number) => options.labelWidth + ((day - from) / (to - from)) * plot;

	const ticks: MonthTick[] = months.map((month) => {
		const [y, m] = month.split('-').map(Number);
		const start = x(monthStart(y, m - 1));
		return { month, x: start, width: x(monthStart(y, m)) - start };
	});
	const barHeight = Math.round(options.rowHeight * 0.6);
	const bars: TimelineBar[] = dated.map((item, row) => {
		const left = x(dayNumber(item.start));
		// The deadline day is part of the action: the bar ends at the end of that day.
		const right = x(dayNumber(item.deadline) + 1);
		return {
			...item,
			row,
			x: left,
			width: right - left,
			y: options.scaleHeight + row * options.rowHeight + (options.rowHeight - barHeight) / 2,
			height: barHeight
		};
	});
	return {
		width: options.width,
		height: options.scaleHeight + dated.length * options.rowHeight,
		months: ticks,
		bars,
		skipped
	};
}
