/** Regenerate MATRIX.md from the registry: `node --import tsx mocks/targets/flawed/write-matrix.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { acceptEverything, flawedTargets, rejectEverything } from './index.ts';
import { renderMatrix } from './matrix-table.ts';

const file = fileURLToPath(new URL('./MATRIX.md', import.meta.url));
writeFileSync(file, renderMatrix(flawedTargets, { accept: acceptEverything, reject: rejectEverything }));
process.stdout.write(`wrote ${file}\n`);
