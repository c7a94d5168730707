// A tiny SMTP server for the tests (RFC 5321's happy path: EHLO, MAIL, RCPT, DATA, QUIT), so the
// app's real nodemailer transport delivers over a real socket and the test reads what arrived.
import net from 'node:net';

export interface ReceivedMail {
	from: string;
	to: string[];
	/** The message as sent (headers and body), dot-unstuffed. */
	data: string;
}

/** Quoted-printable and soft line breaks undone, enough to search a body for a phrase. */
export function decodeQuotedPrintable(text: string): string {
	const bytes = text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

export async function startSmtpServer() {
	const received: ReceivedMail[] = [];
	const sockets = new Set<net.Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.setEncoding('utf8');
		const reply = (line: string) => socket.write(`${line}\r\n`);
		let buffer = '';
		let inData = false;
		let mail: ReceivedMail = { from: '', to: [], data: '' };
		reply('220 localhost ESMTP test');
		socket.on('data', (chunk: string) => {
			buffer += chunk;
			for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 2);
				if (inData) {
					if (line === '.') {
						inData = false;
						received.push(mail);
						mail = { from: '', to: [], data: '' };
						reply('250 OK queued');
					} else {
						mail.data += `${line.startsWith('..') ? line.slice(1) : line}\r\n`;
					}
					continue;
				}
				const verb = line.slice(0, 4).toUpperCase();
				const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
				if (verb === 'EHLO') {
					reply('250-localhost');
					reply('250 8BITMIME');
				} else if (verb === 'HELO') reply('250 localhost');
				else if (verb === 'MAIL') {
					mail.from = address;
					reply('250 OK');
				} else if (verb === 'RCPT') {
					mail.to.push(address);
					reply('250 OK');
				} else if (verb === 'DATA') {
					inData = true;
					reply('354 End data with <CR><LF>.<CR><LF>');
				} else if (verb === 'QUIT') {
					reply('221 Bye');
					socket.end();
				} else if (verb === 'RSET' || verb === 'NOOP') reply('250 OK');
				else reply('502 Command not implemented');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		close() {
			for (const socket of sockets) socket.destroy();
			return new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}
