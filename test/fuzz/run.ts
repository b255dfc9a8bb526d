// npm run fuzz [-- --runs N --seed S]: a long seeded fuzz run over every feature (not part of npm test, which
// runs the same generators briefly in test/unit/robustness.test.ts). Counts inputs and exceptions per kind of
// input and prints the first counterexample of each; exit 1 if any input threw.
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exercise, lineMutations, LINE_PIECES } from '../helpers/exercise.js';
import { LanguageService } from '../../server/src/service.js';
import { decode } from '../../server/src/import/text.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const total = arg('runs', 100_000);
const seed = arg('seed', 20261124);

const FIXTURES = join(__dirname, '..', 'fixtures');
const documents = ['seeds', 'more-docs'].flatMap((d) =>
  readdirSync(join(FIXTURES, d))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(FIXTURES, d, f), 'utf8')),
);

/** A window of 10–80 lines of a real document: the shapes are real, the inputs small enough to run many. */
const window = fc.tuple(fc.nat(documents.length - 1), fc.nat(2000), fc.integer({ min: 10, max: 80 })).map(([d, at, n]) => {
  const lines = documents[d].split('\n');
  const start = at % Math.max(1, lines.length - n);
  return lines.slice(start, start + n).join('\n');
});

/** Edits a client may send, in spec and out of it (past the end, negative, reversed, \r, surrogate halves). */
const position = fc.record({ line: fc.integer({ min: -1, max: 90 }), character: fc.integer({ min: -1, max: 60 }) });
const edit = fc.record({
  range: fc.record({ start: position, end: position }),
  text: fc.oneof(fc.constantFrom(...LINE_PIECES, '\r', '\ud83d', ''), fc.string({ maxLength: 8 })),
});

function editSession(
  text: string,
  edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }[],
): void {
  const svc = new LanguageService();
  svc.open('u', text);
  let v = 0;
  for (const e of edits) {
    svc.update('u', [e], ++v);
    svc.hover('u', e.range.start);
    svc.documentSymbols('u');
    svc.foldingRanges('u');
  }
  svc.diagnostics('u');
  svc.codeActions('u', { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
}

const kinds: { name: string; share: number; property: fc.IPropertyWithHooks<never> | fc.IProperty<never> }[] = [
  {
    name: 'disclosure-like pieces',
    share: 0.35,
    property: fc.property(fc.array(fc.oneof(fc.constantFrom(...LINE_PIECES), fc.string({ maxLength: 6 })), { maxLength: 120 }), (p) =>
      exercise(p.join('')),
    ) as never,
  },
  {
    name: 'random unicode',
    share: 0.15,
    property: fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => exercise(s)) as never,
  },
  {
    name: 'bytes decoded as a file',
    share: 0.1,
    property: fc.property(fc.uint8Array({ maxLength: 1500 }), (b) => {
      try {
        exercise(decode(b).text);
      } catch (e) {
        if ((e as Error).name !== 'Error' || !/binary/.test((e as Error).message)) throw e;
      }
    }) as never,
  },
  {
    name: 'real windows, lines duplicated/deleted/moved/cut/joined',
    share: 0.3,
    property: fc.property(
      window.chain((w) => lineMutations(w)),
      (t) => exercise(t),
    ) as never,
  },
  {
    name: 'LSP edit sessions (out-of-spec ranges included)',
    share: 0.1,
    property: fc.property(window, fc.array(edit, { minLength: 1, maxLength: 6 }), editSession) as never,
  },
];

let failed = 0;
const started = performance.now();
for (const [i, k] of kinds.entries()) {
  const numRuns = Math.round(total * k.share);
  const t = performance.now();
  const r = fc.check(k.property as fc.IProperty<unknown>, { numRuns, seed: seed + i, endOnFailure: true });
  const ms = performance.now() - t;
  if (r.failed) {
    failed++;
    console.log(`✗ ${k.name}: ${r.numRuns} inputs, an exception: ${String(r.errorInstance).split('\n')[0]}`);
    console.log(`  counterexample: ${JSON.stringify(r.counterexample).slice(0, 400)}  (seed ${seed + i}, path ${r.counterexamplePath})`);
  } else {
    console.log(`✓ ${k.name}: ${r.numRuns} inputs, 0 exceptions, ${(ms / 1000).toFixed(1)} s`);
  }
}
console.log(
  `${total} inputs in ${((performance.now() - started) / 1000).toFixed(0)} s (seed ${seed}): ${failed ? `${failed} kind(s) threw` : '0 exceptions'}`,
);
process.exitCode = failed ? 1 : 0;
