// Damaged copies of a good file, and the one promise every importer makes about them: it imports (a line origin
// for every line of text) or it throws an ImportError with a one-line reason — never anything else.
import assert from 'node:assert/strict';
import { ImportError, type ImportResult } from '../../server/src/import/types.js';

/** Copies cut short at random lengths and copies with a few bits flipped, from a seeded generator (repeatable). */
export function damagedCopies(good: Uint8Array, options: { seed: number; cut: number; flipped: number; flips: number }): Uint8Array[] {
  let seed = options.seed;
  const below = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((seed / 2 ** 31) * n);
  };
  const copies: Uint8Array[] = [];
  for (let k = 0; k < options.cut; k++) copies.push(good.slice(0, below(good.length)));
  for (let k = 0; k < options.flipped; k++) {
    const copy = good.slice();
    for (let f = 0; f < 1 + below(options.flips); f++) copy[below(copy.length)] ^= 1 << below(8);
    copies.push(copy);
  }
  return copies;
}

/** Runs an importer on damaged bytes and checks the promise; says which way it went. */
export async function importsOrRefuses(
  run: (bytes: Uint8Array) => Promise<ImportResult>,
  bytes: Uint8Array,
  label: string,
): Promise<'imported' | 'refused'> {
  try {
    const r = await run(bytes);
    assert.equal(r.origins.length, r.text.split('\n').length, `${label}: an origin for every line`);
    return 'imported';
  } catch (e) {
    assert.ok(e instanceof ImportError, `${label}: not an ImportError: ${e instanceof Error ? e.stack : String(e)}`);
    assert.doesNotMatch(e.message, /\n/, `${label}: a one-line reason`);
    return 'refused';
  }
}
