/**
 * `kubectl create secret generic|docker-registry|tls NAME ...`: the Secret kubectl's create_secret*
 * commands build from literals, files, directories and env files of the session's filesystem,
 * with their validation and error texts (observed with kubectl 1.32), then sent to the API server
 * or printed (--dry-run=client, -o).
 */
import type { Secret } from "kubernetes-types/core/v1.d.ts";
import type { KubeObject } from "../../cluster/store.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs, type FlagSpec, type ParsedArgs } from "../flags.ts";
import { apiCall } from "../objects.ts";
import { goQuote } from "../print/go-fmt.ts";
import { toJson } from "../print/json.ts";
import { formatObjects, noWidePrinter, parseOutputFormat } from "../print/output.ts";
import { checkKeyPair, TlsKeyPairError } from "../tls-key-pair.ts";

const CREATE_SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** Flags every `create secret` subcommand has (print flags, dry run, validation). */
const COMMON_FLAGS: readonly FlagSpec[] = [
  { name: "output", short: "o", type: "string" },
  { name: "dry-run", type: "string" },
  { name: "append-hash", type: "bool" },
  { name: "save-config", type: "bool" },
  { name: "validate", type: "string" },
  { name: "field-manager", type: "string" },
  { name: "template", type: "string" },
  { name: "allow-missing-template-keys", type: "bool" },
  { name: "show-managed-fields", type: "bool" },
];

const SUBCOMMAND_FLAGS: Record<string, readonly FlagSpec[]> = {
  generic: [
    { name: "from-file", type: "strings" },
    { name: "from-literal", type: "string" },
    { name: "from-env-file", type: "strings" },
    { name: "type", type: "string" },
  ],
  "docker-registry": [
    { name: "from-file", type: "strings" },
    { name: "docker-username", type: "string" },
    { name: "docker-password", type: "string" },
    { name: "docker-email", type: "string" },
    { name: "docker-server", type: "string" },
  ],
  tls: [
    { name: "cert", type: "string" },
    { name: "key", type: "string" },
  ],
};

const CONFIG_KEY_FORMAT =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
export const ENV_NAME_FORMAT =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** validation.IsConfigMapKey: the problems with a data key, empty when it is valid. */
function configKeyProblems(key: string): string[] {
  const problems: string[] = [];
  if (key.length > 253) problems.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key)) problems.push(CONFIG_KEY_FORMAT);
  if (key === ".") problems.push("must not be '.'");
  else if (key === "..") problems.push("must not be '..'");
  else if (key.startsWith("..")) problems.push("must not start with '..'");
  return problems;
}

/** Base64 of a text's UTF-8 bytes, as the API serialises []byte. */
function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The Secret kubectl is building: its keys in order of arrival, values as text. */
class SecretData {
  readonly entries = new Map<string, string>();

  add(key: string, value: string): void {
    const problems = configKeyProblems(key);
    if (problems.length > 0)
      throw plainError(`${goQuote(key)} is not valid key name for a Secret ${problems.join(";")}`);
    if (this.entries.has(key))
      throw plainError(`cannot add key ${key}, another key by that name already exists`);
    this.entries.set(key, value);
  }

  /** The API's data map: keys sorted as Go's encoding/json writes a map. */
  encoded(): Record<string, string> {
    const keys = [...this.entries.keys()].sort();
    return Object.fromEntries(keys.map((k) => [k, base64(this.entries.get(k) ?? "")]));
  }
}

/** What a path of the session's filesystem is. */
type PathKind = "file" | "directory" | "missing";

async function pathKind(env: KubectlEnv, path: string): Promise<PathKind> {
  if ((await env.readDirectory?.(path)) !== undefined) return "directory";
  return (await readText(env, path)) === undefined ? "missing" : "file";
}

async function readText(env: KubectlEnv, path: string): Promise<string | undefined> {
  try {
    return await env.readFile(path);
  } catch {
    return undefined;
  }
}

/** util.ParseLiteralSource: key=value, split at the first `=`. */
function literalSource(source: string): [string, string] {
  const eq = source.indexOf("=");
  if (eq <= 0) throw plainError(`invalid literal source ${source}, expected key=value`);
  return [source.slice(0, eq), source.slice(eq + 1)];
}

/** util.ParseFileSource: [key=]path, the key defaulting to the path's base name. */
function fileSource(source: string): [string, string] {
  const separators = source.split("=").length - 1;
  if (separators === 0) return [source.replace(/\/+$/, "").split("/").at(-1) || "/", source];
  if (separators > 1) throw plainError("key names or file paths cannot contain '='");
  const [key = "", path = ""] = source.split("=");
  if (key === "") throw plainError(`key name for file path ${path} missing`);
  if (path === "") throw plainError(`file path for key name ${key} missing`);
  return [key, path];
}

/** handleSecretFromFileSources: a file under its key, or each regular file of a directory. */
async function addFileSources(
  env: KubectlEnv,
  data: SecretData,
  sources: readonly string[],
): Promise<void> {
  for (const source of sources) {
    const [key, path] = fileSource(source);
    const kind = await pathKind(env, path);
    if (kind === "missing") throw plainError(`error reading ${path}: no such file or directory`);
    if (kind === "directory") {
      if (source.includes("=")) throw plainError("cannot give a key name for a directory path");
      for (const name of (await env.readDirectory?.(path)) ?? []) {
        data.add(name, (await readText(env, `${path.replace(/\/+$/, "")}/${name}`)) ?? "");
      }
      continue;
    }
    data.add(key, (await readText(env, path)) ?? "");
  }
}

/**
 * cmdutil.AddFromEnvFile: KEY=value lines (leading blanks dropped, the value kept as written), `#`
 * comments and blank lines skipped, a BOM at the start ignored; a bare KEY takes the value of the
 * environment, which kubectl's own process does not have here (empty).
 */
async function addEnvFileSources(
  env: KubectlEnv,
  data: SecretData,
  sources: readonly string[],
): Promise<void> {
  for (const source of sources) {
    const kind = await pathKind(env, source);
    if (kind === "missing") throw plainError(`error reading ${source}: no such file or directory`);
    if (kind === "directory") throw plainError("env secret file cannot be a directory");
    const text = ((await readText(env, source)) ?? "").replace(/^\uFEFF/, "");
    for (const raw of text.split("\n")) {
      const line = raw.replace(/\r$/, "").replace(/^\s+/, "");
      if (line === "" || line.startsWith("#")) continue;
      const eq = line.indexOf("=");
      const key = eq === -1 ? line : line.slice(0, eq);
      if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(key))
        throw plainError(`${goQuote(key)} is not a valid key name: ${ENV_NAME_FORMAT}`);
      data.add(key, eq === -1 ? "" : line.slice(eq + 1));
    }
  }
}

/** The .dockerconfigjson kubectl writes: {"auths":{SERVER:{username,password,email,auth}}}. */
function dockerConfigJson(server: string, username: string, password: string, email: string) {
  const entry: Record<string, string> = { username, password };
  if (email !== "") entry["email"] = email;
  entry["auth"] = base64(`${username}:${password}`);
  return JSON.stringify({ auths: { [server]: entry } });
}

async function tlsData(env: KubectlEnv, flags: Flags, data: SecretData): Promise<void> {
  const cert = flags.string("cert");
  const key = flags.string("key");
  if (cert === "" || key === "") throw plainError("key and cert must be specified");
  const read = async (path: string): Promise<string> => {
    const kind = await pathKind(env, path);
    if (kind === "directory")
      throw plainError(`Cannot read file ${path}, read ${path}: is a directory`);
    const text = await readText(env, path);
    if (text === undefined)
      throw plainError(`Cannot read file ${path}, open ${path}: no such file or directory`);
    return text;
  };
  const certText = await read(cert);
  const keyText = await read(key);
  try {
    checkKeyPair(certText, keyText);
  } catch (error) {
    if (error instanceof TlsKeyPairError) throw plainError(error.message);
    throw error;
  }
  data.add("tls.crt", certText);
  data.add("tls.key", keyText);
}

/** The object as kubectl prints a typed Secret with -o json: Go's struct field order. */
function typedOrder(secret: KubeObject & Secret): Record<string, unknown> {
  const meta = secret.metadata ?? {};
  const metadata: Record<string, unknown> = { name: meta.name };
  if (meta.namespace) metadata["namespace"] = meta.namespace;
  if (meta.uid) metadata["uid"] = meta.uid;
  if (meta.resourceVersion) metadata["resourceVersion"] = meta.resourceVersion;
  metadata["creationTimestamp"] = meta.creationTimestamp ?? null;
  if (meta.labels) metadata["labels"] = meta.labels;
  if (meta.annotations) metadata["annotations"] = meta.annotations;
  const out: Record<string, unknown> = { kind: "Secret", apiVersion: "v1", metadata };
  if (secret.data && Object.keys(secret.data).length > 0) out["data"] = secret.data;
  if (secret.type) out["type"] = secret.type;
  return out;
}

function print(env: KubectlEnv, flags: Flags, secret: Secret, suffix: string): void {
  const format = parseOutputFormat(flags.optionalString("output"), {
    template: flags.optionalString("template"),
  });
  if (format.kind === "table") {
    if (format.wide) throw noWidePrinter();
    env.stdout(`secret/${secret.metadata?.name ?? ""} created${suffix}\n`);
  } else if (format.kind === "json") env.stdout(toJson(typedOrder(secret), false));
  else env.stdout(formatObjects(format, [secret], true, false));
}

function nameOf(subcommand: string, parsed: ParsedArgs): string {
  if (parsed.positional.length !== 1)
    throw new KubectlError(
      `error: exactly one NAME is required, got ${String(parsed.positional.length)}\nSee 'kubectl create secret ${subcommand} -h' for help and examples`,
    );
  return parsed.positional[0] ?? "";
}

export async function runCreateSecret(
  argv: readonly string[],
  env: KubectlEnv,
  subcommandAt: number,
): Promise<number> {
  const subcommand = argv[subcommandAt];
  if (subcommand === undefined) {
    env.stderr(CREATE_SECRET_HELP);
    return 1;
  }
  const own = SUBCOMMAND_FLAGS[subcommand];
  if (!own) {
    // cmdutil.DefaultSubCommandRun names every word given, after the parent's flags are parsed.
    const words = parseArgs("create secret", argv, []).positional.join(" ");
    throw new KubectlError(
      `error: unknown command "${words}"\nSee 'kubectl create secret -h' for help and examples`,
    );
  }
  const rest = [...argv.slice(0, subcommandAt), ...argv.slice(subcommandAt + 1)];
  const parsed = parseArgs(`create secret ${subcommand}`, rest, [...COMMON_FLAGS, ...own]);
  const flags = new Flags(parsed);
  const name = nameOf(subcommand, parsed);
  const dryRun = flags.optionalString("dry-run") ?? "none";
  if (!["none", "client", "server"].includes(dryRun))
    throw plainError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  const namespace = flags.optionalString("namespace");
  const data = new SecretData();
  let type: string | undefined;
  if (subcommand === "generic") {
    const envFiles = flags.strings("from-env-file");
    if (envFiles.length > 0 && (flags.has("from-file") || flags.has("from-literal")))
      throw plainError("from-env-file cannot be combined with from-file or from-literal");
    for (const literal of flags.strings("from-literal")) data.add(...literalSource(literal));
    await addFileSources(env, data, flags.strings("from-file"));
    await addEnvFileSources(env, data, envFiles);
    type = flags.optionalString("type") || undefined;
  } else if (subcommand === "docker-registry") {
    const files = flags.strings("from-file");
    const username = flags.string("docker-username");
    const password = flags.string("docker-password");
    const server = flags.string("docker-server", "https://index.docker.io/v1/");
    if (files.length === 0 && (username === "" || password === "" || server === ""))
      throw plainError(
        "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
      );
    if (files.length > 0) {
      // kubectl names a keyless file source .dockerconfigjson, whatever the file is called.
      await addFileSources(
        env,
        data,
        files.map((f) => (f.includes("=") ? f : `.dockerconfigjson=${f}`)),
      );
    } else
      data.add(
        ".dockerconfigjson",
        dockerConfigJson(server, username, password, flags.string("docker-email")),
      );
    type = "kubernetes.io/dockerconfigjson";
  } else {
    await tlsData(env, flags, data);
    type = "kubernetes.io/tls";
  }
  const secret: KubeObject & Secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, ...(namespace === undefined ? {} : { namespace }) },
    ...(data.entries.size > 0 ? { data: data.encoded() } : {}),
    ...(type === undefined ? {} : { type }),
  };
  if (dryRun === "client") {
    print(
      env,
      flags,
      { ...secret, metadata: { ...secret.metadata, creationTimestamp: null as unknown as string } },
      " (dry run)",
    );
    return 0;
  }
  const target = namespace ?? env.namespace ?? "default";
  // The API server defaults an empty type to Opaque (the Secret strategy's PrepareForCreate).
  const stored: KubeObject & Secret = {
    ...secret,
    metadata: { ...secret.metadata, namespace: target },
    type: secret.type ?? "Opaque",
  };
  if (dryRun === "server") {
    if (env.cluster.store.get("secrets", target, name))
      throw plainError(`failed to create secret secrets "${name}" already exists`);
    print(env, flags, stored, " (server dry run)");
    return 0;
  }
  let created: KubeObject & Secret;
  try {
    created = apiCall(() => env.cluster.create("secrets", stored));
  } catch (error) {
    if (error instanceof KubectlError)
      throw plainError(
        `failed to create secret ${error.message.replace(/^Error from server \([A-Za-z]+\): /, "")}`,
      );
    throw error;
  }
  print(env, flags, created, "");
  return 0;
}
