import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { palabreDevServer } from './server/dev-plugin';
import { paraglideOptions } from './server/paraglide-options.mjs';

export default defineConfig({
	plugins: [paraglideVitePlugin(paraglideOptions), palabreDevServer(), sveltekit()],
	test: {
		expect: { requireAssertions: true },
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
					include: ['tests/integration/**/*.test.ts', 'tests/realtime/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/helpers/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
