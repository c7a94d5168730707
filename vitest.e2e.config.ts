// Browser tests: the production build served by the real server, driven in Debian's chromium.
import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/helpers/global-setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 90_000,
		fileParallelism: false,
		// The servers run in the test process: their log lines only when asked (LOG_LEVEL=debug).
		env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
		// expect.poll's default of 1 s is shorter than an editor takes to load on a busy 2-core CI
		// machine (two e2e tests timed out there and passed alone): a ceiling, not a wait.
		expect: { requireAssertions: true, poll: { timeout: 15_000 } }
	}
});
