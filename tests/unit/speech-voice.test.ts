import { describe, expect, it } from 'vitest';
import { pickVoice } from '../../src/lib/client/speech-voice';

const voice = (lang: string, name: string, localService = true) =>
	({ lang, name, localService }) as SpeechSynthesisVoice;

describe('the voice a ballot is read aloud with', () => {
	it('is one of the page’s language, whatever the region or separator', () => {
		expect(pickVoice([voice('en-US', 'en'), voice('fr_FR', 'fr')], 'fr')?.name).toBe('fr');
		expect(pickVoice([voice('fr', 'fr')], 'fr-FR')?.name).toBe('fr');
	});

	it('is none when no voice speaks the language (Hakka is not Hausa)', () => {
		expect(pickVoice([voice('hak-TW', 'hakka'), voice('en-GB', 'en')], 'ha')).toBeNull();
		expect(pickVoice([], 'fr')).toBeNull();
	});

	it('prefers a voice on the phone to one that sends the text to a server', () => {
		const voices = [voice('fr-FR', 'online', false), voice('fr-CA', 'phone', true)];
		expect(pickVoice(voices, 'fr')?.name).toBe('phone');
		expect(pickVoice([voice('fr-FR', 'online', false)], 'fr')?.name).toBe('online');
	});
});
