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
	// Always one module per message. Left unset, the Vite plugin writes one module per locale
	// outside production (vitest, dev) into the same folder, and a later production build that
	// finds its inputs unchanged skips compiling and bundles that: every page then carries every
	// message (+60 KB gzip on the vote page).
	outputStructure: /** @type {'message-modules'} */ ('message-modules')
};
