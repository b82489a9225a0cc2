/**
 * The one clock of a run. Minting, introspection and every expiry decision read it, so a test can
 * freeze time and a target in the same process can share it. Seconds since the epoch (NumericDate).
 * @see RFC 7519 §2
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Math.floor(Date.now() / 1000) };

/** A clock that stands still until moved: for tests. */
export class ManualClock implements Clock {
  constructor(private seconds: number) {}
  now(): number {
    return this.seconds;
  }
  set(seconds: number): void {
    this.seconds = seconds;
  }
  advance(seconds: number): void {
    this.seconds += seconds;
  }
}
