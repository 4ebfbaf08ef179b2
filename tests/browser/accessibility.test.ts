import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { after, before, test } from "node:test";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, startServer, type RunningServer } from "./harness.ts";

/**
 * Issue 6's quality bar, checked on every page the site has: no axe violations of WCAG 2.2 AA in
 * the light and the dark theme, and no sideways scrolling on a phone. The pages are discovered from
 * the built site, so a page added later is checked without editing this file.
 */

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** The narrowest phone WCAG's reflow criterion (1.4.10) is usually checked at. */
const PHONE = { width: 375, height: 740 };

let server: RunningServer;
let browser: Browser;
let pages: string[];

/** Every prerendered page: each index.html under dist/client, as the URL path that serves it. */
function builtPages(clientDir: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "index.html") {
        const folder = relative(clientDir, dir).split(sep).join("/");
        found.push(folder === "" ? "/" : `/${folder}/`);
      }
    }
  };
  walk(clientDir);
  return found.sort();
}

/** A page as a learner meets it: search shows results, not an empty form. */
function urlPath(path: string): string {
  return path === "/search/" ? "/search/?q=StartError" : path;
}

async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(`${server.url}${urlPath(path)}`, { waitUntil: "load" });
  assert.equal(response?.status(), 200, path);
  if (path === "/search/") await page.locator(".results li").first().waitFor();
  // Islands upgrade after load (theme toggle, progress, lab checklists); check what they render.
  await page.waitForLoadState("networkidle");
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  pages = builtPages(resolve(import.meta.dirname, "..", "..", "dist", "client"));
});

after(async () => {
  await browser.close();
  await server.stop();
});

test("the site has the pages the course promises", () => {
  for (const path of ["/", "/search/", "/labs/", "/interview/", "/progress/"]) {
    assert.ok(pages.includes(path), `${path} is not built: ${pages.join(" ")}`);
  }
  assert.ok(pages.filter((path) => path.startsWith("/lessons/")).length >= 14);
  assert.ok(pages.filter((path) => /^\/labs\/[^/]+\/$/.test(path)).length >= 8);
});

test("no axe violations (WCAG 2.2 AA) on any page, light and dark", async () => {
  const failures: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    // The layout's inline script follows prefers-color-scheme when no theme was chosen.
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    for (const path of pages) {
      await open(page, path);
      assert.equal(await page.locator("html").getAttribute("data-theme"), colorScheme, path);
      const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
      for (const violation of result.violations) {
        for (const node of violation.nodes) {
          failures.push(
            `${colorScheme} ${path} ${violation.id} (${violation.impact ?? "?"}): ` +
              `${node.target.join(" ")}\n    ${node.failureSummary?.replaceAll("\n", " ") ?? ""}`,
          );
        }
      }
    }
    await context.close();
  }
  assert.equal(failures.length, 0, `axe violations:\n${failures.join("\n")}`);
});

test("no page scrolls sideways on a 375 px wide phone", async () => {
  // Not isMobile: a mobile viewport zooms out to fit wide content, which would hide the overflow.
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  const failures: string[] = [];
  for (const path of pages) {
    await open(page, path);
    const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
      const viewport = window.innerWidth;
      // Name the element that sticks out furthest, so a failure says where to look.
      let culprit = "";
      let right = viewport;
      const clipped = (element: Element): boolean => {
        for (let up = element.parentElement; up; up = up.parentElement) {
          if (getComputedStyle(up).overflowX !== "visible") return true;
        }
        return false;
      };
      for (const element of document.body.querySelectorAll("*")) {
        if (clipped(element)) continue;
        const box = element.getBoundingClientRect();
        if (box.right > right + 0.5) {
          right = box.right;
          const classes = [...element.classList].map((name) => `.${name}`).join("");
          culprit = `${element.tagName.toLowerCase()}${classes} (right edge ${String(Math.round(box.right))} px)`;
        }
      }
      return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: viewport,
        widest: culprit,
      };
    });
    if (scrollWidth > innerWidth) {
      failures.push(
        `${path}: ${String(scrollWidth)} px wide > ${String(innerWidth)} px; ${widest}`,
      );
    }
  }
  await context.close();
  assert.equal(failures.length, 0, `pages that scroll sideways:\n${failures.join("\n")}`);
});
