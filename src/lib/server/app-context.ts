// Hands the running app to SvelteKit's hooks without a module-level singleton: the HTTP server
// runs each request inside an AsyncLocalStorage scope holding its app. The storage itself is
// shared through a global symbol because the bundled server and SvelteKit's build (or Vite's
// SSR graph in dev) are separate module instances of this file.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { App } from './app';

const KEY = Symbol.for('palabre.app-context');
type Holder = { [KEY]?: AsyncLocalStorage<App> };

function storage(): AsyncLocalStorage<App> {
	const holder = globalThis as Holder;
	return (holder[KEY] ??= new AsyncLocalStorage<App>());
}

export function runWithApp<T>(app: App, fn: () => T): T {
	return storage().run(app, fn);
}

export function currentApp(): App | undefined {
	return storage().getStore();
}
