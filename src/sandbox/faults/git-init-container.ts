/**
 * git in an init container: `git clone` of a private or misspelled repository ends with git's
 * status for every fatal error, 128. The init container's status shows reason Error and exit code
 * 128, the pod shows Init:Error and then Init:CrashLoopBackOff, and `kubectl logs <pod> -c <init>`
 * shows git's "fatal:" line.
 *
 * When the scenario declares `gitRepositories`, git's answer is worked out from the container's
 * real command line (its URL, the credentials in it, $(VAR)s from Secrets) against those
 * repositories (cluster/git-remote.ts), so fixing the URL or the credentials fixes the clone and
 * nothing else does. Without them the image itself fails as `error` says, whatever it clones.
 */
import { workloadSpecSchema } from "../../schemas/scenario.ts";
import type { FaultModule } from "./fault.ts";
import { catalogueImage } from "./fault.ts";

export const gitInitContainer: FaultModule<"git-init-container"> = {
  type: "git-init-container",
  nodeScoped: false,
  symptom:
    "Pods stay in Init:Error / Init:CrashLoopBackOff; the init container's logs end with a git 'fatal:' line and exit code 128.",
  prepare(spec, fault) {
    const image = catalogueImage(spec, fault.image);
    image.entrypoint = ["git"];
    image.files = [{ path: "/usr/bin/git", mode: "0755", format: "elf-amd64" }];
    if (spec.gitRepositories.length === 0) {
      const host = /^https?:\/\/([^/]+)/.exec(fault.repository)?.[1] ?? "github.com";
      const failure =
        fault.error === "authentication"
          ? [`fatal: could not read Username for 'https://${host}': No such device or address`]
          : [
              "remote: Repository not found.",
              `fatal: repository '${fault.repository.replace(/\/?$/, "/")}' not found`,
            ];
      image.process = {
        ...image.process,
        exitValue: 128,
        runSeconds: 1,
        logs: [
          { atSeconds: 0, text: "Cloning into '/workspace'...", stream: "stderr" },
          ...failure.map((text) => ({ atSeconds: 1, text, stream: "stderr" as const })),
        ],
      };
    }
    if (spec.workloads.some((w) => w.initContainers.some((c) => c.image === fault.image))) return;
    catalogueImage(spec, "nginx:1.27");
    spec.workloads.push(
      workloadSpecSchema.parse({
        kind: "Deployment",
        name: "docs-site",
        replicas: 2,
        labels: { app: "docs-site" },
        initContainers: [
          {
            name: "git-clone",
            image: fault.image,
            args: ["clone", "--depth=1", fault.repository, "/workspace"],
            mounts: [{ volume: "content", mountPath: "/workspace" }],
          },
        ],
        containers: [
          {
            name: "web",
            image: "nginx:1.27",
            ports: [80],
            mounts: [{ volume: "content", mountPath: "/usr/share/nginx/html" }],
          },
        ],
        volumes: [{ name: "content", kind: "emptyDir" }],
      }),
    );
  },
};
