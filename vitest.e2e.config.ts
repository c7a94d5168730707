// Browser tests: the production build served by the real server, driven in Debian's chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/helpers/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 90_000,
		fileParallelism: false,
		expect: { requireAssertions: true }
	}
});
