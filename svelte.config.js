import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	// The server tests import the built app through Vite; its page chunks (`_page.svelte.js-<hash>.js`)
	// are compiled output, not Svelte modules to compile again (an `{#each}` would fail there).
	vitePlugin: { experimental: { compileModule: { exclude: [/[\\/]build[\\/]/] } } },
	// No `window.__svelte.v` marker: it costs every page one more tiny chunk and request.
	compilerOptions: { discloseVersion: false },
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Stylesheets (the site's and the pages' components') go inside the page: no stylesheet
		// request on a phone's first load, and no CSS carried in the scripts as well.
		inlineStyleThreshold: 8192,
		// Root-relative asset URLs: the app is served at the root, and each `../../../` repeated in
		// a page's `link` preload header (sent uncompressed, ~20 entries) costs a phone bytes.
		paths: { relative: false },
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
