/**
 * A minimal FIFO mutex: `lock()` resolves with a release function once every earlier holder has
 * released. Used to give one caller at a time exclusive use of a single database connection.
 *
 * @example
 * const mutex = new ConnectionMutex();
 * const release = await mutex.lock();
 * try { await work(); } finally { release(); }
 */
export class ConnectionMutex {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the mutex; the returned function releases it (calling it twice is harmless). */
  async lock(): Promise<() => void> {
    let open!: () => void;
    const held = new Promise<void>((resolve) => {
      open = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => held);
    await previous;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      open();
    };
  }
}
