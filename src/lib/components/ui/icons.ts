// The app's icons: 24×24 stroke paths drawn for Palabre (no emoji, which render as empty
// boxes on laptops without an emoji font, and no icon font to download). One export per icon,
// so a page's bundle carries only the paths it draws: `<Icon d={hand} />`.

export const hand =
	'M18 11V6a2 2 0 0 0-4 0v5M14 10V4a2 2 0 0 0-4 0v6M10 10.5V6a2 2 0 0 0-4 0v8M18 8a2 2 0 1 1 4 0v6a8 8 0 0 1-8 8h-2c-2.8 0-4.5-.9-6-2.3l-3.6-3.6a2 2 0 0 1 2.8-2.8L7 15';
export const thumbsUp =
	'M7 10v12M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8a2 2 0 0 1-1.9 1.4H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9Z';
export const question =
	'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0ZM9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3M12 17h.01';
export const check = 'M20 6 9 17l-5-5';
export const cross = 'M18 6 6 18M6 6l12 12';
export const download = 'M12 3v12M7 10l5 5 5-5M5 21h14';
export const copy =
	'M10 9h9a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-9a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2ZM5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1';
export const fullscreen =
	'M8 3H5a2 2 0 0 0-2 2v3M21 8V5a2 2 0 0 0-2-2h-3M16 21h3a2 2 0 0 0 2-2v-3M3 16v3a2 2 0 0 0 2 2h3';
export const clock = 'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0ZM12 7v5l3 2';
export const users =
	'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM22 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8';
export const document =
	'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8ZM14 2v6h6M8 13h8M8 17h8';
export const vote = 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11';
export const mic =
	'M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3ZM19 10v2a7 7 0 0 1-14 0v-2M12 19v3';
export const arrowUp = 'M12 19V5M5 12l7-7 7 7';
export const arrowDown = 'M12 5v14M19 12l-7 7-7-7';
export const arrowLeft = 'M19 12H5M12 19l-7-7 7-7';
export const plus = 'M12 5v14M5 12h14';
export const minus = 'M5 12h14';
export const chevronDown = 'M6 9l6 6 6-6';
export const undo = 'M9 14 4 9l5-5M4 9h11a5 5 0 0 1 0 10h-3';
export const redo = 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3';
export const link =
	'M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7';
export const info = 'M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0ZM12 16v-4M12 8h.01';
export const alert =
	'M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z';
export const dot = 'M12 16a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z';
export const enter = 'M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4M10 17l5-5-5-5M15 12H3';
export const chart = 'M4 20V10M10 20V4M16 20v-7M22 20H2';
export const arrowRight = 'M5 12h14M12 5l7 7-7 7';
