// Replay and auto-forward defaults, in a file of their own so that the CLI's flag defaults (serve's
// --forward-* options) do not load the replayer or the forwarder (see receiver/limits.ts).
export const DEFAULT_REPLAY_TIMEOUT_MS = 30_000;
/** Captures of one endpoint that may wait behind a forward under way. */
export const DEFAULT_MAX_WAITING = 100;
/** A minute short of the common 5-minute tolerance, leaving the handler time to check it. */
export const DEFAULT_MAX_WAIT_MS = 4 * 60_000;
