/**
 * File times on the session's virtual clock. just-bash's in-memory filesystem stamps every write
 * with the host's wall clock (`new Date`), so `ls -l` showed this machine's time while `date` said
 * the session's, and two runs of one script printed different listings. This wrapper records the
 * virtual time of each change (the entry, and its directory, whose mtime a new or removed entry
 * changes as on Linux) and reports it; entries no shell command changed date from the start.
 *
 * It also serves the character devices every Linux /dev has, which the in-memory filesystem
 * lacks (writing to /dev/null stored the bytes, /dev/zero read as missing): /dev/null reads empty
 * and swallows writes; /dev/zero and /dev/urandom read as a block of zeros or of pseudo-random
 * bytes (a fixed xorshift sequence: sessions stay replayable), enough for `head -c N`.
 */
import type {
  CpOptions,
  FileContent,
  FsStat,
  IFileSystem,
  MkdirOptions,
  RmOptions,
} from "just-bash";

type ReadOptions = Parameters<IFileSystem["readFile"]>[1];
type WriteOptions = Parameters<IFileSystem["writeFile"]>[2];
type DirentEntry = Awaited<ReturnType<NonNullable<IFileSystem["readdirWithFileTypes"]>>>[number];

/** Bytes one read of /dev/zero or /dev/urandom gives: a pipe's worth, far below the output cap. */
const DEVICE_BLOCK_BYTES = 64 * 1024;

function pseudoRandomBlock(): Uint8Array {
  const bytes = new Uint8Array(DEVICE_BLOCK_BYTES);
  let state = 0x9e3779b9;
  for (let index = 0; index < bytes.length; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

const DEVICES: Readonly<Record<string, () => Uint8Array>> = {
  "/dev/null": () => new Uint8Array(0),
  "/dev/zero": () => new Uint8Array(DEVICE_BLOCK_BYTES),
  "/dev/urandom": pseudoRandomBlock,
  "/dev/random": pseudoRandomBlock,
};
const DEVICE_NAMES = Object.keys(DEVICES).map((path) => path.slice("/dev/".length));
const isDevice = (path: string): boolean => Object.hasOwn(DEVICES, path);

function deviceStat(): FsStat {
  return {
    isFile: true,
    isDirectory: false,
    isSymbolicLink: false,
    mode: 0o666,
    size: 0,
    mtime: new Date(0),
  };
}

const parentOf = (path: string): string => path.slice(0, Math.max(1, path.lastIndexOf("/")));

export class VirtualTimeFs implements IFileSystem {
  readonly #inner: IFileSystem;
  readonly #now: () => number;
  readonly #start: number;
  readonly #times = new Map<string, number>();

  constructor(inner: IFileSystem, now: () => number) {
    this.#inner = inner;
    this.#now = now;
    this.#start = now();
  }

  #touch(path: string, withParent = true): void {
    const now = this.#now();
    this.#times.set(path, now);
    if (withParent) this.#times.set(parentOf(path), now);
  }

  #dated(path: string, stat: FsStat): FsStat {
    return { ...stat, mtime: new Date(this.#times.get(path) ?? this.#start) };
  }

  async readFile(path: string, options?: ReadOptions): Promise<string> {
    const device = DEVICES[path];
    if (!device) return await this.#inner.readFile(path, options);
    const encoding = typeof options === "string" ? options : options?.encoding;
    const bytes = device();
    return encoding === "binary" || encoding === "latin1"
      ? String.fromCharCode(...bytes.subarray(0, 0x8000)) +
          String.fromCharCode(...bytes.subarray(0x8000))
      : new TextDecoder().decode(bytes);
  }
  async readFileBuffer(path: string): Promise<Uint8Array> {
    const device = DEVICES[path];
    return device ? device() : await this.#inner.readFileBuffer(path);
  }
  async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (isDevice(path)) return;
    const existed = await this.#inner.exists(path);
    await this.#inner.writeFile(path, content, options);
    this.#touch(path, !existed);
  }
  async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    if (isDevice(path)) return;
    const existed = await this.#inner.exists(path);
    await this.#inner.appendFile(path, content, options);
    this.#touch(path, !existed);
  }
  async exists(path: string): Promise<boolean> {
    return isDevice(path) || path === "/dev" || (await this.#inner.exists(path));
  }
  async stat(path: string): Promise<FsStat> {
    if (isDevice(path)) return this.#dated(path, deviceStat());
    const real = await this.#inner.realpath(path).catch(() => path);
    return this.#dated(real, await this.#devStat(path, () => this.#inner.stat(path)));
  }
  async lstat(path: string): Promise<FsStat> {
    if (isDevice(path)) return this.#dated(path, deviceStat());
    return this.#dated(path, await this.#devStat(path, () => this.#inner.lstat(path)));
  }
  /** /dev is a directory even before anything is stored under it. */
  async #devStat(path: string, stat: () => Promise<FsStat>): Promise<FsStat> {
    if (path !== "/dev") return await stat();
    const directory = { ...deviceStat(), isFile: false, isDirectory: true, mode: 0o755 };
    return await stat().catch(() => directory);
  }
  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const existed = await this.#inner.exists(path);
    await this.#inner.mkdir(path, options);
    if (!existed) this.#touch(path);
  }
  async readdir(path: string): Promise<string[]> {
    if (path !== "/dev") return await this.#inner.readdir(path);
    const stored = await this.#inner.readdir(path).catch(() => []);
    return [...new Set([...stored, ...DEVICE_NAMES])].sort();
  }
  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    if (this.#inner.readdirWithFileTypes && path !== "/dev") {
      return await this.#inner.readdirWithFileTypes(path);
    }
    const names = await this.readdir(path);
    return await Promise.all(
      names.map(async (name) => {
        const stat = await this.lstat(`${path === "/" ? "" : path}/${name}`);
        const { isFile, isDirectory, isSymbolicLink } = stat;
        return { name, isFile, isDirectory, isSymbolicLink };
      }),
    );
  }
  async rm(path: string, options?: RmOptions): Promise<void> {
    await this.#inner.rm(path, options);
    this.#times.delete(path);
    this.#times.set(parentOf(path), this.#now());
  }
  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    await this.#inner.cp(src, dest, options);
    this.#touch(dest);
  }
  async mv(src: string, dest: string): Promise<void> {
    await this.#inner.mv(src, dest);
    const moved = this.#times.get(src);
    this.#times.delete(src);
    this.#touch(parentOf(src), false);
    this.#touch(parentOf(dest), false);
    if (moved !== undefined) this.#times.set(dest, moved);
  }
  resolvePath(base: string, path: string): string {
    return this.#inner.resolvePath(base, path);
  }
  getAllPaths(): string[] {
    return this.#inner.getAllPaths();
  }
  chmod(path: string, mode: number): Promise<void> {
    return this.#inner.chmod(path, mode);
  }
  async symlink(target: string, linkPath: string): Promise<void> {
    await this.#inner.symlink(target, linkPath);
    this.#touch(linkPath);
  }
  async link(existingPath: string, newPath: string): Promise<void> {
    await this.#inner.link(existingPath, newPath);
    this.#touch(newPath);
  }
  readlink(path: string): Promise<string> {
    return this.#inner.readlink(path);
  }
  realpath(path: string): Promise<string> {
    return this.#inner.realpath(path);
  }
  async utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    await this.#inner.utimes(path, atime, mtime);
    // touch without -d asks for "now", which just-bash reads from the host clock.
    this.#times.set(path, this.#now());
  }
}
