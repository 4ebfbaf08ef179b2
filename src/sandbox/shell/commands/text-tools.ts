/**
 * The workstation's GNU text tools and file listings where just-bash's built-ins differ from
 * coreutils, findutils and grep (one module per command); the shell registers them together.
 */
import type { Command } from "just-bash";
import { base64Command } from "./base64.ts";
import { catCommand } from "./cat.ts";
import { jqCommand } from "./jq.ts";
import { lsCommand } from "./ls.ts";
import { wcCommand } from "./wc.ts";
import { xargsCommand } from "./xargs.ts";

/** `now` is the session's virtual clock (ls dates entries against it). */
export function textToolCommands(now: () => number): Command[] {
  return [xargsCommand(), wcCommand(), lsCommand(now), catCommand(), base64Command(), jqCommand()];
}
