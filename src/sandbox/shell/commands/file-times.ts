/**
 * File times on the session's virtual clock. just-bash's in-memory filesystem stamps every write
 * with the host's wall clock (`new Date`), so `ls -l` showed this machine's time while `date` said
 * the session's, and two runs of one script printed different listings. This wrapper records the
 * virtual time of each change (the entry, and its directory, whose mtime a new or removed entry
 * changes as on Linux) and reports it; entries no shell command changed date from the start.
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

  readFile(path: string, options?: ReadOptions): Promise<string> {
    return this.#inner.readFile(path, options);
  }
  readFileBuffer(path: string): Promise<Uint8Array> {
    return this.#inner.readFileBuffer(path);
  }
  async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    const existed = await this.#inner.exists(path);
    await this.#inner.writeFile(path, content, options);
    this.#touch(path, !existed);
  }
  async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    const existed = await this.#inner.exists(path);
    await this.#inner.appendFile(path, content, options);
    this.#touch(path, !existed);
  }
  exists(path: string): Promise<boolean> {
    return this.#inner.exists(path);
  }
  async stat(path: string): Promise<FsStat> {
    return this.#dated(
      await this.#inner.realpath(path).catch(() => path),
      await this.#inner.stat(path),
    );
  }
  async lstat(path: string): Promise<FsStat> {
    return this.#dated(path, await this.#inner.lstat(path));
  }
  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    const existed = await this.#inner.exists(path);
    await this.#inner.mkdir(path, options);
    if (!existed) this.#touch(path);
  }
  readdir(path: string): Promise<string[]> {
    return this.#inner.readdir(path);
  }
  async readdirWithFileTypes(path: string): Promise<DirentEntry[]> {
    if (this.#inner.readdirWithFileTypes) return await this.#inner.readdirWithFileTypes(path);
    const names = await this.#inner.readdir(path);
    return await Promise.all(
      names.map(async (name) => {
        const stat = await this.#inner.lstat(`${path === "/" ? "" : path}/${name}`);
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
