import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { palabreDevServer } from './server/dev-plugin';
import { paraglideOptions } from './server/paraglide-options.mjs';
import { pageChunks } from './server/page-chunks';

const pages = pageChunks();

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), palabreDevServer(), sveltekit(), pages.plugin],
	build: {
		// Our few `import()`s (a nomination's form, a poll's bars) load when needed; Vite's preload
		// helper would put one more chunk and request on every page's first load for them.
		modulePreload: false,
		// Messages (and Paraglide's runtime) that three pages or more use travel in one chunk
		// instead of one tiny chunk per combination of pages: each request costs a phone ~330
		// bytes of headers (docs/performance.md « Page weight »).
		rollupOptions: {
			output: {
				codeSplitting: {
					groups: [
						// One chunk per phone page (server/page-chunks.ts), before any other split.
						{
							name: 'messages',
							test: /[\\/]paraglide[\\/](runtime\.js|messages[\\/])/,
							minShareCount: 6
						}
					]
				}
			}
		}
	},
	test: {
		expect: { requireAssertions: true },
		// Tests provoke errors on purpose; their log lines would bury the report. LOG_LEVEL=debug
		// npx vitest … shows them when debugging.
		env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'server',
					include: [
						'tests/integration/**/*.test.ts',
						'tests/realtime/**/*.test.ts',
						'tests/ops/**/*.test.ts',
						'tests/scale/**/*.test.ts'
					],
					environment: 'node',
					globalSetup: ['tests/helpers/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
