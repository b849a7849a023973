/**
 * An error whose message is written for the user: it names the file, column, patient or
 * setting at fault and what is wrong. The CLI and the notebook runner print it without a stack.
 */
export class InputError extends Error {
  override name = "InputError";
}

/** A dataset file that is missing or altered (see src/data/registry.ts). */
export class DataError extends Error {
  override name = "DataError";
}
