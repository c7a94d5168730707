// Reading a ballot aloud for members who read with difficulty, with the phone's own speech
// synthesis: nothing is downloaded but this code, and only where the phone has a voice for the
// page's language (speech-voice.ts). One instance per page, made in the browser and started
// with the page's language, stopped when the page goes (`destroy()`).
import { pickVoice } from './speech-voice';

export class Speech {
	/** The voice the page speaks with; null: none (any more) for this language, no button. */
	voice = $state.raw<SpeechSynthesisVoice | null>(null);
	/** What is being read (a key the caller chose), or null. */
	reading = $state<string | null>(null);
	#synth: SpeechSynthesis = window.speechSynthesis;
	#lang: string;

	#pick = () => (this.voice = pickVoice(this.#synth.getVoices(), this.#lang));
	#leave = () => this.stop();

	constructor(lang: string) {
		this.#lang = lang;
		this.#pick();
		this.#synth.addEventListener('voiceschanged', this.#pick);
		window.addEventListener('pagehide', this.#leave);
	}

	/** Reads the texts one after the other, after stopping whatever was being read. */
	speak(key: string, texts: string[]) {
		const voice = this.voice;
		if (!voice) return;
		this.#synth.cancel();
		this.reading = key;
		texts.forEach((text, i) => {
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = voice;
			utterance.lang = voice.lang;
			if (i === texts.length - 1)
				utterance.onend = utterance.onerror = () => {
					if (this.reading === key) this.reading = null;
				};
			this.#synth.speak(utterance);
		});
	}

	stop() {
		this.#synth.cancel();
		this.reading = null;
	}

	destroy() {
		this.stop();
		this.#synth.removeEventListener('voiceschanged', this.#pick);
		window.removeEventListener('pagehide', this.#leave);
	}
}
