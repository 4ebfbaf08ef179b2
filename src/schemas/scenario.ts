import { z } from "zod";

/**
 * A scenario is data: the nodes, workloads, images and faults of a simulated cluster. The engine
 * (src/sandbox/scenarios createCluster(spec, seed)) turns it into a live cluster; the seed picks
 * names and which node a fault hits, so two learners see different but equally broken clusters.
 */

const quantity = z
  .string()
  .regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$/, "a Kubernetes quantity such as 500m, 128Mi or 2");

export const resourceListSchema = z
  .record(z.string(), quantity)
  .describe("Resource quantities by name (cpu, memory, ephemeral-storage, pods).");

export const nodeSpecSchema = z
  .object({
    name: z.string().min(1).describe("Node name, e.g. node-2."),
    role: z
      .enum(["control-plane", "worker"])
      .default("worker")
      .describe("control-plane nodes carry the node-role label."),
    cpu: z.string().default("4").describe("CPU capacity (cores)."),
    memory: z.string().default("8145440Ki").describe("Memory capacity."),
    pods: z.number().int().positive().default(110).describe("Maximum pods on the node."),
    pidsMax: z
      .number()
      .int()
      .positive()
      .default(4194304)
      .describe("kernel.pid_max and the kubepods pids.max."),
    podPidsLimit: z
      .number()
      .int()
      .min(-1)
      .optional()
      .describe("The kubelet's podPidsLimit (config.yaml); unset as kubeadm leaves it."),
    labels: z.record(z.string(), z.string()).default({}).describe("Extra node labels."),
    taints: z
      .array(
        z.object({
          key: z.string().describe("Taint key."),
          value: z.string().optional().describe("Taint value."),
          effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).describe("Taint effect."),
        }),
      )
      .default([])
      .describe("Node taints."),
    unschedulable: z.boolean().default(false).describe("Starts cordoned."),
  })
  .describe("One node of the cluster.");

export const imageFileSchema = z
  .object({
    path: z.string().startsWith("/").describe("Absolute path inside the image."),
    mode: z
      .string()
      .regex(/^0?[0-7]{3,4}$/)
      .default("0755")
      .describe("Octal permission bits, e.g. 0755 or 0644."),
    format: z
      .enum(["elf-amd64", "elf-arm64", "script", "text", "directory"])
      .default("elf-amd64")
      .describe(
        "What the file is: a native binary (for which CPU), a script with a #! line, plain text, a directory.",
      ),
    interpreter: z.string().optional().describe("For scripts: the #! interpreter path."),
  })
  .describe("A file in the image's root filesystem that matters for exec.");

export const logLineSchema = z
  .object({
    atSeconds: z.number().nonnegative().default(0).describe("Seconds after the process started."),
    text: z.string().describe("The line as the process writes it."),
    stream: z.enum(["stdout", "stderr"]).default("stdout").describe("Output stream."),
    klog: z
      .string()
      .regex(/^[IWE] [\w.-]+:\d+$/)
      .optional()
      .describe(
        'For Kubernetes components: "<severity> <file:line>", e.g. "I server.go:677"; the line then gets klog\'s header with the time it is written.',
      ),
  })
  .describe("One line the process writes.");

export const processSchema = z
  .object({
    exitValue: z
      .number()
      .int()
      .nullable()
      .default(null)
      .describe(
        "The value the program passes to exit(); the kernel keeps it modulo 256. null: runs until stopped.",
      ),
    runSeconds: z
      .number()
      .nonnegative()
      .default(1)
      .describe("Seconds from start until it exits (ignored when exitValue is null)."),
    logs: z.array(logLineSchema).default([]).describe("What it writes."),
    repeats: z
      .object({
        everySeconds: z.number().positive().describe("Seconds between two lines."),
        text: z
          .string()
          .optional()
          .describe("The line; absent: the time as date(1) prints it in UTC."),
      })
      .optional()
      .describe(
        "A line written at start and then at a fixed interval for as long as it runs (a `while true; do date; sleep 2; done` loop).",
      ),
    memoryMi: z.number().nonnegative().default(20).describe("Resident memory it grows to (MiB)."),
    pids: z.number().int().nonnegative().default(1).describe("Processes and threads it uses."),
    forks: z
      .boolean()
      .default(false)
      .describe("Forks without limit (a fork bomb): takes every PID the cgroup allows."),
    terminationMessage: z
      .string()
      .optional()
      .describe("Text it writes to /dev/termination-log before exiting."),
    stopsOnSigterm: z
      .boolean()
      .default(true)
      .describe("Exits promptly on SIGTERM (else killed after the grace period)."),
    signal: z
      .number()
      .int()
      .min(1)
      .max(64)
      .optional()
      .describe("Dies from this signal instead of exiting (status 128 + signal)."),
  })
  .describe("How the image's main process behaves once started.");

export const imageSpecSchema = z
  .object({
    name: z.string().min(1).describe("Image reference, e.g. registry.example.com/webapp:1.4.2."),
    entrypoint: z.array(z.string()).default([]).describe("ENTRYPOINT of the image config."),
    cmd: z.array(z.string()).default([]).describe("CMD of the image config."),
    files: z
      .array(imageFileSchema)
      .default([])
      .describe("Files that matter for exec (entrypoints, shells)."),
    shell: z.boolean().default(true).describe("The image has /bin/sh."),
    userland: z
      .enum(["ubuntu", "busybox", "alpine"])
      .optional()
      .describe(
        "Whose shell and tools the image has (bash and coreutils, or BusyBox ash); when absent, read from the image name.",
      ),
    sizeBytes: z
      .number()
      .int()
      .positive()
      .default(52_428_800)
      .describe("Compressed size, for pull times and crictl."),
    presentOnNodes: z.boolean().default(true).describe("Already pulled on every node."),
    process: processSchema.prefault({}).describe("The main process's behaviour."),
  })
  .describe("An image in the catalogue.");

export const containerSpecSchema = z
  .object({
    name: z.string().min(1).describe("Container name."),
    image: z.string().min(1).describe("Image reference (from the catalogue)."),
    command: z.array(z.string()).optional().describe("Overrides the image ENTRYPOINT."),
    args: z.array(z.string()).optional().describe("Overrides the image CMD."),
    ports: z.array(z.number().int().positive()).default([]).describe("Container TCP ports."),
    requests: resourceListSchema.optional().describe("resources.requests."),
    limits: resourceListSchema.optional().describe("resources.limits."),
    mounts: z
      .array(
        z.object({ volume: z.string(), mountPath: z.string(), subPath: z.string().optional() }),
      )
      .default([])
      .describe(
        "Volume mounts (volumes of kind emptyDir or configMap are declared on the workload).",
      ),
    terminationMessagePolicy: z
      .enum(["File", "FallbackToLogsOnError"])
      .default("File")
      .describe("Termination message policy."),
    env: z
      .array(
        z.object({
          name: z.string().min(1).describe("Variable name."),
          value: z.string().optional().describe("Literal value; $(VAR) refers to earlier ones."),
          secretKeyRef: z
            .object({
              name: z.string().min(1).describe("Secret name."),
              key: z.string().min(1).describe("Key in the Secret's data."),
              optional: z.boolean().optional().describe("Start without it if it is missing."),
            })
            .optional()
            .describe("valueFrom.secretKeyRef: the value comes from a Secret."),
        }),
      )
      .default([])
      .describe("Environment variables; $(NAME) in command and args expands to them."),
  })
  .describe("A container of a pod template.");

export const podTemplateSchema = z.object({
  labels: z
    .record(z.string(), z.string())
    .default({})
    .describe("Pod labels (the selector uses them)."),
  containers: z.array(containerSpecSchema).min(1).describe("Containers."),
  initContainers: z
    .array(containerSpecSchema)
    .default([])
    .describe("Init containers, run in order before the containers."),
  volumes: z
    .array(
      z.object({
        name: z.string(),
        kind: z.enum(["emptyDir", "configMap", "secret", "hostPath"]).default("emptyDir"),
        source: z.string().optional().describe("configMap name, Secret name or host path."),
        hostFileType: z
          .enum(["File", "Directory"])
          .optional()
          .describe("For hostPath: what exists at the host path."),
      }),
    )
    .default([])
    .describe("Pod volumes."),
  nodeSelector: z.record(z.string(), z.string()).optional().describe("Node selector."),
  nodeName: z.string().optional().describe("Pins the pod to a node, bypassing the scheduler."),
  hostNetwork: z
    .boolean()
    .default(false)
    .describe("Runs in the node's network namespace: the pod's IP is the node's InternalIP."),
  tolerations: z
    .array(
      z.object({
        key: z.string().optional(),
        operator: z.enum(["Equal", "Exists"]).optional(),
        value: z.string().optional(),
        effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
      }),
    )
    .default([])
    .describe("Tolerations besides the defaults the API server adds."),
  restartPolicy: z
    .enum(["Always", "OnFailure", "Never"])
    .default("Always")
    .describe("Pod restart policy."),
  terminationGracePeriodSeconds: z
    .number()
    .int()
    .nonnegative()
    .default(30)
    .describe("Grace period on deletion."),
});

export const workloadSpecSchema = z
  .discriminatedUnion("kind", [
    podTemplateSchema.extend({
      kind: z.literal("Deployment"),
      name: z.string().min(1).describe("Deployment name."),
      namespace: z.string().default("default").describe("Namespace."),
      replicas: z.number().int().nonnegative().default(1).describe("Desired replicas."),
      spreadAcrossNodes: z
        .boolean()
        .default(true)
        .describe(
          "Places one replica per schedulable node first (as the default topology spreading tends to).",
        ),
    }),
    podTemplateSchema.extend({
      kind: z.literal("DaemonSet"),
      name: z.string().min(1).describe("DaemonSet name."),
      namespace: z.string().default("kube-system").describe("Namespace."),
    }),
    podTemplateSchema.extend({
      kind: z.literal("Pod"),
      name: z.string().min(1).describe("Pod name."),
      namespace: z.string().default("default").describe("Namespace."),
    }),
  ])
  .describe("A workload: a Deployment (with its ReplicaSet), a DaemonSet or a bare Pod.");

const nodeChoice = z
  .string()
  .default("seeded")
  .describe(
    'A node name, or "seeded" for a worker the seed picks (the same one for every seeded fault).',
  );

export const faultSpecSchema = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("invalid-exit-value"),
      image: z.string().describe("Image whose program exits with the value."),
      exitValue: z
        .number()
        .int()
        .default(-128)
        .describe("The value passed to exit(), e.g. -128, 128 or 384."),
      language: z
        .enum(["python", "node", "go", "bash", "java"])
        .default("python")
        .describe("Language of the program, for its log lines."),
    }),
    z.object({
      type: z.literal("exec-failure"),
      image: z.string().describe("Image whose entrypoint cannot be executed."),
      mode: z
        .enum(["permission-denied", "not-found", "exec-format", "mount-over-file"])
        .describe(
          "Why exec fails: no execute bit, no such file, wrong CPU architecture, a mount hides the file.",
        ),
      path: z.string().default("/app/start").describe("The entrypoint path."),
    }),
    z.object({
      type: z.literal("runtime-failure"),
      node: nodeChoice,
      runtime: z
        .enum(["shims", "containerd"])
        .default("shims")
        .describe(
          "What is broken: containerd's shims (new containers fail with 128, the node stays Ready) or containerd itself (CRI calls time out, the node turns NotReady and its pods are evicted).",
        ),
    }),
    z.object({
      type: z.literal("pid-limit"),
      node: nodeChoice,
      pidsMax: z
        .number()
        .int()
        .positive()
        .default(4096)
        .describe("pids.max of the kubepods cgroup on that node."),
    }),
    z.object({ type: z.literal("cgroup-failure"), node: nodeChoice }),
    z.object({ type: z.literal("resource-pressure"), node: nodeChoice }),
    z.object({
      type: z.literal("git-init-container"),
      image: z.string().default("alpine/git:2.45.2").describe("The init container's image."),
      repository: z
        .string()
        .default("https://github.com/acme/site-content.git")
        .describe("Repository it clones."),
      error: z
        .enum(["authentication", "not-found"])
        .default("authentication")
        .describe(
          "What git reports when the scenario declares no gitRepositories (the image then fails whatever it clones).",
        ),
    }),
    z.object({
      type: z.literal("oom-killed"),
      image: z.string().describe("Image whose process outgrows its memory limit (137, OOMKilled)."),
    }),
    z.object({
      type: z.literal("sigterm"),
      image: z.string().describe("Image whose process is killed by SIGTERM (143)."),
    }),
    z.object({
      type: z.literal("command-not-found"),
      image: z.string().describe("Image whose shell cannot find the command (127)."),
      command: z.string().default("serve").describe("The missing command."),
    }),
  ])
  .describe("A fault to inject.");

export const gitRepositorySchema = z
  .object({
    url: z
      .string()
      .regex(/^https:\/\/[^/@]+\/.+/, "an https URL without credentials")
      .describe("Clone URL, e.g. https://github.com/acme/site-content.git (.git optional)."),
    private: z.boolean().default(false).describe("Anonymous clones are refused."),
    tokens: z
      .array(z.string().min(1))
      .default([])
      .describe("Access tokens that may read it (any username is accepted with a token)."),
  })
  .describe("A repository on a git server the cluster can reach.");

export const secretSpecSchema = z
  .object({
    name: z.string().min(1).describe("Secret name."),
    namespace: z.string().default("default").describe("Namespace."),
    stringData: z.record(z.string(), z.string()).describe("Keys and their (plain text) values."),
  })
  .describe("A Secret (type Opaque) that exists before the workloads.");

export const scenarioSpecSchema = z
  .object({
    name: z.string().min(1).describe("Scenario id."),
    description: z.string().default("").describe("What the scenario shows."),
    start: z.iso
      .datetime()
      .default("2026-11-24T20:21:17Z")
      .describe("Virtual time when the workloads are created."),
    clusterAgeSeconds: z
      .number()
      .int()
      .nonnegative()
      .default(259_200)
      .describe("How long the nodes have existed before start."),
    warmupSeconds: z
      .number()
      .int()
      .nonnegative()
      .default(600)
      .describe(
        "Virtual time run after creation so that restarts, back-off and events have history.",
      ),
    kubernetesVersion: z.string().default("v1.32.0").describe("kubelet and kube-proxy version."),
    containerdVersion: z.string().default("1.7.13").describe("containerd version."),
    nodes: z.array(nodeSpecSchema).min(1).describe("The nodes."),
    namespaces: z
      .array(z.string())
      .default([])
      .describe("Namespaces besides default, kube-system, kube-public, kube-node-lease."),
    images: z
      .array(imageSpecSchema)
      .default([])
      .describe("Image catalogue (kube-proxy and the debug images are built in)."),
    workloads: z
      .array(workloadSpecSchema)
      .default([])
      .describe("Workloads (kube-proxy is built in)."),
    faults: z.array(faultSpecSchema).default([]).describe("Faults to inject."),
    gitRepositories: z
      .array(gitRepositorySchema)
      .default([])
      .describe(
        "Repositories git can clone. When given, `git clone` in a container succeeds or fails as the real git would against them; otherwise git behaves as its image says.",
      ),
    secrets: z.array(secretSpecSchema).default([]).describe("Secrets created before workloads."),
  })
  .describe("A simulated cluster: nodes, images, workloads and faults.");

export type ScenarioSpec = z.infer<typeof scenarioSpecSchema>;
export type ScenarioInput = z.input<typeof scenarioSpecSchema>;
export type NodeSpec = z.infer<typeof nodeSpecSchema>;
export type ImageSpec = z.infer<typeof imageSpecSchema>;
export type ProcessSpec = z.infer<typeof processSchema>;
export type ContainerSpec = z.infer<typeof containerSpecSchema>;
export type WorkloadSpec = z.infer<typeof workloadSpecSchema>;
export type FaultSpec = z.infer<typeof faultSpecSchema>;
export type GitRepository = z.infer<typeof gitRepositorySchema>;
