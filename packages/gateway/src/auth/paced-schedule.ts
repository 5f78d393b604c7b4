/**
 * A DataLoader `batchScheduleFn` that paces batches: a batch whose predecessor was dispatched
 * less than `intervalMs` ago waits for the rest of that interval (keys arriving meanwhile join
 * it); otherwise it is dispatched at the end of the current I/O phase (setImmediate), so an idle
 * caller is not delayed. `now` is injectable for tests.
 */
export function pacedBatchSchedule(intervalMs: number, now: () => number = () => performance.now()): (dispatch: () => void) => void {
  let lastDispatchAt = Number.NEGATIVE_INFINITY;
  return (dispatch) => {
    const go = () => {
      lastDispatchAt = now();
      dispatch();
    };
    const wait = lastDispatchAt + intervalMs - now();
    if (wait > 0) setTimeout(go, wait);
    else setImmediate(go);
  };
}
