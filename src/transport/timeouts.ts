/**
 * Request timeouts without a Node timer per request.
 *
 * A `setTimeout` cleared when the response arrives costs more than it seems on
 * sequential requests: Node drops its list of timers of that duration when the
 * list empties and builds it again, with the native timer, for the next
 * request; measured, about 20 µs of CPU per request on Node 20 and 24 (more
 * than the SigV4 signature). Long timeouts (the default is 30 s) are therefore
 * checked by one shared timer every {@link TICK_MS}, which stops when nothing
 * is waiting: such a timeout fires up to {@link TICK_MS} late. Short ones,
 * where that would matter, keep a timer of their own. undici does the same for
 * its timeouts of more than a second.
 */

/** How often the shared timer looks at the pending deadlines. */
export const TICK_MS = 100;
/** Timeouts of at least this many milliseconds use the shared timer (at most 5 % late). */
export const SHARED_FROM_MS = 2000;

interface Pending {
  at: number;
  fire: () => void;
}

const pending = new Set<Pending>();
let ticker: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  const now = performance.now(); // monotonic: a wall-clock step does not fire or hold back a timeout
  for (const entry of pending) {
    if (entry.at > now) continue;
    pending.delete(entry);
    entry.fire();
  }
  if (pending.size === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}

/**
 * Calls `fire` once after `ms` milliseconds (up to {@link TICK_MS} later when `ms` is at least
 * {@link SHARED_FROM_MS}) unless the returned function is called first. The shared timer does not keep the
 * process alive on its own: the request it guards does.
 */
export function startTimeout(ms: number, fire: () => void): () => void {
  if (ms < SHARED_FROM_MS) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  }
  const entry: Pending = { at: performance.now() + ms, fire };
  pending.add(entry);
  if (!ticker) {
    ticker = setInterval(tick, TICK_MS);
    ticker.unref?.();
  }
  return () => {
    pending.delete(entry);
  };
}
