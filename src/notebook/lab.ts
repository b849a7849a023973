/**
 * `npm run lab`: opens the notebooks in JupyterLab (or the classic Notebook) with the tslab kernel
 * registered under the project-local JUPYTER_PATH. Prints how to install Jupyter when it is absent.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { projectRoot } from "../data/registry.js";
import { findJupyter, hasSubcommand, INSTALL_HINT, installKernelSpec } from "./kernel.js";

const jupyter = findJupyter();
const app = jupyter && (hasSubcommand(jupyter, "lab") ? "lab" : hasSubcommand(jupyter, "notebook") ? "notebook" : undefined);
if (!jupyter || !app) {
  console.error(
    jupyter
      ? `Jupyter is installed (${jupyter}) but neither JupyterLab nor the classic Notebook is: on Debian/Ubuntu ` +
          "`sudo apt-get install jupyter-notebook python3-ipykernel` (or `pip install jupyterlab`), then run `npm run lab` again."
      : INSTALL_HINT,
  );
  process.exit(1);
}
const jupyterPath = installKernelSpec();
console.error(`tslab kernel registered in ${jupyterPath}; starting jupyter ${app} in notebooks/ (run \`npm run build\` after changing src/)`);
const child = spawn(jupyter, [app, ...process.argv.slice(2)], {
  cwd: join(projectRoot(), "notebooks"),
  env: { ...process.env, JUPYTER_PATH: jupyterPath },
  stdio: "inherit",
});
child.on("exit", (code) => process.exit(code ?? 0));
