// Accounts of facilitators and reviewers: first-run setup, sign-up, sign-in, disabling.
import { hashPassword, verifyPassword } from '../auth/password';
import type { SessionService } from '../auth/sessions';
import type { UsersRepository, User } from '../repositories/users';
import { credentialsSchema, signUpSchema } from '../../domain/workshop-schemas';
import { ServiceError } from './service-error';
import { validate } from './validate';

// Verifying against a real hash when the e-mail is unknown keeps sign-in time the same either way.
const DUMMY_HASH =
	'$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$1ZkQ0lNbS1CVwqbKtoWbw0y3zz2qWjtn0TmQK9D3Ww8';

export function createAccountService(users: UsersRepository, sessions: SessionService) {
	async function createAccount(input: unknown, isAdmin: boolean): Promise<User> {
		const { email, name, password } = validate(signUpSchema, input);
		const user = await users.insertAccount({
			email,
			name,
			passwordHash: await hashPassword(password),
			isAdmin
		});
		if (!user) throw new ServiceError('email_taken', { field: 'email' });
		return user;
	}

	return {
		async needsSetup(): Promise<boolean> {
			return (await users.countAccounts()) === 0;
		},
		/** The first account, made from the home page on first run, is an administrator. */
		async setupFirstAdmin(input: unknown): Promise<User> {
			if ((await users.countAccounts()) > 0) throw new ServiceError('setup_done');
			return createAccount(input, true);
		},
		signUp(input: unknown): Promise<User> {
			return createAccount(input, false);
		},
		/** For operators (CLI): any role, no setup check. */
		createAccount(input: unknown, options: { admin: boolean }): Promise<User> {
			return createAccount(input, options.admin);
		},
		async signIn(input: unknown): Promise<User> {
			const { email, password } = validate(credentialsSchema, input);
			const row = await users.findCredentials(email);
			const ok = await verifyPassword(row?.passwordHash ?? DUMMY_HASH, password);
			if (!row || !row.passwordHash || !ok) throw new ServiceError('invalid_credentials');
			// Said only to whoever knows the password: a guesser learns nothing more.
			if (row.disabledAt) throw new ServiceError('account_disabled');
			return { id: row.id, kind: row.kind, email: row.email, name: row.name, isAdmin: row.isAdmin };
		},
		/**
		 * For operators (CLI): the account can no longer sign in, and every session it has ends
		 * now, live connections included. Returns how many sessions ended; null if no such account.
		 */
		async disable(email: string): Promise<{ user: User; sessions: number } | null> {
			const user = await users.setDisabled(normalizeEmail(email), new Date());
			if (!user) return null;
			return { user, sessions: await sessions.invalidateUser(user.id, 'disabled') };
		},
		/** Lets a disabled account sign in again (its old sessions stay ended). */
		async enable(email: string): Promise<User | null> {
			return users.setDisabled(normalizeEmail(email), null);
		}
	};
}

/** E-mails are stored lower-cased (see the credentials schema). */
function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export type AccountService = ReturnType<typeof createAccountService>;
