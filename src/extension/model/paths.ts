// Report locations are relative to the source root and come from untrusted data: resolve them
// only when they stay inside the root, so a trace can never make Limbo open /etc/passwd.
import * as path from 'node:path';

export function resolveInsideRoot(root: string, relativeFile: string): string | undefined {
  if (!relativeFile || relativeFile.length > 4096 || relativeFile.includes('\0')) return undefined;
  const normalizedRoot = path.resolve(root);
  const absolute = path.resolve(normalizedRoot, relativeFile);
  const relative = path.relative(normalizedRoot, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return absolute;
}

/** The source root for a workspace folder and the `limbo.sourceRoot` setting (which must stay inside the folder). */
export function sourceRootFor(workspaceFolder: string, setting: string | undefined): string {
  const trimmed = (setting ?? '').trim();
  if (!trimmed) return path.resolve(workspaceFolder);
  return resolveInsideRoot(workspaceFolder, trimmed) ?? path.resolve(workspaceFolder);
}
