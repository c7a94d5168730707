// Closing a Redis client without letting Redis hold the server's shutdown: `quit` waits for the
// pending commands, which a client still reconnecting to a Redis that went away (or came back
// empty) may never answer. After `graceMs` the connection is dropped instead.
export interface ClosableRedis {
	quit(): Promise<unknown>;
	destroy(): void;
	readonly isOpen: boolean;
}

export async function closeRedisClient(client: ClosableRedis, graceMs = 2_000): Promise<void> {
	if (!client.isOpen) return;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const quitted = client.quit().then(
		() => true,
		() => true
	);
	const late = new Promise<false>((resolve) => {
		timer = setTimeout(() => resolve(false), graceMs);
	});
	const done = await Promise.race([quitted, late]);
	clearTimeout(timer);
	if (!done) client.destroy();
}
