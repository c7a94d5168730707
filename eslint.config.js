import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', 'dist/', '.svelte-kit/', 'data/', 'src/lib/paraglide/', 'drizzle/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	// The layers (docs/architecture.md): the domain is pure, src/lib/server is the app's core and
	// knows nothing of the Node entry points in server/, the browser never reaches server code.
	{
		files: ['src/lib/domain/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '(^|/)(server|client)(/|$)|^\\$lib/(server|client)|^\\$app/|^svelte(/|$)',
							message: 'src/lib/domain is pure: no server, client, SvelteKit or Svelte imports.'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							// From src/lib/server/<dir>/x.ts the top-level server/ is ../../../../server.
							regex: '^(\\.\\./){3,}server(/|$)',
							message: 'src/lib/server never imports the top-level server/ (the Node entry points).'
						}
					]
				}
			]
		}
	},
	{
		files: ['src/lib/components/**', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^\\$lib/server(/|$)|(^|/)lib/server(/|$)',
							message: 'Components and pages never import server code ($lib/server).'
						}
					]
				}
			]
		}
	}
);
