// The receiver's default body limit, in a file of its own so that opening the core (every command)
// does not load the receiver itself: only `serve`, the app and the library start one.
export const DEFAULT_MAX_BODY = 25 * 1024 * 1024;
