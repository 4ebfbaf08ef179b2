/**
 * git in an init container: `git clone` of a private or misspelled repository ends with git's
 * status for every fatal error, 128. The init container's status shows reason Error and exit code
 * 128, the pod shows Init:Error and then Init:CrashLoopBackOff, and `kubectl logs <pod> -c <init>`
 * shows git's "fatal:" line.
 */
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
    if (spec.workloads.some((w) => w.initContainers.some((c) => c.image === fault.image))) return;
    catalogueImage(spec, "nginx:1.27");
    spec.workloads.push({
      kind: "Deployment",
      name: "docs-site",
      namespace: "default",
      replicas: 2,
      spreadAcrossNodes: true,
      labels: { app: "docs-site" },
      initContainers: [
        {
          name: "git-clone",
          image: fault.image,
          args: ["clone", "--depth=1", fault.repository, "/workspace"],
          ports: [],
          mounts: [{ volume: "content", mountPath: "/workspace" }],
          terminationMessagePolicy: "File",
        },
      ],
      containers: [
        {
          name: "web",
          image: "nginx:1.27",
          ports: [80],
          mounts: [{ volume: "content", mountPath: "/usr/share/nginx/html" }],
          terminationMessagePolicy: "File",
        },
      ],
      volumes: [{ name: "content", kind: "emptyDir" }],
      tolerations: [],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
    });
  },
};
