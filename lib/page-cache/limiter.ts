/**
 * At most `limit` holders at once; the others wait in arrival order, those asking with
 * `{ background: true }` (link prefetches) behind everyone else. `acquire()` resolves with the
 * function that gives the place back (safe to call more than once).
 */
export function createLimiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const background: (() => void)[] = [];

  const release = () => {
    const next = waiting.shift() ?? background.shift();
    if (next) next();
    else active--;
  };

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length + background.length;
    },
    async acquire(options: { background?: boolean } = {}): Promise<() => void> {
      if (active < limit) active++;
      else await new Promise<void>((resolve) => (options.background ? background : waiting).push(resolve));
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    },
  };
}
