/**
 * A value that may lag the data by at most `lagMs`: computed on first use, then reused until it is
 * that old, then computed again by one caller while the others, meanwhile, get the previous value.
 * For the home page's rankings ("most liked this month", "proven"): aggregates over thousands of
 * likes and adoptions, too slow to run again after every like when likes arrive many times a second
 * (on SQLite, a query holds the one event loop), and a ranking a few seconds late is not a wrong
 * page: the cards in it are still read fresh at every data version.
 */
export function lagging<T>(compute: () => Promise<T>, lagMs: number, now: () => number = Date.now): () => Promise<T> {
  let kept: { value: T; at: number } | undefined;
  let under: Promise<T> | undefined;
  return () => {
    if (kept && now() - kept.at < lagMs) return Promise.resolve(kept.value);
    if (under) return kept ? Promise.resolve(kept.value) : under;
    const started = now();
    under = compute().then(
      (value) => {
        kept = { value, at: started };
        under = undefined;
        return value;
      },
      (error: unknown) => {
        under = undefined;
        throw error;
      },
    );
    return under;
  };
}
