/**
 * describeSecret: the type and each key's size in bytes, never a value (only a service account
 * token is shown, as kubectl does); no events section.
 */
import type { Secret } from "kubernetes-types/core/v1.d.ts";
import { DescribeWriter, writeAnnotations, writeLabels } from "./writer.ts";

/** The number of bytes a base64 value decodes to. */
function decodedLength(value: string): number {
  const clean = value.replace(/=+$/, "");
  return Math.floor((clean.length * 3) / 4);
}

export function describeSecret(secret: Secret): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${secret.metadata?.name ?? ""}\n`);
  w.write(0, `Namespace:\t${secret.metadata?.namespace ?? ""}\n`);
  writeLabels(w, "Labels", secret.metadata?.labels);
  writeAnnotations(w, "Annotations", secret.metadata?.annotations);
  w.write(0, `\nType:\t${secret.type ?? ""}\n`);
  w.write(0, "\nData\n====\n");
  for (const key of Object.keys(secret.data ?? {}).sort()) {
    const value = secret.data?.[key] ?? "";
    if (key === "token" && secret.type === "kubernetes.io/service-account-token")
      w.write(0, `${key}:\t${atob(value)}\n`);
    else w.write(0, `${key}:\t${String(decodedLength(value))} bytes\n`);
  }
  return w.toString();
}
