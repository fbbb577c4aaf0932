// The receiver's defaults (body limit, port), in a file of its own so that opening the core (every command)
// does not load the receiver itself: only `serve`, the app and the library start one.
export const DEFAULT_MAX_BODY = 25 * 1024 * 1024;

/** The documented receiver port: `hookscope serve`, the service and the desktop app all prefer it, so providers' URLs keep working. */
export const DEFAULT_RECEIVER_PORT = 4747;
