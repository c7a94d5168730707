// Outgoing e-mail through the SMTP server named in the config, or nothing at all: without
// SMTP_URL the app notifies in-app only. Sends run in the background (a slow mail server never
// holds a request) and `close()` waits for those still on their way.
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import { createLogger } from '../log';

const log = createLogger('mail');

export interface MailMessage {
	to: string;
	subject: string;
	text: string;
}

export interface Mailer {
	readonly enabled: boolean;
	/** Queues one message; a failure is logged, never thrown at the caller. */
	send(message: MailMessage): void;
	/** Resolves when every queued message was handed over (or failed). */
	flush(): Promise<void>;
	close(): Promise<void>;
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer {
	if (!config.smtpUrl) {
		return { enabled: false, send() {}, flush: async () => {}, close: async () => {} };
	}
	const transport = nodemailer.createTransport(config.smtpUrl);
	const pending = new Set<Promise<unknown>>();
	const flush = async () => {
		while (pending.size) await Promise.allSettled([...pending]);
	};
	return {
		enabled: true,
		send(message) {
			const sending = transport
				.sendMail({ from: config.mailFrom, ...message })
				.catch((error: unknown) =>
					log.error({ err: error, subject: message.subject }, 'could not send')
				)
				.finally(() => pending.delete(sending));
			pending.add(sending);
		},
		flush,
		async close() {
			await flush();
			transport.close();
		}
	};
}
