// The progress line of a long `budget-lint` run: `[12/40] path…` on standard error, rewritten in place and erased at
// the end. Only on a terminal (a log or a pipe never sees it) and only for a long run — more than 20 files, or one
// that has taken more than a second — so a quick check prints nothing but its findings.
const MANY_FILES = 20;
const LONG_MS = 1000;
/** Redraws at most this often: a terminal is slower than a run over small files. */
const REDRAW_MS = 80;

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): boolean;
}

export interface Progress {
  update(done: number, file: string): void;
  clear(): void;
}

export function progressLine(stream: ProgressStream, total: number, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return { update: () => {}, clear: () => {} };
  const started = now();
  let lastDraw = 0;
  let shown = false;
  return {
    update(done, file) {
      const t = now();
      if (total <= MANY_FILES && t - started < LONG_MS) return;
      if (t - lastDraw < REDRAW_MS && done < total) return;
      lastDraw = t;
      shown = true;
      // a terminal that does not say its width (columns 0 or undefined) is taken as 80 wide
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${fitLine(`[${done}/${total}] ${file}`, width)}\x1b[K`);
    },
    clear() {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** Shortens a line to the terminal's width, keeping the end of the path (the file's name) and marking the cut. */
export function fitLine(line: string, width: number): string {
  const chars = [...line];
  // CJK characters take two columns
  const cols = (c: string) =>
    /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c) ? 2 : 1;
  let used = chars.reduce((n, c) => n + cols(c), 0);
  if (used <= width) return line;
  const head = line.slice(0, line.indexOf(']') + 2);
  let rest = chars.slice([...head].length);
  used = [...head].reduce((n, c) => n + cols(c), 0) + 1;
  while (rest.length && used + rest.reduce((n, c) => n + cols(c), 0) > width) rest = rest.slice(1);
  return `${head}…${rest.join('')}`;
}
