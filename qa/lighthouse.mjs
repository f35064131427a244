// Lighthouse gate: serves a built site (with the CSP of static/_headers) and prints the
// performance, accessibility, best-practices and SEO scores of the home page, a template
// page, the calculator and the follow-up companion. Exits 1 when any score is below the minimum (default 95).
//
//   node qa/lighthouse.mjs DIR [BASE_PATH]     e.g. node qa/lighthouse.mjs /tmp/site /careers/playbook/
//
// Chromium comes from CHROME_PATH (default /usr/bin/chromium). Without it the gate skips
// loudly, unless PLAYBOOK_REQUIRE_BROWSER is set.
import { createServer } from "node:http";
import { readFile, access } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [dir, basePath = "/"] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node qa/lighthouse.mjs DIR [BASE_PATH]");
  process.exit(2);
}
const min = Number(process.env.LIGHTHOUSE_MIN || 95);
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
try {
  await access(chromePath);
} catch {
  if (process.env.PLAYBOOK_REQUIRE_BROWSER) {
    console.error(`Chromium not found at ${chromePath} and PLAYBOOK_REQUIRE_BROWSER is set`);
    process.exit(1);
  }
  console.log(`SKIPPED LIGHTHOUSE: Chromium not found at ${chromePath} (set CHROME_PATH)`);
  process.exit(0);
}

const headers = await readFile(new URL("../static/_headers", import.meta.url), "utf8");
const csp = headers.match(/^\s*Content-Security-Policy:\s*(.+)$/m)[1].trim();
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml", ".txt": "text/plain" };

const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let status = 200;
  let body;
  let file = "404.html";
  // Crawlers read robots.txt at the host's root: under a sub-path, the host serves the
  // site's robots.txt there (see docs/deploy.md).
  if (p === "/robots.txt") p = basePath + "robots.txt";
  if (p.startsWith(basePath)) {
    file = normalize(p.slice(basePath.length)).replace(/^(\.\.[/\\])+/, "");
    if (file === "." || file.endsWith("/")) file = join(file, "index.html");
  }
  try {
    body = await readFile(join(dir, file));
  } catch {
    status = 404;
    file = "404.html";
    body = await readFile(join(dir, file));
  }
  const headers = { "Content-Type": types[extname(file)] || "application/octet-stream", "Content-Security-Policy": csp, "X-Content-Type-Options": "nosniff" };
  if (/\.(?:[0-9a-f]{10}|[0-9A-Z]{8})\.(?:css|m?js)$/.test(file)) headers["Cache-Control"] = "public, max-age=31536000, immutable";
  else headers["Cache-Control"] = "no-cache";
  res.writeHead(status, headers);
  res.end(body);
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const pages = [["home", ""], ["template", "templates/chaser/"], ["calculator", "calculator/"], ["follow-ups", "follow-ups/"]];
const chrome = await chromeLauncher.launch({
  chromePath,
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const categories = ["performance", "accessibility", "best-practices", "seo"];
const RUNS = 3;
let failed = false;
try {
  for (const [name, path] of pages) {
    const url = origin + basePath + path;
    // Performance is timed, so a busy machine moves it: each page is scored RUNS times and
    // the median run (by performance) is the page's, as Lighthouse's own docs advise.
    const runs = [];
    for (let r = 0; r < RUNS; r++) {
      const { lhr } = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error", onlyCategories: categories });
      if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
      runs.push(lhr);
    }
    runs.sort((a, b) => (a.categories.performance.score ?? 0) - (b.categories.performance.score ?? 0));
    const lhr = runs[Math.floor(runs.length / 2)];
    const scores = categories.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100));
    const perf = runs.map((r) => Math.round((r.categories.performance.score ?? 0) * 100)).join("/");
    console.log(`${name.padEnd(10)} ${categories.map((c, i) => `${c} ${scores[i]}`).join("  ")}   (performance ${perf})   ${url}`);
    for (const [i, c] of categories.entries()) {
      if (scores[i] >= 100) continue;
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          console.log(`    ${c}: ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ""}`);
          for (const item of a.details?.items ?? []) console.log(`      ${JSON.stringify(item).slice(0, 300)}`);
        }
      }
      if (scores[i] < min) failed = true;
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
if (failed) {
  console.error(`Lighthouse: a score is below ${min}`);
  process.exit(1);
}
console.log(`Lighthouse: every score is ${min} or more`);
