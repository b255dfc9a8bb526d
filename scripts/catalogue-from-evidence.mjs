// node --import tsx scripts/catalogue-from-evidence.mjs [EVIDENCE.tsv]
// Reads the harvested evidence (test/golden/catalogue-evidence.tsv) against the catalogue and prints what to
// review: candidate entries (codes the catalogue lacks for the years documents use them, with one consistent name),
// with their provenance, as function.tsv lines without an explanation; names that differ from the catalogue's; codes
// under a 款 marked complete that the catalogue lacks. Nothing is written: entries get their explanation by hand.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { catalogue, normalizeName } = require('../server/src/catalogue/catalogue.ts');
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const file = process.argv[2] ?? join(ROOT, 'test', 'golden', 'catalogue-evidence.tsv');
const cat = catalogue();

const codes = new Map();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('classification\t')) continue;
  const [cls, code, year, name, documents, , which, local] = line.split('\t');
  if (year === 'unknown') continue;
  const c = codes.get(code) ?? {
    cls,
    local: local === 'y',
    names: new Map(),
    years: new Set(),
    cities: new Set(),
    files: 0,
    missingIn: new Set(),
  };
  const key = normalizeName(name);
  const n = c.names.get(key) ?? { name, documents: 0 };
  n.documents += Number(documents);
  c.names.set(key, n);
  c.years.add(Number(year));
  for (const city of which.split('、')) if (city && city !== 'unknown') c.cities.add(city);
  c.files += Number(documents);
  if (!cat.lookup(code, Number(year))) c.missingIn.add(Number(year));
  codes.set(code, c);
}

const provenance = (c) =>
  `observed in ${c.files} ${c.files === 1 ? 'document' : 'documents'}, ${c.cities.size} ${c.cities.size === 1 ? 'city' : 'cities'}, years ${[...c.years].sort().join(' ')}`;
console.log('# candidates: code, name, valid, former, complete, explanation, provenance (cities)');
for (const [code, c] of [...codes].sort()) {
  if (!c.missingIn.size || c.local) continue;
  const names = [...c.names.values()].sort((a, b) => b.documents - a.documents);
  const known = cat.anyEdition(code);
  const mark = known
    ? `# YEARS: catalogue ${known.from}-${known.to === Infinity ? '' : known.to}, used in ${[...c.missingIn].join(' ')}`
    : '';
  const conflict = names.length > 1 ? `# NAMES: ${names.map((n) => `${n.name}×${n.documents}`).join(' | ')}` : '';
  console.log(
    [code, names[0].name, `${Math.min(...c.years)}-`, '', '', '', provenance(c)].join('\t') +
      `\t# ${[...c.cities].join('、')} ${mark} ${conflict}`.trimEnd(),
  );
}
console.log('\n# names that differ from the catalogue (code, catalogue name, names seen)');
for (const [code, c] of [...codes].sort()) {
  for (const year of c.years) {
    const e = cat.lookup(code, year);
    if (!e) continue;
    const accepted = cat.acceptedNames(e).map(normalizeName);
    const other = [...c.names.entries()].filter(([k]) => !accepted.includes(k));
    if (other.length) console.log(`${code}\t${year}\t${e.name}\t${other.map(([, n]) => `${n.name}×${n.documents}`).join(' | ')}`);
  }
}
console.log('\n# codes under a 款 marked complete that the catalogue lacks');
for (const [code, c] of [...codes].sort()) {
  if (code.length < 5 || !c.missingIn.size) continue;
  const parent = cat.anyEdition(code.slice(0, code.length - 2));
  if (parent?.complete && parent.classification === 'function')
    console.log(`${code}\t${[...c.names.values()][0].name}\tunder ${parent.code} ${parent.name}\t${[...c.cities].join('、')}`);
}
