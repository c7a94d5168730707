import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// The server tests import the built app through Vite; its page chunks (`_page.svelte.js-<hash>.js`)
	// are compiled output, not Svelte modules to compile again (an `{#each}` would fail there).
	vitePlugin: { experimental: { compileModule: { exclude: [/[\\/]build[\\/]/] } } },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Hashes for inline scripts, no 'unsafe-eval'; connect-src 'self' covers ws(s) on the same origin.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
