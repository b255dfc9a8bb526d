// Memory and scaling (part of npm run bench): a disclosure made of the real documents repeated to 1, 5, 20
// and 50 MB is checked in a fresh process each (as budget-lint does it), which reports its time and peak RSS.
// Prints figures; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures');
const CHILD = join(__dirname, 'scaling-child.ts');

export function scaling(sizes = [1, 5, 20, 50]): void {
  const all = ['seeds', 'more-docs']
    .flatMap((d) =>
      readdirSync(join(FIXTURES, d))
        .filter((f) => f.endsWith('.txt'))
        .map((f) => readFileSync(join(FIXTURES, d, f), 'utf8')),
    )
    .join('\n\n');
  const dir = mkdtempSync(join(tmpdir(), 'budget-bench-'));
  try {
    console.log('size\tanalyse+check ms\tms/MB\tpeak RSS MB\tRSS per MB of text\tretained heap per MB of text');
    let previous: { mb: number; ms: number } | undefined;
    for (const size of sizes) {
      let text = '';
      while (Buffer.byteLength(text) < size * 1024 * 1024) text += all + '\n\n';
      const file = join(dir, `${size}.txt`);
      writeFileSync(file, text);
      const mb = Buffer.byteLength(text) / (1024 * 1024);
      const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, file], { encoding: 'utf8' });
      if (run.status !== 0) {
        console.log(
          `${mb.toFixed(0)} MB\tfailed (exit ${run.status ?? run.signal}): ${(run.stderr || '').split('\n').slice(-3).join(' ')}`,
        );
        continue;
      }
      const { ms, rssMB, retainedMB } = JSON.parse(run.stdout) as { ms: number; rssMB: number; retainedMB: number };
      const growth = previous ? `\t(${(ms / previous.ms).toFixed(1)}× the time for ${(mb / previous.mb).toFixed(1)}× the size)` : '';
      console.log(
        `${mb.toFixed(0)} MB\t${ms.toFixed(0)}\t${(ms / mb).toFixed(0)}\t${rssMB.toFixed(0)}\t${(rssMB / mb).toFixed(1)}×\t${(retainedMB / mb).toFixed(1)}×${growth}`,
      );
      previous = { mb, ms };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  scaling(
    process.argv
      .slice(2)
      .map(Number)
      .filter((n) => n > 0).length
      ? process.argv.slice(2).map(Number)
      : undefined,
  );
