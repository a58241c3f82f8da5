/**
 * Numbers in [0, 1) from the sandbox's labelled random source (`bytes(label)`, a Buffer): the
 * n-th number is the hash of `label:n`, so a seed gives the same sequence on every run. `fromDraw`
 * starts the sequence later, where a restarted sandbox left off.
 */
export function seededNumbers(random: { bytes(label: string): { readUInt32BE(offset: number): number } }, label: string, fromDraw = 0): () => number {
  let drawn = fromDraw;
  return () => random.bytes(`${label}:${drawn++}`).readUInt32BE(0) / 2 ** 32;
}
