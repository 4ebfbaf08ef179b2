/**
 * Reading labs/<id>/ from disk (Node only): lab.yaml validated by the lab schema, with an error
 * that names the file and the field, as an authoring mistake should.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { labSchema, type Lab, type Variant } from "../../schemas/lab.ts";

export const LABS_DIR = resolve(import.meta.dirname, "..", "..", "..", "labs");

export class LabDefinitionError extends Error {}

export function loadLab(id: string, labsDir = LABS_DIR): Lab {
  if (!/^[a-z0-9-]+$/.test(id)) throw new LabDefinitionError(`not a lab id: ${JSON.stringify(id)}`);
  const file = join(labsDir, id, "lab.yaml");
  if (!existsSync(file)) throw new LabDefinitionError(`no lab '${id}' (${file} does not exist)`);
  const result = labSchema.safeParse(parse(readFileSync(file, "utf8")));
  if (!result.success)
    throw new LabDefinitionError(
      `${file}: invalid lab definition\n${z.prettifyError(result.error)}`,
    );
  if (result.data.id !== id)
    throw new LabDefinitionError(`${file}: id '${result.data.id}' differs from its folder '${id}'`);
  return result.data;
}

/** Every lab in labs/, sorted by id. */
export function loadLabs(labsDir = LABS_DIR): Lab[] {
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, "lab.yaml")))
    .map((entry) => loadLab(entry.name, labsDir))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** The variant's scenario file, parsed (validation is the engine's, when it builds the cluster). */
export function loadScenario(lab: Lab, variant: Variant, labsDir = LABS_DIR): unknown {
  return parse(readFileSync(join(labsDir, lab.id, variant.scenario), "utf8"));
}

/** The learner's editable files of a lab, path -> contents. */
export function loadLabFiles(lab: Lab, labsDir = LABS_DIR): Map<string, string> {
  return new Map(
    lab.files.map((path) => [path, readFileSync(join(labsDir, lab.id, path), "utf8")]),
  );
}
