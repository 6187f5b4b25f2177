/**
 * The README's first command: `npm run demo`.
 *
 * Starts the local emulator in this process (no AWS account, no network
 * beyond 127.0.0.1), then: creates a revenue attribution and a marketplace
 * revenue share allocation, submits 600 allocation changes with the batch
 * helper while drawing a progress bar, lists what was committed, shows a
 * mistake caught locally with its field list; then runs the same kind of job
 * from a partner's file (examples/allocations.csv) with the `allocations`
 * tool: plan, apply, and the same command again with nothing left to do; and
 * prints a summary.
 */
import { maskAccountId } from "../src/errors.js";
import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { runAllocationsCli } from "../src/cli/run.js";
import {
  ClientValidationError,
  PartnerCentralRevenueMeasurement,
  paginateListRevenueAttributionAllocations,
  type RevenueAttributionAllocationSummary,
  type RevenueShareAllocation,
} from "../src/index.js";
import { submitAllocations } from "../src/batch/index.js";
import { startEmulator } from "../src/testing/index.js";

const CATALOG = "Sandbox";
const PRODUCT_ID = "prod-demo2k7x9q4mz";
const tty = process.stdout.isTTY === true;
const bold = (s: string) => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string) => (tty ? `\x1b[2m${s}\x1b[0m` : s);
const green = (s: string) => (tty ? `\x1b[32m${s}\x1b[0m` : s);
const red = (s: string) => (tty ? `\x1b[31m${s}\x1b[0m` : s);

/** `YYYY-MM-DD` of the first and last day of a month (1-based). */
function monthBounds(year: number, month: number): { from: string; until: string } {
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${year}-${mm}-01`, until: `${year}-${mm}-${last}` };
}

/**
 * 600 changes as a CRM export might hold them: 50 offers and opportunities,
 * one customer account each, one row per month of next year.
 */
function exportedRows(year: number): RevenueShareAllocation[] {
  const rows: RevenueShareAllocation[] = [];
  for (let deal = 0; deal < 50; deal++) {
    for (let month = 1; month <= 12; month++) {
      const { from, until } = monthBounds(year, month);
      rows.push({
        Action: "CREATE",
        EntityType: deal % 5 === 0 ? "OPPORTUNITY" : "OFFER",
        EntityIdentifier: deal % 5 === 0 ? `O${4100000 + deal}` : `offer-${(0x5f3a00 + deal).toString(36)}`,
        CustomerAwsAccountId: String(210987650000 + deal * 37),
        // 0.50..1.95 %: the 50 deals of a month stay within the attribution's 100 % per month.
        RevenueSharePercent: (0.5 + ((deal * 7 + month) % 30) / 20).toFixed(2),
        EffectiveFrom: from,
        EffectiveUntil: until,
      });
    }
  }
  return rows;
}

/** Draws (or, without a terminal, prints) the progress of the submission. */
function progressBar(total: number) {
  const width = 36;
  let committed = 0;
  let status = "starting";
  let printed = -1;
  const draw = () => {
    const filled = Math.round((committed / total) * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const line = `   [${bar}] ${String(committed).padStart(3)}/${total}  ${status}`;
    if (tty) process.stdout.write(`\r\x1b[2K${line}`);
    else if (committed !== printed) console.log(line); // without a terminal: one line per committed task
    printed = committed;
  };
  return {
    update(next: { committed?: number; status: string }) {
      committed = next.committed ?? committed;
      status = next.status;
      draw();
    },
    done() {
      if (tty) process.stdout.write("\n");
    },
  };
}

function row(s: RevenueAttributionAllocationSummary): string {
  return [
    s.RevenueAttributionAllocationId,
    s.EntityType.padEnd(11),
    s.EntityIdentifier.padEnd(13),
    maskAccountId(s.CustomerAwsAccountId),
    `${s.RevenueSharePercent.padStart(6)} %`,
    `${s.EffectiveFrom}..${s.EffectiveUntil}`,
    s.Status,
  ].join("  ");
}

async function main(): Promise<void> {
  const started = Date.now();
  const year = new Date().getUTCFullYear() + 1;
  console.log(bold("Partner Central Revenue Measurement SDK: demo against the embedded emulator"));
  const emulator = await startEmulator({ taskDurationMs: 350 });
  console.log(dim(`   emulator on ${emulator.endpoint} (region ${emulator.region}); no AWS account involved\n`));
  const prm = new PartnerCentralRevenueMeasurement({
    endpoint: emulator.endpoint,
    region: emulator.region,
    credentials: emulator.credentials,
  });

  try {
    // 1. A revenue attribution.
    const attribution = await prm.createRevenueAttribution({
      Catalog: CATALOG,
      Name: "EMEA resale via Marketplace",
      Description: "Demo attribution",
      TenancyModel: "MULTI_TENANT",
      ProductIdentifier: PRODUCT_ID,
      Tags: [{ Key: "team", Value: "alliances" }],
    });
    console.log(`${bold("1.")} Created revenue attribution ${bold(attribution.Id)} "${attribution.Name}", revision ${attribution.Revision}`);

    // 2. A marketplace revenue share and one allocation of it.
    await prm.createMarketplaceRevenueShare({ Catalog: CATALOG, ProductId: PRODUCT_ID });
    const { from } = monthBounds(year, 1);
    const share = await prm.createMarketplaceRevenueShareAllocation({
      Catalog: CATALOG,
      ProductId: PRODUCT_ID,
      EffectiveFrom: from,
      RevenueSharePercent: "15.50",
    });
    console.log(
      `${bold("2.")} Created marketplace revenue share allocation ${bold(share.MarketplaceRevenueShareAllocationId)}: ` +
        `${share.RevenueSharePercent} % of ${PRODUCT_ID} from ${share.EffectiveFrom} (open-ended), share revision ${share.LatestMarketplaceRevenueShareRevision}`,
    );

    // 3. 600 changes with the batch helper: validated first, then tasks of up to 250, chained by revision.
    const rows = exportedRows(year);
    console.log(`${bold("3.")} Submitting ${rows.length} allocation changes with submitAllocations (tasks of up to 250):`);
    const bar = progressBar(rows.length);
    let chunk = 1;
    const chunks = Math.ceil(rows.length / 250);
    // The submission's arguments: step 6 makes the identical call again.
    const submission = {
      Catalog: CATALOG,
      RevenueAttributionIdentifier: attribution.Id,
      RevenueShareAllocations: rows,
      Description: "CRM export",
    } as const;
    const polling = { client: prm, minDelayMs: 100, maxDelayMs: 250, maxWaitMs: 60_000 };
    const result = await submitAllocations(
      {
        ...polling,
        onPoll: (task, poll) => bar.update({ status: `task ${chunk}/${chunks} ${task.Status} (poll ${poll})` }),
        onProgress: (p) => {
          chunk = p.chunkIndex + 2;
          bar.update({
            committed: p.recordsCommitted,
            status: `task ${p.chunkIndex + 1}/${p.chunkCount} COMPLETE, revision ${p.task.RevenueAttributionLatestRevision}`,
          });
        },
      },
      submission,
    );
    bar.done();
    console.log(`   ${green("✔")} ${result.tasks.length} tasks COMPLETE; the attribution is at revision ${bold(result.revision)}`);

    // 4. What was committed, read back page by page.
    const committed: RevenueAttributionAllocationSummary[] = [];
    let pages = 0;
    for await (const page of paginateListRevenueAttributionAllocations(
      { client: prm, pageSize: 250 },
      { Catalog: CATALOG, RevenueAttributionIdentifier: attribution.Id },
    )) {
      pages++;
      committed.push(...(page.RevenueAttributionAllocationSummaries ?? []));
    }
    console.log(`${bold("4.")} Listed ${committed.length} committed allocations in ${pages} pages; the first five:`);
    for (const s of committed.slice(0, 5)) console.log(`   ${row(s)}`);
    const offers = committed.filter((s) => s.EntityType === "OFFER").length;
    console.log(dim(`   ${offers} offers, ${committed.length - offers} opportunities; customer account ids are masked`));

    // 5. A mistake caught before the network: a date that is not the last day of its month.
    const before = emulator.inspect().requests.total;
    const withMistake = exportedRows(year + 1);
    withMistake[417] = { ...withMistake[417]!, EffectiveUntil: `${year + 1}-02-30` };
    try {
      await submitAllocations({ client: prm }, {
        Catalog: CATALOG,
        RevenueAttributionIdentifier: attribution.Id,
        RevenueShareAllocations: withMistake,
      });
      console.log(red("   the mistake was not caught!"));
      process.exitCode = 1;
    } catch (e) {
      if (!(e instanceof ClientValidationError)) throw e;
      const sent = emulator.inspect().requests.total - before;
      console.log(`${bold("5.")} A mistake caught locally (${sent} requests sent): ${red(e.name)}, FieldList:`);
      for (const f of e.FieldList) console.log(`   { Name: "${f.Name}", Code: "${f.Code}", Message: "${f.Message}" }`);
    }

    // 6. The identical call again, as a Lambda retry or a restart after a crash would make it: it resumes, and
    // with nothing left it applies nothing twice.
    const beforeAgain = emulator.inspect().requests.total;
    const again = await submitAllocations(polling, submission);
    const alreadyApplied = again.alreadyApplied.reduce((n, r) => n + r.last - r.first + 1, 0);
    console.log(
      `${bold("6.")} The same call again (a retried Lambda would make it): ${alreadyApplied} of ${rows.length} changes ` +
        `already applied, ${again.tasks.length} new tasks, revision ${again.revision} ` +
        dim(`(${emulator.inspect().requests.total - beforeAgain} read requests)`),
    );

    // 7. A partner's file with the `allocations` tool (run in this process; from a shell it is `npx allocations …`
    // with the same arguments): the plan, the apply with a results file, and the same command again.
    const fileAttribution = await prm.createRevenueAttribution({
      Catalog: CATALOG,
      Name: "Monthly allocations from a file",
      TenancyModel: "MULTI_TENANT",
    });
    const sample = relative(process.cwd(), fileURLToPath(new URL("allocations.csv", import.meta.url)));
    const results = join(tmpdir(), `allocations-demo-results-${process.pid}.csv`);
    // What `export AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=…` does in a shell.
    process.env.AWS_ACCESS_KEY_ID = emulator.credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = emulator.credentials.secretAccessKey;
    const indented = new Writable({
      write(chunk: Buffer, _encoding, done) {
        process.stdout.write(chunk.toString().replace(/^(?=.)/gm, "   "));
        done();
      },
    });
    const allocations = async (...args: string[]) => {
      console.log(dim(`   $ allocations ${args.join(" ")}`));
      return runAllocationsCli(args, { stdout: indented, stderr: indented, env: process.env });
    };
    const target = ["--attribution", fileAttribution.Id, "--catalog", CATALOG, "--endpoint-url", emulator.endpoint];
    const polls = ["--poll-min-delay", "0.1", "--poll-max-delay", "0.25"];
    console.log(`${bold("7.")} The same kind of job from a file (${sample}), with the allocations tool: plan, apply, apply again`);
    const codes = [
      await allocations("plan", sample, ...target),
      await allocations("apply", sample, ...target, ...polls, "--results", results),
    ];
    console.log(dim(`   the results file, first rows:`));
    for (const line of readFileSync(results, "utf8").split("\n").slice(0, 3)) console.log(dim(`   ${line}`));
    rmSync(results, { force: true });
    codes.push(await allocations("apply", sample, ...target, ...polls));
    if (codes.some((code) => code !== 0)) {
      console.log(red(`   exit codes ${codes.join(", ")}`));
      process.exitCode = 1;
    }

    // Summary.
    const attr = await prm.getRevenueAttribution({ Catalog: CATALOG, Identifier: attribution.Id });
    const shareNow = await prm.getMarketplaceRevenueShare({ Catalog: CATALOG, ProductId: PRODUCT_ID });
    const { requests } = emulator.inspect();
    console.log(
      `\n${bold("Summary:")} attribution ${attr.Id} at revision ${attr.LatestRevision} holds ` +
        `${attr.TotalRevenueAttributionAllocationCount} allocations (${attr.TotalActiveRevenueAttributionAllocationCount} active, ` +
        `${attr.EffectiveFrom}..${attr.EffectiveUntil}); ${shareNow.TotalMarketplaceRevenueShareAllocationCount} marketplace ` +
        `revenue share allocation; ${requests.total} HTTP requests; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  } finally {
    prm.destroy();
    await emulator.close();
  }
}

main().catch((e: unknown) => {
  console.error(red(`\ndemo failed: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`));
  process.exitCode = 1;
});
