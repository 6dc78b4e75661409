/**
 * Shares one asynchronous read among concurrent callers without ever answering a caller with a
 * read that began before it called: a caller arriving while a read is running waits for the next
 * one, which starts when the running one ends and serves everyone who arrived meanwhile. So at
 * most one read runs at a time and a burst of N callers costs two reads, not N, while every caller
 * sees what was committed before it called.
 *
 * @example
 * const version = coalescedRead(() => readDataVersion(store));
 * await Promise.all([version(), version(), version()]); // at most two reads
 */
export function coalescedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;

  const start = (): Promise<T> => {
    const current = Promise.resolve().then(read);
    running = current;
    const done = () => {
      if (running === current) running = null;
    };
    current.then(done, done);
    return current;
  };

  return () => {
    if (!running) return start();
    if (!next) {
      const after = running.then(
        () => undefined,
        () => undefined,
      );
      next = after.then(() => {
        next = null;
        return start();
      });
    }
    return next;
  };
}
