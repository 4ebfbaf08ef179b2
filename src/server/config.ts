/** Server settings read once from the environment, with the defaults the README documents. */
export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  /** Where persistent state (progress database, session logs) lives. */
  readonly dataDir: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env["PORT"] === undefined ? 4321 : Number(env["PORT"]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${env["PORT"]}"`);
  }
  return {
    host: env["HOST"] ?? "localhost",
    port,
    dataDir: env["DATA_DIR"] ?? ".data",
  };
}
