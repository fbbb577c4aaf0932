// Diffs between deliveries, replays and responses: pure (no Node imports), so the renderer uses the
// same module the CLI does.
export { diffHeaders } from './headers.js';
export { diffJson, formatPath } from './json.js';
export { decodeBase64, utf8OrNull } from '../export/bytes.js';
export { diffMessages, type DiffableMessage } from './message.js';
export { diffLines } from './text.js';
export * from './types.js';
