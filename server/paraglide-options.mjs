// One definition of how the message catalogs compile, for the Vite plugin and `npm run check`.
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: /** @type {['cookie', 'preferredLanguage', 'baseLocale']} */ ([
		'cookie',
		'preferredLanguage',
		'baseLocale'
	]),
	cookieName: 'palabre_lang'
};
