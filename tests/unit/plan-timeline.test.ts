import { describe, expect, it } from 'vitest';
import { dayNumber, monthsBetween, timelineLayout } from '../../src/lib/domain/plan-timeline';

const options = { width: 400, labelWidth: 100, rowHeight: 20, scaleHeight: 30 };

describe('plan timeline layout', () => {
	it('lists the months from the first start to the last deadline, across a year end', () => {
		expect(monthsBetween('2026-11-15', '2027-02-01')).toEqual([
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02'
		]);
	});

	it('scales days over whole months and ends a bar at the end of its deadline day', () => {
		// January and February 2027: 59 days over 300 px.
		const layout = timelineLayout(
			[
				{ id: 'a', title: 'Forage', start: '2027-01-01', deadline: '2027-01-31' },
				{ id: 'b', title: 'Latrines', start: '2027-02-01', deadline: '2027-02-28' }
			],
			options
		);
		expect(layout.months.map((m) => m.month)).toEqual(['2027-01', '2027-02']);
		const perDay = 300 / 59;
		expect(layout.months[0]).toMatchObject({ x: 100 });
		expect(layout.months[0].width).toBeCloseTo(31 * perDay);
		expect(layout.months[1].x).toBeCloseTo(100 + 31 * perDay);
		const [a, b] = layout.bars;
		expect(a.x).toBeCloseTo(100);
		expect(a.width).toBeCloseTo(31 * perDay);
		expect(b.x + b.width).toBeCloseTo(400);
		expect(a.row).toBe(0);
		expect(b.row).toBe(1);
		expect(b.y).toBeCloseTo(30 + 20 + (20 - 12) / 2);
		expect(layout.height).toBe(30 + 2 * 20);
		expect(layout.skipped).toBe(0);
	});

	it('leaves out undated, invalid and reversed actions and counts them', () => {
		const layout = timelineLayout(
			[
				{ id: 'a', title: 'Sans dates', start: '', deadline: '' },
				{ id: 'b', title: 'Date impossible', start: '2027-02-30', deadline: '2027-03-10' },
				{ id: 'c', title: 'À l’envers', start: '2027-05-01', deadline: '2027-04-01' },
				{ id: 'd', title: 'Marché', start: '2027-03-10', deadline: '2027-06-20' }
			],
			options
		);
		expect(layout.skipped).toBe(3);
		expect(layout.bars.map((bar) => bar.id)).toEqual(['d']);
		expect(layout.bars[0].row).toBe(0);
		expect(layout.months.map((m) => m.month)).toEqual(['2027-03', '2027-04', '2027-05', '2027-06']);
	});

	it('draws nothing without dated actions', () => {
		const layout = timelineLayout([{ id: 'a', title: 'x', start: '', deadline: '' }], options);
		expect(layout).toMatchObject({ height: 0, bars: [], months: [], skipped: 1 });
	});

	it('counts days in UTC whatever the machine’s time zone', () => {
		expect(dayNumber('1970-01-02')).toBe(1);
		expect(dayNumber('2027-03-01') - dayNumber('2027-02-28')).toBe(1);
	});
});
