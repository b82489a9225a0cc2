import { readLargeBody } from './reclaim.ts';

/**
 * A body read up to a cap, into one buffer sized by the announced length when there is one: no list of
 * chunks kept alongside a copy of them, so a large answer costs its capped size once, then its text.
 */
export class CappedBody {
  private buf: Buffer;
  private length = 0;
  /** More bytes came than the cap. */
  truncated = false;

  constructor(
    private readonly max: number,
    announced?: number,
  ) {
    this.buf = Buffer.allocUnsafe(Math.min(max, Number.isInteger(announced) && announced! >= 0 ? announced! : 16 * 1024));
  }

  /** Take a chunk; false once past the cap (the rest is not wanted). */
  push(chunk: Buffer): boolean {
    const room = this.max - this.length;
    const take = Math.min(room, chunk.length);
    if (this.length + take > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.min(this.max, Math.max(this.buf.length * 2, this.length + take)));
      this.buf.copy(grown, 0, 0, this.length);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.length, 0, take);
    this.length += take;
    if (chunk.length > room) this.truncated = true;
    return !this.truncated;
  }

  text(): string {
    readLargeBody(this.length);
    return this.buf.toString('utf8', 0, this.length);
  }
}
