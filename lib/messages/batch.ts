// Groups calls that arrive in the same turn of the event loop into one call, so many concurrent sends
// share one database round trip instead of paying one each (round trips, not SQL, are the cost here). Batches do not
// wait for each other: several may run at once on different connections, which lets PostgreSQL use every core
// (holding the next batch until the last one finished made campaign sends a third slower).
export function batched<In, Out>(run: (items: In[]) => Promise<Out[]>, maxSize = 200): (item: In) => Promise<Out> {
  let pending: Array<{ item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }> = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = [];
    let outcome: Promise<Out[]>;
    try {
      outcome = run(batch.map((entry) => entry.item));
    } catch (error) {
      outcome = Promise.reject(error);
    }
    outcome.then(
      (results) => batch.forEach((entry, index) => entry.resolve(results[index])),
      (error) => batch.forEach((entry) => entry.reject(error)),
    );
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxSize) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
