/** Regenerate MATRIX.md and the README's matrix block from the registry: `node --import tsx mocks/targets/flawed/write-matrix.ts`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acceptEverything, flawedTargets, rejectEverything } from './index.ts';
import { renderMatrix, renderReadmeMatrix, spliceReadme } from './matrix-table.ts';

const file = fileURLToPath(new URL('./MATRIX.md', import.meta.url));
writeFileSync(file, renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything }));
process.stdout.write(`wrote ${file}\n`);

const readme = fileURLToPath(new URL('../../../README.md', import.meta.url));
writeFileSync(readme, spliceReadme(readFileSync(readme, 'utf8'), renderReadmeMatrix(flawedTargets)));
process.stdout.write(`updated the matrix in ${readme}\n`);
