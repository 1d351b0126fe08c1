// Writes a small inline project to a temporary folder, so each test states its whole input.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildProject } from '../../../../src/core/analysis/project/project';
import type { BuildProjectOptions, ProjectModel } from '../../../../src/core/analysis/project/types';

const created: string[] = [];

export function writeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'limbo-project-'));
  created.push(root);
  for (const [path, text] of Object.entries(files)) writeProjectFile(root, path, text);
  return root;
}

/** Writes (or rewrites) one file of a project, making its directories. */
export function writeProjectFile(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

export async function projectOf(files: Record<string, string>, options?: BuildProjectOptions): Promise<ProjectModel> {
  return buildProject(writeProject(files), options);
}

export function removeTempProjects(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** Names of the functions a function calls, as "name@confidence". */
export function calleesOf(model: ProjectModel, functionName: string): string[] {
  const fn = [...model.functions.values()].find((f) => f.name === functionName);
  if (!fn) throw new Error(`no function named ${functionName}; have ${[...model.functions.values()].map((f) => f.name).join(', ')}`);
  return model
    .callsFrom(fn.id)
    .map((e) => `${model.functions.get(e.callee)!.name}@${e.confidence}`)
    .sort();
}
