// Bounded history that tests can wait on, timers that reset() and close() cancel at once, and a safe
// way to call the user's listeners.

interface Waiter<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

export class History<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    private readonly limit: number,
    private readonly keep: boolean,
    private readonly describe: (item: T) => string,
  ) {}

  push(item: T): void {
    if (this.keep) {
      this.items.push(item);
      if (this.items.length > this.limit) this.items.shift();
    }
    for (const waiter of this.waiters) this.offer(waiter, item);
  }

  waitFor(predicate: (item: T) => boolean, timeoutMs: number, noun: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const recent = this.items.slice(-5).map(this.describe).join("; ") || "none";
        reject(new Error(`No matching ${noun} within ${timeoutMs} ms (${this.items.length} recorded; latest: ${recent})`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        predicate,
        resolve: (item) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          reject(error);
        },
      };
      this.waiters.add(waiter);
      for (const item of this.items) if (this.offer(waiter, item)) return;
    });
  }

  clear(): void {
    this.items.length = 0;
  }

  rejectWaiters(error: Error): void {
    for (const waiter of this.waiters) waiter.reject(error);
  }

  private offer(waiter: Waiter<T>, item: T): boolean {
    try {
      if (!waiter.predicate(item)) return false;
      waiter.resolve(item);
    } catch (error) {
      waiter.reject(error as Error);
    }
    return true;
  }
}

/** setTimeout that close()/reset() can cancel all at once. */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  later(ms: number, run: () => void, onCancel: () => void = () => {}): void {
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    this.pending.set(timer, onCancel);
  }

  /** Resolves true after ms, false if cancelled first. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => this.later(ms, () => resolve(true), () => resolve(false)));
  }

  cancelAll(): void {
    for (const [timer, onCancel] of this.pending) {
      clearTimeout(timer);
      onCancel();
    }
    this.pending.clear();
  }
}

/** A throwing listener is the caller's bug; it must not break the request or report that triggered it. */
export function notify<T>(listener: ((value: T) => void) | null, value: T): void {
  if (!listener) return;
  try {
    listener(value);
  } catch (error) {
    console.error("[fake-provider] listener failed", error);
  }
}
