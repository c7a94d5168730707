// The cue when a round ends: a visible banner for everyone watching, and on request a short beep
// made with WebAudio (no sound file to download on prepaid data). The sound choice is kept per
// device, since the projector laptop and the facilitator's phone want different things.
import type { AgendaLive } from './agenda-live.svelte';

const SOUND_KEY = 'palabre.roundEndSound';
/** How long the banner stays up by itself (the facilitator usually moves on sooner). */
const BANNER_MS = 15_000;

/** Two short tones (A5 then E5): audible over a room's murmur, not alarming. */
export function beep(context: AudioContext) {
	const start = context.currentTime;
	for (const [i, frequency] of [880, 659].entries()) {
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.type = 'sine';
		oscillator.frequency.value = frequency;
		const at = start + i * 0.35;
		gain.gain.setValueAtTime(0.0001, at);
		gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
		gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.3);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(at);
		oscillator.stop(at + 0.32);
	}
}

export class RoundCue {
	sound = $state(false);
	/** Title of the round that just ended while this screen watched, or null. */
	ended = $state<string | null>(null);
	private audio: AudioContext | null = null;
	private wasUp = false;
	private watchedId: string | null = null;
	private hide: ReturnType<typeof setTimeout> | null = null;

	constructor(private agenda: AgendaLive) {
		this.sound = globalThis.localStorage?.getItem(SOUND_KEY) === 'on';
	}

	/**
	 * Called from an effect on every agenda change: rings on the transition to "time up" of the
	 * same round, never on page load for a round that was already over.
	 */
	observe() {
		const id = this.agenda.round?.id ?? null;
		const up = this.agenda.timeUp;
		if (id !== this.watchedId) {
			this.watchedId = id;
			this.wasUp = up;
			this.ended = null;
			return;
		}
		if (up && !this.wasUp) this.ring(this.agenda.round?.title ?? '');
		this.wasUp = up;
	}

	/** The toggle is a click, the user gesture browsers require before any sound. */
	setSound(on: boolean) {
		this.sound = on;
		globalThis.localStorage?.setItem(SOUND_KEY, on ? 'on' : 'off');
		if (on) {
			this.audio ??= new AudioContext();
			void this.audio.resume();
		}
	}

	private ring(title: string) {
		this.ended = title;
		if (this.hide) clearTimeout(this.hide);
		this.hide = setTimeout(() => (this.ended = null), BANNER_MS);
		if (!this.sound) return;
		try {
			this.audio ??= new AudioContext();
			beep(this.audio);
		} catch {
			// No audio device (or blocked until a gesture): the banner is the cue.
		}
	}

	dismiss() {
		this.ended = null;
	}

	close() {
		if (this.hide) clearTimeout(this.hide);
		void this.audio?.close();
	}
}
