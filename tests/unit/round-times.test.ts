import { describe, expect, it } from 'vitest';
import { actualRoundTimes, type AgendaAuditEvent } from '../../src/lib/domain/round-times';

const ev = (action: string, subject: string | null, at: number): AgendaAuditEvent => ({
	action: `agenda.${action}`,
	subject,
	at
});

describe('actual round times from the agenda audit lines', () => {
	it('dates a round from its start to a finish, the bell or moving on', () => {
		const times = actualRoundTimes([
			ev('start', 'a', 100),
			ev('pause', 'a', 150),
			ev('resume', 'a', 160),
			ev('finish', 'a', 200),
			ev('next', 'b', 210),
			ev('start', 'b', 220),
			ev('round_end', 'b', 400),
			ev('next', 'c', 410),
			ev('start', 'c', 500),
			ev('next', 'd', 600)
		]);
		expect(times.get('a')).toEqual({ startedAt: 100, endedAt: 200 });
		expect(times.get('b')).toEqual({ startedAt: 220, endedAt: 400 });
		// Moving on while the round ran ends it.
		expect(times.get('c')).toEqual({ startedAt: 500, endedAt: 600 });
		// Visited, never started: no times.
		expect(times.get('d')).toBeUndefined();
	});

	it('keeps the first start and the latest end of a round run twice', () => {
		const times = actualRoundTimes([
			ev('start', 'a', 100),
			ev('next', 'b', 200),
			ev('previous', 'a', 300),
			ev('start', 'a', 310),
			ev('finish', 'a', 390)
		]);
		expect(times.get('a')).toEqual({ startedAt: 100, endedAt: 390 });
		expect(times.get('b')).toBeUndefined();
	});

	it('does not end a round on a move when it was already finished', () => {
		const times = actualRoundTimes([
			ev('start', 'a', 100),
			ev('finish', 'a', 200),
			ev('next', 'b', 900)
		]);
		expect(times.get('a')).toEqual({ startedAt: 100, endedAt: 200 });
	});

	it('leaves a round still running open-ended', () => {
		expect(actualRoundTimes([ev('start', 'a', 100)]).get('a')).toEqual({
			startedAt: 100,
			endedAt: null
		});
	});
});
