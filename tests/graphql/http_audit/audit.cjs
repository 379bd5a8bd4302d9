// Runs graphql-http's GraphQL-over-HTTP server audits against one URL and prints their results as JSON.
//
//   node tests/graphql/http_audit/audit.cjs http://127.0.0.1:8000/graphql/ [node_modules folder]
//
// graphql-http comes from the npm registry: `make test` installs its pinned version into .cache/graphql-http,
// the default folder. One JSON array on stdout: {id, name, status, reason?, response?} per audit, in the suite's
// order; `status` is "ok", or "error" (a MUST), "warn" (a SHOULD) or "notice" (a MAY) that failed. The audits run
// one after another, so that a failing one's answer is easy to find in the server's log.
"use strict";

const path = require("path");

const [url, modules = path.resolve(__dirname, "..", "..", "..", ".cache", "graphql-http", "node_modules")] =
  process.argv.slice(2);
if (!url) {
  console.error("usage: node audit.cjs URL [node_modules folder]");
  process.exit(2);
}
const { serverAudits } = require(path.join(modules, "graphql-http"));

async function described(response) {
  // What a failing audit got, to name it in the test's message (the body may have been read by the audit).
  let body;
  try {
    body = (await response.clone().text()).slice(0, 300);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get("content-type"), body };
}

(async () => {
  const results = [];
  for (const audit of serverAudits({ url })) {
    const result = await audit.fn();
    const entry = { id: result.id, name: result.name, status: result.status };
    if (result.status !== "ok") {
      entry.reason = result.reason;
      entry.response = result.response ? await described(result.response) : undefined;
    }
    results.push(entry);
  }
  process.stdout.write(JSON.stringify(results, null, 1) + "\n");
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
