/** `npm run catalogue`: regenerate scenarios/catalogue.generated.ts and the README's catalogue table from the scenario files. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RUNS_LAST, renderCatalogueModule, renderReadmeCatalogue, scenarioFiles, spliceReadme } from './catalogue-source.ts';

const files = await scenarioFiles();
const module = fileURLToPath(new URL('./catalogue.generated.ts', import.meta.url));
writeFileSync(module, renderCatalogueModule(files));
process.stdout.write(`wrote ${module} (${files.length} scenarios)\n`);

const readme = fileURLToPath(new URL('../README.md', import.meta.url));
writeFileSync(readme, spliceReadme(readFileSync(readme, 'utf8'), renderReadmeCatalogue([...files.map((f) => f.scenario), ...RUNS_LAST])));
process.stdout.write(`updated the catalogue table in ${readme}\n`);
