import { z } from "zod";

/**
 * A hands-on lab: one folder in labs/<id>/ holding lab.yaml (validated here), instructions.mdx and
 * the files the learner may edit. Strings in checks, hints and solution lines may use `{{fact}}`
 * placeholders; facts are read from the lab's cluster when a run starts (the failing pod, its node,
 * ...) because the seed decides names and placement.
 */

/** The causes of exit code 128 the course teaches; every lab's `root-cause` answer is one of them. */
export const causeIds = [
  "invalid-exit-value",
  "exec-failure",
  "runtime-failure",
  "pid-limit",
  "cgroup-failure",
  "resource-pressure",
  "git-init-container",
] as const;
export const causeIdSchema = z
  .enum(causeIds)
  .describe("A cause of exit code 128, as named by the lessons (cause-<id>).");
export type CauseId = z.infer<typeof causeIdSchema>;

const templated = z
  .string()
  .min(1)
  .describe("Text that may contain {{fact}} placeholders, filled from the run's facts.");

/** How a run learns a seed-dependent value from its freshly created cluster. */
export const factSchema = z
  .discriminatedUnion("from", [
    z
      .object({
        from: z
          .literal("failing-pod")
          .describe(
            "The first pod whose container or init container last ended with the exit code.",
          ),
        selector: z.string().min(1).describe("Label selector the pod must match, e.g. app=web."),
        namespace: z.string().default("default").describe("Namespace to look in."),
        exitCode: z
          .number()
          .int()
          .default(128)
          .describe("Exit code that marks the pod as failing."),
        field: z
          .enum(["name", "node"])
          .default("name")
          .describe("Which value of that pod: its name or the node it runs on."),
      })
      .describe("A value of the pod that fails with the exit code."),
    z
      .object({
        from: z.literal("pod").describe("The first pod matching the selector."),
        selector: z.string().min(1).describe("Label selector the pod must match."),
        namespace: z.string().default("default").describe("Namespace to look in."),
        field: z.enum(["name", "node"]).default("name").describe("Its name or its node."),
      })
      .describe("A value of a pod found by labels."),
    z
      .object({
        from: z
          .literal("pod-on-not-ready-node")
          .describe(
            "The first pod on a node whose Ready condition is not True, Terminating or not: a hung runtime stops the kubelet, so the pod's status goes stale and, once evicted, it stays Terminating until the node answers again.",
          ),
        selector: z.string().min(1).describe("Label selector the pod must match."),
        namespace: z.string().default("default").describe("Namespace to look in."),
        field: z.enum(["name", "node"]).default("name").describe("Its name or its node."),
      })
      .describe("A value of the pod stranded on a node that is not ready."),
    z
      .object({
        from: z.literal("value").describe("A constant."),
        value: z.string().describe("The value itself."),
      })
      .describe("A constant fact, so variants of one lab can differ in it."),
  ])
  .describe("Where a fact comes from.");
export type Fact = z.infer<typeof factSchema>;

const namespaceField = z.string().default("default").describe("Namespace of the objects.");

/** Conditions on the cluster as it is now. */
export const stateCheckSchema = z
  .discriminatedUnion("state", [
    z
      .object({
        state: z.literal("pods-healthy"),
        selector: templated.describe("Label selector of the workload's pods."),
        namespace: namespaceField,
        stableMs: z
          .number()
          .int()
          .nonnegative()
          .default(120_000)
          .describe(
            "How long every container must have been running without a restart (simulated ms).",
          ),
        minPods: z.number().int().positive().default(1).describe("Fewest pods that must exist."),
      })
      .describe("Every pod of the workload is Running and Ready, and has been for a while."),
    z
      .object({
        state: z.literal("node-schedulable"),
        node: templated.describe("Node name (usually {{node}})."),
      })
      .describe("The node is not cordoned."),
    z
      .object({
        state: z.literal("node-cordoned"),
        node: templated.describe("Node name (usually {{node}})."),
      })
      .describe("The node is cordoned (taken out of service until it is repaired or replaced)."),
    z
      .object({
        state: z.literal("node-ready"),
        node: templated.describe("Node name (usually {{node}})."),
        stableMs: z
          .number()
          .int()
          .nonnegative()
          .default(0)
          .describe("How long its Ready condition must have been True (simulated ms)."),
      })
      .describe("The node's kubelet reports Ready (condition Ready True), and has for a while."),
    z
      .object({
        state: z.literal("pods-absent"),
        selector: templated.optional().describe("Label selector of pods that must be gone."),
        namePrefix: templated.optional().describe("Pod name prefix of pods that must be gone."),
        namespace: namespaceField,
        allNamespaces: z.boolean().default(false).describe("Look in every namespace."),
      })
      .describe("No pod matches (a PID hog removed, debug pods cleaned up)."),
    z
      .object({
        state: z.literal("image"),
        deployment: z.string().min(1).describe("Deployment name."),
        namespace: namespaceField,
        container: z.string().optional().describe("Container name; the first one if omitted."),
        notImage: z.string().optional().describe("The image it must no longer use."),
        image: z.string().optional().describe("The image it must use."),
      })
      .describe("A deployment's pod template uses (or no longer uses) an image."),
    z
      .object({
        state: z.literal("template-field"),
        deployment: z.string().min(1).describe("Deployment name."),
        namespace: namespaceField,
        path: z
          .string()
          .min(1)
          .describe("Dot path inside spec.template.spec, e.g. initContainers.0.args.1."),
        equals: z.string().optional().describe("Value (as text) it must have."),
        notEquals: z.string().optional().describe("Value (as text) it must no longer have."),
      })
      .describe("A field of a deployment's pod template has (or no longer has) a value."),
    z
      .object({
        state: z.literal("unit-restarted"),
        node: templated.describe("Node name."),
        unit: z.string().default("containerd").describe("systemd unit, e.g. containerd."),
      })
      .describe("The unit was restarted on the node during the run (from the cluster's history)."),
  ])
  .describe("A condition on the cluster's current objects or its history.");
export type StateCheck = z.infer<typeof stateCheckSchema>;

/** Evidence that the learner looked in the right place. */
export const commandCheckSchema = z
  .object({
    ran: z
      .string()
      .min(1)
      .describe(
        "Regular expression (templated) a command line must match, e.g. logs .*(-p|--previous).",
      ),
    onNode: templated
      .optional()
      .describe(
        "The command must have run on this node: in an interactive `kubectl debug node/NODE` shell, or as the command of such a debug pod.",
      ),
    succeeded: z
      .boolean()
      .default(true)
      .describe("The command must have exited 0 (a failed command showed nothing)."),
  })
  .describe("The learner ran a command (the investigation path).");
export type CommandCheck = z.infer<typeof commandCheckSchema>;

/** A value the learner states with `lab answer TASK VALUE`. */
export const answerCheckSchema = z
  .object({
    answer: z
      .union([
        z.array(templated).min(1).describe("Accepted answers (templated, compared without case)."),
        z
          .object({
            failingPod: templated.describe("Label selector of the workload's pods."),
            namespace: z.string().default("default").describe("Namespace of the pods."),
            exitCode: z.number().int().default(128).describe("The exit code that marks a failure."),
          })
          .describe("Any pod of the workload seen failing with the exit code during the run."),
      ])
      .describe("What counts as a right answer."),
    choices: z
      .array(z.string().min(1))
      .optional()
      .describe("When the answer is picked from a list, the list offered to the learner."),
  })
  .describe("The learner's answer to the task's question.");
export type AnswerCheck = z.infer<typeof answerCheckSchema>;

export const checkSchema = z
  .union([stateCheckSchema, commandCheckSchema, answerCheckSchema])
  .and(
    z.object({
      says: z
        .string()
        .min(1)
        .describe(
          "What is still wrong while the check fails, without the answer (e.g. 'The pods are not yet running steadily').",
        ),
    }),
  )
  .describe("One machine check of a task: cluster state, a command run, or an answer.");
export type Check = z.infer<typeof checkSchema>;

export const taskSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .describe("Task id used by `lab hint TASK` and `lab answer TASK VALUE`."),
    title: z.string().min(1).describe("What to do, shown in the checklist."),
    question: z
      .string()
      .optional()
      .describe("For tasks with an answer: the question the learner answers."),
    checks: z.array(checkSchema).min(1).describe("All must pass for the task to be done."),
    hints: z
      .tuple([templated, templated, templated])
      .describe("Hint ladder: a nudge, a pointer, and finally nearly the command."),
  })
  .describe("One step of the lab.");
export type Task = z.infer<typeof taskSchema>;

const shellLines = z.array(templated).describe("Shell lines typed into the lab's terminal.");

export const wrongPathSchema = z
  .object({
    name: z.string().min(1).describe("What the wrong path tries, e.g. 'delete the pod only'."),
    lines: shellLines,
    rejectedBy: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1)
      .optional()
      .describe(
        "Ids of the tasks whose checks must catch this attempt (stay undone). Without it, any " +
          "undone task will do; with it, a wrong fix that does everything else right proves that " +
          "the fix's own check rejects it.",
      ),
  })
  .describe("A plausible attempt that must NOT complete the lab.");

export const variantSchema = z
  .object({
    cause: causeIdSchema.describe("The cause this variant breaks the cluster with."),
    scenario: z
      .string()
      .regex(/^(\.\.\/[a-z0-9-]+\/)?[a-z0-9-]+\.yaml$/)
      .describe(
        "File in the lab folder holding the scenario (the engine's ScenarioSpec, src/schemas/scenario.ts).",
      ),
    facts: z
      .record(z.string(), factSchema)
      .default({})
      .describe("Seed-dependent values named for {{placeholders}}."),
    solution: shellLines.describe("Lines that complete every task."),
    wrongPaths: z.array(wrongPathSchema).min(1).describe("Attempts that must leave a task undone."),
    taskChecks: z
      .record(
        z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .describe("Id of a task of the lab."),
        z
          .array(checkSchema)
          .min(1)
          .describe("Checks added after the task's own checks when the seed picks this variant."),
      )
      .default({})
      .describe(
        "Per task id, the checks only this variant needs: a seeded lab's shared `fix` task demands " +
          "each cause's own repair (the state checks of that cause's lab), not just healthy pods.",
      ),
  })
  .describe("One way the lab's cluster can be broken, with its solution.");
export type Variant = z.infer<typeof variantSchema>;

export const labSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .describe("The lab's id: its folder name and its URL /labs/<id>/."),
    title: z.string().min(1).describe("Title shown on the lab list and page."),
    summary: z.string().min(1).max(200).describe("One sentence for the lab list."),
    cause: z
      .union([causeIdSchema, z.literal("seeded")])
      .describe("The cause practised, or 'seeded' when the seed picks one of the variants."),
    difficulty: z
      .enum(["beginner", "intermediate", "advanced"])
      .describe("How much the learner should already know."),
    minutes: z.number().int().positive().describe("Estimated time in minutes."),
    lesson: z
      .string()
      .regex(/^[a-z0-9-]+$/)
      .optional()
      .describe("Slug of the lesson this lab practises (/lessons/<slug>/)."),
    files: z
      .array(z.string().regex(/^[A-Za-z0-9._/-]+$/))
      .default([])
      .describe("Files of the lab folder the learner can edit; they appear in the session's home."),
    variants: z
      .array(variantSchema)
      .min(1)
      .describe("The ways the cluster is broken; the seed picks one (most labs have exactly one)."),
    tasks: z.array(taskSchema).min(1).describe("The checklist, in the order a learner works."),
  })
  .superRefine((lab, ctx) => {
    const root = lab.tasks.find((task) => task.id === "root-cause");
    if (root === undefined)
      ctx.addIssue({ code: "custom", message: "every lab needs a task with id 'root-cause'" });
    const ids = new Set<string>();
    for (const task of lab.tasks) {
      if (ids.has(task.id))
        ctx.addIssue({ code: "custom", message: `task id '${task.id}' is used twice` });
      ids.add(task.id);
    }
    for (const variant of lab.variants)
      for (const task of Object.keys(variant.taskChecks))
        if (!ids.has(task))
          ctx.addIssue({
            code: "custom",
            message: `variant '${variant.cause}' adds taskChecks to '${task}', which is not a task of the lab`,
          });
    for (const variant of lab.variants)
      for (const path of variant.wrongPaths)
        for (const task of path.rejectedBy ?? [])
          if (!ids.has(task))
            ctx.addIssue({
              code: "custom",
              message: `wrong path '${path.name}' is rejectedBy '${task}', which is not a task of the lab`,
            });
    if (lab.cause !== "seeded")
      for (const variant of lab.variants)
        if (variant.cause !== lab.cause)
          ctx.addIssue({
            code: "custom",
            message: `variant cause '${variant.cause}' differs from the lab's cause '${lab.cause}'`,
          });
  })
  .describe("A hands-on lab definition (labs/<id>/lab.yaml).");
export type Lab = z.infer<typeof labSchema>;
