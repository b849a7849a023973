import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { checkAll, dataFile, dataRoot, DATA_ENV, getDataset, loadRegistry, sha256File } from "../../src/data/registry.ts";
import { DataError } from "../../src/errors.ts";

const shared = dataRoot();

describe("data registry", () => {
  it("registers every file of the shared data with a SHA-256 that matches", () => {
    const checks = checkAll();
    assert.ok(checks.length > 400, `only ${checks.length} files registered`);
    assert.deepEqual(checks.filter((c) => c.status !== "ok").map((c) => c.path), []);
    for (const ds of loadRegistry().datasets) {
      assert.ok(ds.source && ds.licence && ds.citation, `${ds.id} lacks source/licence/citation`);
    }
  });

  it("hashes a file as sha256sum does", () => {
    const path = join(shared, "rotterdam", "rotterdam.csv");
    const expected = execFileSync("sha256sum", [path], { encoding: "utf8" }).split(" ")[0];
    assert.equal(sha256File(path), expected);
    assert.equal(getDataset("rotterdam").files["rotterdam.csv"], expected);
  });

  describe("with a damaged copy of the data", () => {
    let copy: string;
    before(() => {
      copy = mkdtempSync(join(tmpdir(), "tsr-data-"));
      cpSync(join(shared, "rotterdam"), join(copy, "rotterdam"), { recursive: true });
      cpSync(join(shared, "sts"), join(copy, "sts"), { recursive: true });
      writeFileSync(join(copy, "rotterdam", "rotterdam.csv"), "pid,age\n1,50\n");
      rmSync(join(copy, "sts", "outcome.csv"));
      process.env[DATA_ENV] = copy;
    });
    after(() => {
      delete process.env[DATA_ENV];
      rmSync(copy, { recursive: true, force: true });
    });

    it("resolves the data root from the environment variable", () => {
      assert.equal(dataRoot(), copy);
    });

    it("names dataset, path and public source for a missing file", () => {
      assert.throws(
        () => dataFile("sts", "outcome.csv"),
        (err: Error) =>
          err instanceof DataError &&
          err.message.includes("dataset 'sts'") &&
          err.message.includes("is missing") &&
          err.message.includes(join(copy, "sts", "outcome.csv")) &&
          err.message.includes("doi:10.7937/K9/TCIA.2015.7GO2GSKS"),
      );
    });

    it("reports an altered file with both hashes", () => {
      assert.throws(
        () => dataFile("rotterdam", "rotterdam.csv"),
        (err: Error) =>
          err instanceof DataError &&
          err.message.includes("is altered") &&
          err.message.includes(getDataset("rotterdam").files["rotterdam.csv"]) &&
          err.message.includes("survival"),
      );
    });

    it("`tsradiomics data check` prints the table, the problems, and exits 1 without a stack trace", () => {
      const r = spawnSync(process.execPath, ["bin/tsradiomics.js", "data", "check"], {
        encoding: "utf8",
        env: { ...process.env, [DATA_ENV]: copy },
      });
      assert.equal(r.status, 1);
      assert.match(r.stdout, /rotterdam\s+1\s+0\s+0\s+1/);
      assert.match(r.stderr, /dataset 'rotterdam'.*is altered/);
      assert.match(r.stderr, /dataset 'breast-dce'.*is missing/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    });
  });
});
