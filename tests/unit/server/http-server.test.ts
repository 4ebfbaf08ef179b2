import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { WebSocket } from "ws";
import { readConfig } from "../../../src/server/config.ts";
import { createAppServer } from "../../../src/server/http-server.ts";

async function listen(server: ReturnType<typeof createAppServer>): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

test("routes answer before the site, health is built in", async (t) => {
  const server = createAppServer({
    site: (_req, res) => {
      res.writeHead(200).end("site");
    },
  });
  t.after(() => server.close());
  const host = await listen(server);
  assert.equal(await (await fetch(`http://${host}/anything`)).text(), "site");
  const health = await fetch(`http://${host}/api/health`);
  assert.equal(health.status, 200);
});

test("WebSocket upgrades reach their endpoint and other origins are refused", async (t) => {
  const server = createAppServer({
    site: (_req, res) => res.end(),
    webSockets: new Map([["/ws/echo", (socket) => socket.on("message", (m) => socket.send(m))]]),
  });
  t.after(() => server.close());
  const host = await listen(server);

  const ok = new WebSocket(`ws://${host}/ws/echo`, { origin: `http://${host}` });
  const reply = await new Promise<string>((resolve, reject) => {
    ok.on("open", () => ok.send("ping"));
    ok.on("message", (data: Buffer) => resolve(data.toString()));
    ok.on("error", reject);
  });
  assert.equal(reply, "ping");
  ok.close();

  const foreign = new WebSocket(`ws://${host}/ws/echo`, { origin: "https://evil.example" });
  const status = await new Promise<number>((resolve) => {
    foreign.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    foreign.on("error", () => resolve(-1));
  });
  assert.equal(status, 403);

  const missing = new WebSocket(`ws://${host}/ws/none`);
  const missingStatus = await new Promise<number>((resolve) => {
    missing.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    missing.on("error", () => resolve(-1));
  });
  assert.equal(missingStatus, 404);
});

test("config defaults to localhost:4321 and rejects a bad PORT", () => {
  assert.deepEqual(readConfig({}), { host: "localhost", port: 4321, dataDir: ".data" });
  assert.equal(readConfig({ PORT: "8080", HOST: "0.0.0.0" }).port, 8080);
  assert.throws(() => readConfig({ PORT: "http" }), /PORT must be an integer/);
});
