// A read that never runs twice at once: a call while one is in flight asks for one more pass after it,
// so the last state always gets read without a queue of requests piling up behind a slow answer.

/** Wraps `read` so overlapping calls coalesce; errors go to `onError`. Resolves when the passes end. */
export function coalescedRead(read: () => Promise<void>, onError: (err: unknown) => void): () => Promise<void> {
  let reading = false;
  let again = false;
  return async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        await read();
      } while (again);
    } catch (err) {
      onError(err);
    } finally {
      reading = false;
    }
  };
}
