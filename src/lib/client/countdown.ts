// A countdown as people read it on a phone or a projector: `mm:ss`, or `h:mm:ss` past an hour.
// Its own module so that a light page (the vote page) does not load the agenda client for it.

export function formatCountdown(ms: number): string {
	const total = Math.ceil(Math.max(0, ms) / 1000);
	const h = Math.floor(total / 3600);
	const m = Math.floor((total % 3600) / 60);
	const s = total % 60;
	const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
	return h > 0 ? `${h}:${mmss}` : mmss;
}
