// Paths tests use. Fixtures live in ../shared/fixtures beside the clone (read-only in CI).
import { resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '..', '..');
export const fixturesRoot = resolve(repoRoot, '..', 'shared', 'fixtures');
export const fixture = (relative: string): string => resolve(fixturesRoot, relative);
