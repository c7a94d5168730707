// The icons of the light voting page (its buttons), apart from icons.ts so that
// its phone chunk carries only these paths. icons.ts re-exports them for every other page.

export const vote = 'M9 11l3 3 8-8M20 12v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h11';
export const arrowUp = 'M12 19V5M5 12l7-7 7 7';
export const arrowDown = 'M12 5v14M19 12l-7 7-7-7';
export const plus = 'M12 5v14M5 12h14';
export const minus = 'M5 12h14';
export const redo = 'M15 14l5-5-5-5M20 9H9a5 5 0 0 0 0 10h3';
