// The guides in the npm package (README.md, docs/*.md, CHANGELOG.md's reader is the same) ship without the
// repository, so a path into it (src/, test/, scripts/, bench/, examples/, api-report/, ARCHITECTURE.md) may only
// appear where the text says it is the repository's. HTML comments (the README's example markers) are not shown.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const shippedGuides = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
const REPOSITORY_PATH = /(?<![\w./-])(?:src|test|scripts|bench|examples|api-report)\/[\w./-]+|ARCHITECTURE\.md/g;

/** Lines (1-based) that name a repository path without saying it is the repository's. */
export function unexplainedRepositoryPaths(markdown: string): { line: number; path: string }[] {
  const found: { line: number; path: string }[] = [];
  const withoutComments = markdown.replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, " "));
  withoutComments.split("\n").forEach((text, i) => {
    if (/repository/i.test(text)) return;
    for (const match of text.matchAll(REPOSITORY_PATH)) found.push({ line: i + 1, path: match[0] });
  });
  return found;
}

describe("shipped guides name no repository path unannounced", () => {
  it("finds a bare path and accepts an announced one (the check can fail)", () => {
    expect(unexplainedRepositoryPaths("See `src/batch/plan.ts`.\n")).toEqual([{ line: 1, path: "src/batch/plan.ts" }]);
    expect(unexplainedRepositoryPaths("The repository's `examples/demo.ts` runs it.\n")).toEqual([]);
    expect(unexplainedRepositoryPaths("<!-- example: examples/demo.ts#readme -->\n")).toEqual([]);
  });

  it.each(shippedGuides)("%s", (file) => {
    expect(unexplainedRepositoryPaths(readFileSync(join(root, file), "utf8"))).toEqual([]);
  });
});
