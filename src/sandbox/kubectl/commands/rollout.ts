/**
 * `kubectl rollout status|restart|undo|history` for deployments (and daemon sets for status).
 * status waits on virtual time, printing kubectl's progress lines, until the rollout finishes or
 * passes its progress deadline (600s by default).
 */
import type { DaemonSet, Deployment, ReplicaSet } from "kubernetes-types/apps/v1.d.ts";
import type { KubectlEnv } from "../env.ts";
import { KubectlError, plainError } from "../errors.ts";
import { Flags, parseArgs } from "../flags.ts";
import { durationFlag } from "../go-duration.ts";
import { apiCall, getObject } from "../objects.ts";
import { progressDeadline, TIMED_OUT } from "../../cluster/deployment-progress.ts";
import type { KubeObject } from "../../cluster/store.ts";
import { rfc3339 } from "../../cluster/time-format.ts";
import { qualifiedKind } from "../resources.ts";
import { parseResourceArgs } from "./get.ts";

interface Progress {
  done: boolean;
  message: string;
  /** The error the status viewer returns, ending the wait (exit status 1). */
  failure?: string;
}

/**
 * kubectl's DeploymentStatusViewer (polymorphichelpers/rollout_status.go): once the controller
 * observed the spec, a Progressing condition with reason ProgressDeadlineExceeded is the error
 * `deployment "x" exceeded its progress deadline`; otherwise the replica counts tell the step.
 */
function deploymentProgress(d: Deployment): Progress {
  const name = d.metadata?.name ?? "";
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  if ((d.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) {
    return { done: false, message: `Waiting for deployment spec update to be observed...` };
  }
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === TIMED_OUT) {
    return {
      done: true,
      message: "",
      failure: `deployment "${name}" exceeded its progress deadline`,
    };
  }
  if ((s.updatedReplicas ?? 0) < want) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${s.updatedReplicas ?? 0} out of ${want} new replicas have been updated...`,
    };
  }
  if ((s.replicas ?? 0) > (s.updatedReplicas ?? 0)) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - (s.updatedReplicas ?? 0)} old replicas are pending termination...`,
    };
  }
  if ((s.availableReplicas ?? 0) < (s.updatedReplicas ?? 0)) {
    return {
      done: false,
      message: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${s.updatedReplicas ?? 0} updated replicas are available...`,
    };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out` };
}

function daemonSetProgress(ds: DaemonSet): Progress {
  const name = ds.metadata?.name ?? "";
  const s = ds.status;
  const desired = s?.desiredNumberScheduled ?? 0;
  if ((s?.updatedNumberScheduled ?? 0) < desired) {
    return {
      done: false,
      message: `Waiting for daemon set "${name}" rollout to finish: ${s?.updatedNumberScheduled ?? 0} out of ${desired} new pods have been updated...`,
    };
  }
  if ((s?.numberAvailable ?? 0) < desired) {
    return {
      done: false,
      message: `Waiting for daemon set "${name}" rollout to finish: ${s?.numberAvailable ?? 0} of ${desired} updated pods are available...`,
    };
  }
  return { done: true, message: `daemon set "${name}" successfully rolled out` };
}

function ownedSets(env: KubectlEnv, d: Deployment): ReplicaSet[] {
  return env.cluster.store
    .list<ReplicaSet>("replicasets", { namespace: d.metadata?.namespace ?? undefined })
    .filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.uid === d.metadata?.uid))
    .sort((a, b) => revision(a) - revision(b));
}

function revision(rs: ReplicaSet): number {
  return Number(rs.metadata?.annotations?.["deployment.kubernetes.io/revision"] ?? "0");
}

export function runRollout(argv: readonly string[], env: KubectlEnv): number {
  const parsed = parseArgs("rollout", argv, [
    { name: "watch", short: "w", type: "bool" },
    { name: "timeout", type: "string" },
    { name: "revision", type: "int" },
    { name: "to-revision", type: "int" },
    { name: "selector", short: "l", type: "string" },
    { name: "filename", short: "f", type: "strings" },
    { name: "output", short: "o", type: "string" },
    { name: "dry-run", type: "string" },
  ]);
  const flags = new Flags(parsed);
  const watch = flags.has("watch") ? flags.bool("watch") : true;
  const timeoutMs = durationFlag("rollout", flags, "timeout");
  const [sub, ...targets] = parsed.positional;
  const known = ["status", "restart", "undo", "history", "pause", "resume"];
  if (sub === undefined || !known.includes(sub)) {
    throw new KubectlError(
      sub === undefined
        ? "error: Required resource not specified."
        : `error: unknown command "${sub}" for "kubectl rollout"`,
    );
  }
  if (targets.length === 0) throw new KubectlError("error: required resource not specified");
  const namespace = flags.string("namespace", env.namespace ?? "default");
  for (const request of parseResourceArgs(`rollout ${sub}`, targets)) {
    for (const name of request.names) {
      const object = getObject(env, request.type, namespace, name);
      const label = `${qualifiedKind(request.type)}/${name}`;
      if (
        request.type.plural !== "deployments" &&
        !(sub === "status" && request.type.plural === "daemonsets")
      ) {
        throw plainError(
          `no ${sub === "status" ? "status viewer" : "rollbacker"} has been implemented for ${request.type.kind}`,
        );
      }
      if (sub === "status") {
        // kubectl's status viewer runs on every watch event of the object, so each status the
        // controllers write (1 of 3, 2 of 3 available...) is reported, not only one per second.
        const progress = (current: KubeObject): Progress =>
          request.type.plural === "deployments"
            ? deploymentProgress(current as Deployment)
            : daemonSetProgress(current as DaemonSet);
        const seen: { message: string; done: boolean; failure?: string } = {
          message: "",
          done: false,
        };
        const report = (current: KubeObject): void => {
          if (seen.done) return;
          const state = progress(current);
          // status.go prints the viewer's answer on every watch event, repeats included.
          if (state.message !== "") env.stdout(state.message + "\n");
          if (state.failure !== undefined) seen.failure = state.failure;
          seen.message = state.message;
          seen.done = state.done;
        };
        report(object);
        // status.go with --watch=false: the viewer's one answer, exit 0 unless it is an error.
        if (!watch || seen.done) {
          if (seen.failure !== undefined) throw plainError(seen.failure);
          continue;
        }
        const stop = env.cluster.store.watch(request.type.plural, { namespace }, (event) => {
          if (event.type === "MODIFIED" && event.object.metadata?.name === name)
            report(event.object);
        });
        try {
          // The wait moves the virtual clock: a deployment ends on the controller's
          // ProgressDeadlineExceeded condition (one second after the deadline passes without
          // progress), or at --timeout with UntilWithSync's error. The real kubectl would wait
          // forever for one that never gets it (paused, no deadline) or for a daemon set; the
          // terminal cannot, so it gives up an hour (a daemon set: 600 s) later.
          const cap =
            request.type.plural === "deployments"
              ? ((progressDeadline((object as Deployment).spec) ?? 0) + 3600) * 1000
              : 600_000;
          const limit = timeoutMs !== undefined && timeoutMs > 0 ? Math.min(timeoutMs, cap) : cap;
          // The watch callback sets seen.done while the clock moves.
          const finished = (): boolean => seen.done;
          for (let waited = 0; !finished();) {
            if (waited >= limit) {
              if (limit === timeoutMs) throw plainError("timed out waiting for the condition");
              throw plainError(`${request.type.singular} "${name}" exceeded its progress deadline`);
            }
            const step = Math.min(1000, limit - waited);
            env.cluster.advance(step);
            waited += step;
          }
        } finally {
          stop();
        }
        if (seen.failure !== undefined) throw plainError(seen.failure);
      } else if (sub === "restart") {
        const d = object as Deployment;
        if (d.spec) {
          d.spec.template.metadata = {
            ...d.spec.template.metadata,
            annotations: {
              ...d.spec.template.metadata?.annotations,
              "kubectl.kubernetes.io/restartedAt": rfc3339(env.cluster.clock.now()),
            },
          };
        }
        apiCall(() => env.cluster.updateObject("deployments", d));
        env.stdout(`${label} restarted\n`);
      } else if (sub === "undo") {
        const d = object as Deployment;
        const sets = ownedSets(env, d);
        const wanted = flags.int("to-revision", 0);
        const current = sets.at(-1);
        const target =
          wanted > 0
            ? sets.find((rs) => revision(rs) === wanted)
            : sets.filter((rs) => rs !== current).at(-1);
        if (!target?.spec?.template) {
          throw plainError(
            wanted > 0
              ? `unable to find specified revision ${wanted} in history`
              : `no rollout history found for deployment "${name}"`,
          );
        }
        const labels = { ...target.spec.template.metadata?.labels };
        delete labels["pod-template-hash"];
        if (d.spec)
          d.spec.template = {
            ...target.spec.template,
            metadata: { ...target.spec.template.metadata, labels },
          };
        apiCall(() => env.cluster.updateObject("deployments", d));
        env.stdout(`${label} rolled back\n`);
      } else if (sub === "history") {
        const sets = ownedSets(env, object as Deployment);
        let text = `${label} \nREVISION  CHANGE-CAUSE\n`;
        for (const rs of sets)
          text += `${String(revision(rs)).padEnd(10)}${rs.metadata?.annotations?.["kubernetes.io/change-cause"] ?? "<none>"}\n`;
        env.stdout(text + "\n");
      } else {
        const d = object as Deployment;
        const pause = sub === "pause";
        if ((d.spec?.paused ?? false) === pause)
          throw plainError(`deployments.apps "${name}" is already ${pause ? "paused" : "resumed"}`);
        if (d.spec) d.spec.paused = pause;
        apiCall(() => env.cluster.updateObject("deployments", d));
        env.stdout(`${label} ${pause ? "paused" : "resumed"}\n`);
      }
    }
  }
  return 0;
}
