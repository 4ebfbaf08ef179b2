/**
 * `kubectl` with no command and `kubectl COMMAND --help`: kubectl's command list and, per
 * command, its one-line summary and Usage line (the full help pages' examples are left out).
 */

/** What `kubectl` alone prints (kubectl v1.32). */
export const TOP_LEVEL_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const COMMANDS: Record<string, [summary: string, usage: string]> = {
  get: [
    "Display one or many resources",
    "kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]",
  ],
  describe: [
    "Show details of a specific resource or group of resources",
    "kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]",
  ],
  logs: [
    "Print the logs for a container in a pod",
    "kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]",
  ],
  delete: [
    "Delete resources by file names, stdin, resources and names, or by resources and label selector",
    "kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]",
  ],
  run: [
    "Run a particular image on the cluster",
    'kubectl run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  ],
  cordon: ["Mark node as unschedulable", "kubectl cordon NODE [options]"],
  uncordon: ["Mark node as schedulable", "kubectl uncordon NODE [options]"],
  drain: ["Drain node in preparation for maintenance", "kubectl drain NODE [options]"],
  debug: [
    "Create debugging sessions for troubleshooting workloads and nodes",
    "kubectl debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]",
  ],
  exec: [
    "Execute a command in a container",
    "kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]",
  ],
  events: [
    "List events",
    "kubectl events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]",
  ],
  apply: [
    "Apply a configuration to a resource by file name or stdin",
    "kubectl apply (-f FILENAME | -k DIRECTORY) [options]",
  ],
  create: ["Create a resource from a file or from stdin", "kubectl create -f FILENAME [options]"],
  edit: ["Edit a resource on the server", "kubectl edit (RESOURCE/NAME | -f FILENAME) [options]"],
  set: ["Set specific features on objects", "kubectl set SUBCOMMAND [options]"],
  rollout: ["Manage the rollout of a resource", "kubectl rollout SUBCOMMAND [options]"],
  top: ["Display resource (CPU/memory) usage", "kubectl top [flags] [options]"],
  label: [
    "Update the labels on a resource",
    "kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  ],
  annotate: [
    "Update the annotations on a resource",
    "kubectl annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]",
  ],
  scale: [
    "Set a new size for a deployment, replica set, or replication controller",
    "kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]",
  ],
  version: ["Print the client and server version information", "kubectl version [flags] [options]"],
  "cluster-info": ["Display cluster information", "kubectl cluster-info [flags] [options]"],
  config: ["Modify kubeconfig files", "kubectl config SUBCOMMAND [options]"],
  "api-resources": [
    "Print the supported API resources on the server",
    "kubectl api-resources [flags] [options]",
  ],
};

/** `kubectl COMMAND --help`, or undefined for a command without a help entry. */
export function commandHelp(command: string): string | undefined {
  const entry = COMMANDS[command];
  if (!entry) return undefined;
  const [summary, usage] = entry;
  return `${summary}.\n\nUsage:\n  ${usage}\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`;
}
