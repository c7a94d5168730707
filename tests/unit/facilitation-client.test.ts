import { describe, expect, it } from 'vitest';
import { toInput, type DraftRound } from '../../src/lib/client/agenda-draft.svelte';
import { formatElapsed } from '../../src/lib/client/queue-live.svelte';
import { activityPath } from '../../src/lib/client/activity-path';
import type { AgendaLive } from '../../src/lib/client/agenda-live.svelte';
import { RoundCue } from '../../src/lib/client/round-cue.svelte';
import { agendaPutSchema } from '../../src/lib/domain/agenda';

const round = (patch: Partial<DraftRound> = {}): DraftRound => ({
	key: 'k1',
	title: '  Idéation en tables ',
	kind: 'ideation',
	minutes: 15,
	instructions: '',
	linkType: '',
	linkId: '',
	lockDocument: false,
	closePoll: false,
	...patch
});

describe('the agenda editor draft', () => {
	it('sends a round as the PUT schema wants it: trimmed, in seconds, empty fields left out', () => {
		const input = toInput(round({ id: 'a1' }));
		expect(input).toEqual({
			id: 'a1',
			title: 'Idéation en tables',
			kind: 'ideation',
			durationSeconds: 900
		});
		expect(agendaPutSchema.safeParse([input]).success).toBe(true);
	});

	it('keeps an end-of-round option only with its matching link, so a save is never refused', () => {
		const lockWithoutDocument = toInput(
			round({ linkType: 'poll', linkId: 'p1', lockDocument: true, closePoll: true })
		);
		expect(lockWithoutDocument.onEnd).toEqual({ closePoll: true });
		expect(lockWithoutDocument.linked).toEqual({ type: 'poll', id: 'p1' });
		const linkWithoutId = toInput(round({ linkType: 'document', lockDocument: true }));
		expect(linkWithoutId.linked).toBeUndefined();
		expect(linkWithoutId.onEnd).toBeUndefined();
		expect(agendaPutSchema.safeParse([lockWithoutDocument, linkWithoutId]).success).toBe(true);
	});
});

describe('the speaking turn clock', () => {
	it('shows elapsed time rounded down, with hours only when needed', () => {
		expect(formatElapsed(59_999)).toBe('0:59');
		expect(formatElapsed(61_000)).toBe('1:01');
		expect(formatElapsed(3_723_000)).toBe('1:02:03');
		expect(formatElapsed(-5)).toBe('0:00');
	});
});

describe('following the current round', () => {
	it('sends phones to a linked document, and stays on the workshop page for activities without a page', () => {
		expect(activityPath('MEB76A', { type: 'document', id: 'd1' })).toBe('/w/MEB76A/documents/d1');
		expect(activityPath('MEB76A', undefined)).toBe('/w/MEB76A');
		expect(activityPath('MEB76A', { type: 'wall', id: 'w1' })).toBe('/w/MEB76A/mur/w1');
	});
});

describe('the end-of-round cue', () => {
	it('rings when the watched round runs out, never for a round already over on arrival', () => {
		const agenda = { round: { id: 'r1', title: 'Accueil' }, timeUp: true };
		const cue = new RoundCue(agenda as unknown as AgendaLive);
		cue.observe();
		expect(cue.ended).toBeNull();
		agenda.round = { id: 'r2', title: 'Idéation' };
		agenda.timeUp = false;
		cue.observe();
		expect(cue.ended).toBeNull();
		agenda.timeUp = true;
		cue.observe();
		expect(cue.ended).toBe('Idéation');
		cue.close();
	});
});
