// Which files a `budget-lint PATH…` run checks. Folders are walked in name order; hidden folders and
// node_modules are skipped; links are followed only when they stay inside the folder named on the command line
// (a link out of the tree, or back up into it, is skipped with a note), so a loop can never hang or crash a run.
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { fileErrorReason } from '../import/load.js';

/** What budget-lint reads in a folder: disclosure texts and the published originals it can import. */
const CHECKED = /\.(txt|md|pdf|html?|docx|xlsx)$/i;
const NOT_DISCLOSURES = /^(README|SOURCES|CHANGELOG|LICENSE)\.md$/i;

export interface FileList {
  files: string[];
  /** Paths skipped, each with a one-line reason (printed as notes; they do not fail the run). */
  skipped: { path: string; reason: string }[];
  /** Paths named on the command line that do not exist or cannot be read (they fail the run: exit 2). */
  missing: { path: string; reason: string }[];
}

export function collectFiles(paths: string[]): FileList {
  const list: FileList = { files: [], skipped: [], missing: [] };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      list.missing.push({ path: p, reason: fileErrorReason(e) });
      continue;
    }
    if (!st.isDirectory()) {
      list.files.push(p);
      continue;
    }
    let root: string;
    try {
      root = realpathSync(p);
    } catch (e) {
      list.missing.push({ path: p, reason: fileErrorReason(e) });
      continue;
    }
    walk(p, root, new Set([root]), list);
  }
  return list;
}

function walk(dir: string, root: string, visited: Set<string>, list: FileList): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    list.skipped.push({ path: dir, reason: fileErrorReason(e) });
    return;
  }
  for (const name of names) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const p = join(dir, name);
    try {
      const link = lstatSync(p);
      let real = p;
      if (link.isSymbolicLink()) {
        real = realpathSync(p); // throws on a loop (ELOOP) or a dangling link
        if (!inside(real, root)) {
          list.skipped.push({ path: p, reason: 'a link out of the folder being checked: not followed' });
          continue;
        }
      }
      const st = link.isSymbolicLink() ? statSync(p) : link;
      if (st.isDirectory()) {
        const key = link.isSymbolicLink() ? real : realpathSync(p);
        if (visited.has(key)) {
          list.skipped.push({ path: p, reason: 'a link back to a folder already checked: not followed' });
          continue;
        }
        visited.add(key);
        walk(p, root, visited, list);
      } else if (st.isFile() && CHECKED.test(name) && !NOT_DISCLOSURES.test(name)) {
        list.files.push(p);
      }
    } catch (e) {
      list.skipped.push({ path: p, reason: fileErrorReason(e) });
    }
  }
}

function inside(path: string, root: string): boolean {
  const r = relative(root, path);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
