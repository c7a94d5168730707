// Whether the phone can read aloud in the page's language, asked before any read-aloud code is
// downloaded: the ballot loads its speaker buttons (speech.svelte.ts, SpeakButton) only then.

/** The language part of a tag: `fr-FR`, `fr_FR` and `fr` are all `fr`; `hak` is not `ha`. */
const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/** The voice to read `lang` with: one on the phone before one that sends the text to a server. */
export function pickVoice(
	voices: readonly SpeechSynthesisVoice[],
	lang: string
): SpeechSynthesisVoice | null {
	const ours = voices.filter((v) => primary(v.lang) === primary(lang));
	return ours.find((v) => v.localService) ?? ours[0] ?? null;
}

/**
 * Calls `found` once a voice for `lang` is listed (now, or when the browser announces its voices:
 * Chromium lists none before a first `getVoices()`). Returns a function that stops waiting.
 */
export function whenVoice(lang: string, found: () => void): () => void {
	if (!('speechSynthesis' in window)) return () => {};
	const synth = window.speechSynthesis;
	const stop = () => synth.removeEventListener('voiceschanged', check);
	const check = () => {
		if (!pickVoice(synth.getVoices(), lang)) return;
		stop();
		found();
	};
	synth.addEventListener('voiceschanged', check);
	check();
	return stop;
}
