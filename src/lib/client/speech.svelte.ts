// Reading a ballot aloud for members who read with difficulty, with the phone's own speech
// synthesis: nothing is downloaded, and the speaker buttons show only where the phone has a
// voice for the page's language (`<html lang>`). One instance per page, made in the browser
// (`start()` from a component's mount), stopped when the page goes (`destroy()`).

/** The language part of a tag: `fr-FR`, `fr_FR` and `fr` are all `fr`; `hak` is not `ha`. */
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

export class Speech {
	/** The voice the page speaks with; null: no voice for this language, no speaker button. */
	voice = $state.raw<SpeechSynthesisVoice | null>(null);
	/** What is being read (a key the caller chose), or null. */
	reading = $state<string | null>(null);
	#synth: SpeechSynthesis | null = null;
	#lang = '';

	#pick = () => {
		const voices = this.#synth?.getVoices() ?? [];
		const ours = voices.filter((v) => primary(v.lang) === this.#lang);
		// A voice on the phone before one that sends the text to a server.
		this.voice = ours.find((v) => v.localService) ?? ours[0] ?? null;
	};
	#leave = () => this.stop();

	start(lang = document.documentElement.lang) {
		if (!('speechSynthesis' in window)) return;
		this.#synth = window.speechSynthesis;
		this.#lang = primary(lang);
		this.#pick();
		// Chromium lists its voices only after a first `getVoices()`, then says so.
		this.#synth.addEventListener('voiceschanged', this.#pick);
		window.addEventListener('pagehide', this.#leave);
	}

	/** Reads the texts one after the other, after stopping whatever was being read. */
	speak(key: string, texts: string[]) {
		const synth = this.#synth;
		const voice = this.voice;
		if (!synth || !voice) return;
		synth.cancel();
		this.reading = key;
		texts.forEach((text, i) => {
			const utterance = new SpeechSynthesisUtterance(text);
			utterance.voice = voice;
			utterance.lang = voice.lang;
			if (i === texts.length - 1)
				utterance.onend = utterance.onerror = () => {
					if (this.reading === key) this.reading = null;
				};
			synth.speak(utterance);
		});
	}

	stop() {
		this.#synth?.cancel();
		this.reading = null;
	}

	destroy() {
		this.stop();
		this.#synth?.removeEventListener('voiceschanged', this.#pick);
		window.removeEventListener('pagehide', this.#leave);
	}
}
