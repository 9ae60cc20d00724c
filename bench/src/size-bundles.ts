// Builds the size-limit bundles (run by `pnpm size` before size-limit reads them).
import { fileURLToPath } from 'node:url';
import { bundleSizeEntries } from './bundle.js';

await bundleSizeEntries(fileURLToPath(new URL('..', import.meta.url)));
