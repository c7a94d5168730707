import type { App as PalabreApp } from '$lib/server/app';
import type { User } from '$lib/server/repositories/users';
import type { ValidSession } from '$lib/server/auth/sessions';

declare global {
	namespace App {
		interface Error {
			code?: string;
			message: string;
		}
		interface Locals {
			app: PalabreApp;
			user: User | null;
			session: ValidSession | null;
		}
	}
}

export {};
