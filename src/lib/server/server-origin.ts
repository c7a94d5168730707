// The origin of every Y transaction the server makes itself (templates, wall promotion, charter
// merges): the /collab layer never runs a client's guard on them, and listeners tell them apart.
export const SERVER_ORIGIN = Symbol('palabre-server');
