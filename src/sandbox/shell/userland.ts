/**
 * Whose userland a container image has: Ubuntu's bash and coreutils, or BusyBox's ash (busybox,
 * alpine). It decides what the container's interactive shell looks like: its prompt, what it
 * prints when it leaves, how it says a command is missing, and /etc/os-release.
 */
import type { ImageSpec } from "../../schemas/scenario.ts";
import type { Dialect } from "./shell.ts";

export type Userland = NonNullable<ImageSpec["userland"]>;

/** The catalogue's word when it has one, else the image's repository name (busybox:1.36, alpine:3.20). */
export function imageUserland(reference: string, spec: ImageSpec | undefined): Userland {
  if (spec?.userland !== undefined) return spec.userland;
  const path = reference.replace(/@.*$/, "").replace(/:[^/]*$/, "");
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (name === "busybox") return "busybox";
  // alpine, and images built on it under its name (alpine/git, alpine/helm).
  if (name === "alpine" || path.split("/").includes("alpine")) return "alpine";
  return "ubuntu";
}

/**
 * The shell a program name starts in the userland: BusyBox ash for any shell in busybox and alpine;
 * in ubuntu, dash for `sh` and `/bin/sh` (Debian's /bin/sh since squeeze, Ubuntu's since 6.10),
 * bash for `bash`, and bash when no program is named (the image's CMD, /bin/bash).
 */
export function shellDialect(userland: Userland, program?: string): Dialect {
  if (userland !== "ubuntu") return "ash";
  return program !== undefined && /^(?:\/(?:usr\/)?bin\/)?sh$/.test(program) ? "dash" : "bash";
}

const UBUNTU_OS_RELEASE =
  'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nVERSION="24.04.1 LTS (Noble Numbat)"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n';

/** alpine:3.20's /etc/os-release (alpine-release 3.20.3). */
const ALPINE_OS_RELEASE =
  'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n';

/**
 * /etc/os-release of the image, or undefined when it has none: the busybox image's /etc holds only
 * group, hostname, hosts, localtime, mtab, network, passwd, resolv.conf and shadow.
 */
export function osRelease(userland: Userland): string | undefined {
  if (userland === "ubuntu") return UBUNTU_OS_RELEASE;
  if (userland === "alpine") return ALPINE_OS_RELEASE;
  return undefined;
}
