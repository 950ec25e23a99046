/** `npm run zones:generate`: rewrites src/domain/time-zone/postal-zones.generated.ts from the reference. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedTableSource } from './zip-zones';

export const GENERATED_TABLE = fileURLToPath(new URL('../../src/domain/time-zone/postal-zones.generated.ts', import.meta.url));

const source = generatedTableSource();
writeFileSync(GENERATED_TABLE, source);
console.log(`wrote ${GENERATED_TABLE} (${Buffer.byteLength(source)} bytes)`);
