// One definition of how the message catalogs compile, for the Vite plugin and `npm run check`.
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: /** @type {['cookie', 'preferredLanguage', 'baseLocale']} */ ([
		'cookie',
		'preferredLanguage',
		'baseLocale'
	]),
	cookieName: 'palabre_lang',
	// Pinned: the Vite plugin's default depends on NODE_ENV (one module per locale unless it is
	// "production"), and `npm run check` or a build started from the tests (NODE_ENV=test) would
	// otherwise leave every message of the app in one chunk on every page (+45 KB on a phone).
	outputStructure: /** @type {'message-modules'} */ ('message-modules')
};
