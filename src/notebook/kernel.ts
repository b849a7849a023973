/**
 * The tslab kernel for real Jupyter, registered under a project-local JUPYTER_PATH (.jupyter/),
 * so nothing is installed into the user's or the system's Jupyter. Jupyter itself comes from Debian
 * (`apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel`), run with Debian's python3.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";

/** Writes .jupyter/kernels/tslab/kernel.json and returns the JUPYTER_PATH to use. */
export function installKernelSpec(root = projectRoot()): string {
  const jupyterPath = join(root, ".jupyter");
  const dir = join(jupyterPath, "kernels", "tslab");
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, join(root, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tsradiomics)",
    language: "typescript",
  };
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(spec, null, 2) + "\n");
  return jupyterPath;
}

/** Debian's jupyter first (its python3 has the packages), else whatever `jupyter` is on PATH. */
export function findJupyter(): string | undefined {
  for (const candidate of ["/usr/bin/jupyter", "jupyter"]) {
    const r = spawnSync(candidate, ["--version"], { encoding: "utf8" });
    if (r.status === 0) return candidate;
  }
  return undefined;
}

export function hasSubcommand(jupyter: string, sub: string): boolean {
  return spawnSync(jupyter, [sub, "--version"], { encoding: "utf8" }).status === 0;
}

export const INSTALL_HINT =
  "Jupyter was not found. On Debian/Ubuntu: `sudo apt-get install jupyter-notebook jupyter-nbconvert python3-ipykernel` " +
  "(or `pip install jupyterlab` in a Python environment), then run `npm run lab` again.";

/** Executes notebooks through real Jupyter (nbconvert) with the tslab kernel; outputs go to outDir. */
export function executeWithNbconvert(notebooks: string[], outDir: string, timeoutSeconds = 1800): void {
  const jupyter = findJupyter();
  if (!jupyter || !hasSubcommand(jupyter, "nbconvert")) throw new Error(INSTALL_HINT);
  const env = { ...process.env, JUPYTER_PATH: installKernelSpec() };
  mkdirSync(outDir, { recursive: true });
  for (const nb of notebooks) {
    if (!existsSync(nb)) throw new Error(`notebook not found: ${nb}`);
    execFileSync(
      jupyter,
      ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=tslab", `--ExecutePreprocessor.timeout=${timeoutSeconds}`, "--output-dir", outDir, nb],
      { env, stdio: "inherit" },
    );
  }
}
