// One stable caret colour per person, from their id: the server stamps it into awareness so that
// everyone sees the same colour for the same person, whatever their client claims.
const PALETTE = [
	'#c2410c',
	'#1d4ed8',
	'#15803d',
	'#7e22ce',
	'#be185d',
	'#0f766e',
	'#a16207',
	'#4338ca',
	'#b91c1c',
	'#0369a1'
] as const;

export function caretColour(id: string): string {
	let hash = 0;
	for (let i = 0; i < id.length; i++) hash = (Math.imul(hash, 31) + id.charCodeAt(i)) | 0;
	return PALETTE[Math.abs(hash) % PALETTE.length];
}
