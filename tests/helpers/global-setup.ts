// Builds the SvelteKit app once before the server tests when its sources changed, so the HTTP
// tests run the same handler as production.
import { build } from '../../server/launch.mjs';

export default async function setup() {
	await build({ quiet: true });
}
