// Checking many files on every core: one worker thread per core (at most one per file), each with its own catalogue
// and configuration cache, handed the next file as soon as it is free. Results are kept by the file's place in the
// list, so the output is the same, byte for byte and in the same order, whatever the number of workers. The worker
// is the CLI bundle itself run as a worker (dist/cli.js: main.ts starts `serveChecks` when it is not the main thread),
// so there is no second file to ship.
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { FileChecker, type CheckOptions, type FileOutcome } from './checkFile.js';

/** How many workers a run uses: --jobs N, else BUDGET_LINT_JOBS, else one per core; never more than files. */
export function workerCount(files: number, requested?: number): number {
  const env = Number(process.env.BUDGET_LINT_JOBS);
  const wanted = requested ?? (Number.isInteger(env) && env > 0 ? env : availableParallelism());
  return Math.max(1, Math.min(wanted, files));
}

interface Task {
  index: number;
  file: string;
}

/**
 * Checks `files` with `jobs` workers (1: in this thread, no worker started); `onDone` is told of each file as it
 * finishes (for the progress line). Standard input (`-`) is always read here, in the main thread.
 */
export async function checkFiles(
  files: string[],
  options: CheckOptions,
  jobs: number,
  workerScript: string,
  onDone: (done: number, file: string) => void = () => {},
  stdin?: Buffer,
): Promise<FileOutcome[]> {
  const results: FileOutcome[] = new Array<FileOutcome>(files.length);
  let done = 0;
  const finish = (index: number, outcome: FileOutcome) => {
    results[index] = outcome;
    onDone(++done, files[index]);
  };
  // run from the TypeScript sources (tsx), a worker would not have the loader that reads them: check here instead
  if (!/\.[cm]?js$/.test(workerScript)) jobs = 1;
  const queue: Task[] = [];
  let local: FileChecker | undefined;
  for (let index = 0; index < files.length; index++) {
    if (jobs > 1 && files[index] !== '-') queue.push({ index, file: files[index] });
    else finish(index, await (local ??= new FileChecker(options)).check(files[index], stdin));
  }
  await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, () => runWorker(queue, options, workerScript, finish)));
  return results;
}

/** One worker: takes tasks off the shared queue until it is empty. A worker that dies costs only its file. */
function runWorker(
  queue: Task[],
  options: CheckOptions,
  workerScript: string,
  finish: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  return new Promise((resolveAll) => {
    let current: Task | undefined;
    let worker: Worker;
    const start = () => {
      worker = new Worker(workerScript, { workerData: { budgetLintWorker: options } });
      worker.on('message', (outcome: FileOutcome) => {
        if (current) finish(current.index, outcome);
        next();
      });
      worker.on('error', (e: Error) => {
        if (current) finish(current.index, { findings: { file: current.file, diagnostics: [], error: `internal error: ${oneLine(e)}` } });
        current = undefined;
        void worker.terminate();
        if (queue.length) start();
        else resolveAll();
      });
      next();
    };
    const next = () => {
      current = queue.shift();
      if (current) worker.postMessage(current);
      else void worker.terminate().then(() => resolveAll());
    };
    start();
  });
}

function oneLine(e: Error): string {
  return (e.message ?? String(e)).split('\n')[0];
}

/** True in a thread started by `checkFiles`. */
export function isCheckWorker(): boolean {
  return parentPort !== null && (workerData as { budgetLintWorker?: unknown } | undefined)?.budgetLintWorker !== undefined;
}

/** The worker's side: check each file it is sent and send back the outcome. */
export function serveChecks(): void {
  const checker = new FileChecker((workerData as { budgetLintWorker: CheckOptions }).budgetLintWorker);
  parentPort!.on('message', (task: Task) => {
    void checker.check(task.file).then((outcome) => parentPort!.postMessage(outcome));
  });
}
