// What the ballot loads, in one lazy chunk, once the phone has a voice for the page's language:
// the reader and its speaker button (server/page-chunks.ts keeps them out of the voting page's
// first load).
export { Speech } from '$lib/client/speech.svelte';
export { default as SpeakButton } from './SpeakButton.svelte';
