/** A fresh property seed when none is given (in a module of its own: a run knows its seed before it loads fast-check). */
export function freshSeed(): number {
  return (Date.now() ^ (Math.random() * 0x100000000)) | 0;
}
