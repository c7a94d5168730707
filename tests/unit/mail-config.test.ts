import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/lib/server/config';
import { createMailer } from '../../src/lib/server/mail/mailer';

describe('e-mail settings', () => {
	it('reads SMTP_URL and MAIL_FROM, and sends nothing without them', () => {
		const config = parseConfig({
			SMTP_URL: 'smtps://palabre:secret@smtp.example.org:465',
			MAIL_FROM: 'Palabre <palabre@example.org>'
		});
		expect(config.smtpUrl).toBe('smtps://palabre:secret@smtp.example.org:465');
		expect(config.mailFrom).toBe('Palabre <palabre@example.org>');
		const none = parseConfig({});
		expect(none.smtpUrl).toBeUndefined();
		expect(createMailer(none).enabled).toBe(false);
	});

	it('stops the start with one clear error for an SMTP_URL that is not smtp(s)://', () => {
		expect(() => parseConfig({ SMTP_URL: 'http://smtp.example.org' })).toThrow(ConfigError);
		expect(() => parseConfig({ SMTP_URL: 'pas une adresse' })).toThrow(ConfigError);
	});
});
