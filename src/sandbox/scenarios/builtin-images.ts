/**
 * Images every scenario knows: the node components and the images learners use for debugging
 * (kubectl debug node/... --image=ubuntu, kubectl run ... --image=busybox, --image=alpine/git).
 */
import type { ImageSpec } from "../../schemas/scenario.ts";
import { imageSpecSchema } from "../../schemas/scenario.ts";

export const METRICS_SERVER_IMAGE = "registry.k8s.io/metrics-server/metrics-server:v0.7.2";

export function builtinImages(kubernetesVersion: string): ImageSpec[] {
  return [
    imageSpecSchema.parse({
      name: METRICS_SERVER_IMAGE,
      entrypoint: ["/metrics-server"],
      files: [{ path: "/metrics-server" }],
      // A distroless image: no shell to exec into.
      shell: false,
      sizeBytes: 19_488_014,
      process: {
        memoryMi: 24,
        pids: 11,
        logs: [
          {
            klog: "I serving.go:374",
            text: "Generated self-signed cert (/tmp/apiserver.crt, /tmp/apiserver.key)",
          },
          {
            atSeconds: 0.4,
            klog: "I handler.go:275",
            text: "Adding GroupVersion metrics.k8s.io v1beta1 to ResourceManager",
          },
          {
            atSeconds: 0.5,
            klog: "I secure_serving.go:213",
            text: "Serving securely on [::]:10250",
          },
        ],
      },
    }),
    imageSpecSchema.parse({
      name: `registry.k8s.io/kube-proxy:${kubernetesVersion}`,
      entrypoint: ["/usr/local/bin/kube-proxy"],
      files: [{ path: "/usr/local/bin/kube-proxy" }],
      shell: false,
      sizeBytes: 30_207_744,
      process: {
        memoryMi: 28,
        pids: 9,
        logs: [
          { klog: "I server_linux.go:66", text: '"Using iptables proxy"' },
          {
            klog: "I server.go:677",
            text: '"Successfully retrieved node IP(s)" IPs=["172.18.0.2"]',
          },
          { klog: "I server_linux.go:169", text: '"Using iptables Proxier"' },
          {
            atSeconds: 0.2,
            klog: "I shared_informer.go:320",
            text: "Caches are synced for service config",
          },
          {
            atSeconds: 0.2,
            klog: "I shared_informer.go:320",
            text: "Caches are synced for endpoint slice config",
          },
        ],
      },
    }),
    imageSpecSchema.parse({
      name: "ubuntu",
      userland: "ubuntu",
      entrypoint: [],
      cmd: ["/bin/bash"],
      files: [
        "/bin/bash",
        "/bin/sh",
        "/usr/bin/bash",
        "/usr/bin/sleep",
        "/usr/bin/env",
        "/usr/bin/cat",
        "/usr/bin/nsenter",
        "/usr/sbin/chroot",
      ].map((path) => ({ path })),
      presentOnNodes: false,
      sizeBytes: 29_754_290,
      process: { exitValue: 0, runSeconds: 0 },
    }),
    ...(["busybox", "busybox:1.36"] as const).map((name) =>
      imageSpecSchema.parse({
        name,
        userland: "busybox",
        cmd: ["sh"],
        // BusyBox's applets are links to /bin/busybox in /bin; a debug container runs them
        // directly (`kubectl debug -it POD --image=busybox -- ps`).
        files: [
          "sh",
          "busybox",
          "sleep",
          "cat",
          "env",
          "true",
          "false",
          "ps",
          "top",
          "free",
          "uptime",
          "df",
          "mount",
          "ls",
          "echo",
          "grep",
          "head",
          "tail",
          "wc",
          "hostname",
          "id",
          "date",
          "uname",
          "wget",
          "nslookup",
          "ping",
          "netstat",
          "nc",
        ].map((applet) => ({ path: `/bin/${applet}` })),
        // The untagged reference is what `kubectl run --image=busybox` pulls; 1.36 is pre-pulled.
        presentOnNodes: name === "busybox:1.36",
        sizeBytes: 2_160_406,
        process: { exitValue: 0, runSeconds: 0 },
      }),
    ),
    // alpine/git: git is the entrypoint, so `docker run --rm alpine/git ls-remote URL` and
    // `kubectl run ... --image=alpine/git -- ls-remote URL` run git itself (git-remote.ts).
    imageSpecSchema.parse({
      name: "alpine/git",
      userland: "alpine",
      entrypoint: ["git"],
      cmd: ["--help"],
      files: ["/usr/bin/git", "/bin/sh", "/bin/busybox"].map((path) => ({ path })),
      presentOnNodes: false,
      sizeBytes: 30_725_104,
      process: { exitValue: 0, runSeconds: 0 },
    }),
    imageSpecSchema.parse({
      name: "nginx:1.27",
      entrypoint: ["/docker-entrypoint.sh"],
      cmd: ["nginx", "-g", "daemon off;"],
      files: [
        { path: "/docker-entrypoint.sh", format: "script", interpreter: "/bin/sh" },
        { path: "/usr/sbin/nginx" },
      ],
      sizeBytes: 72_099_410,
      process: {
        memoryMi: 12,
        pids: 3,
        logs: [
          { text: "/docker-entrypoint.sh: Configuration complete; ready for start up" },
          { text: "2026/11/24 20:21:18 [notice] 1#1: nginx/1.27.3" },
          { text: "2026/11/24 20:21:18 [notice] 1#1: start worker processes" },
        ],
      },
    }),
  ];
}
