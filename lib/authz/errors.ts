/** A refusal a person can act on. Its message is shown to them; anything else is logged, never shown. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
    readonly code: "INVALID" | "NOT_FOUND" | "CONFLICT" = "INVALID",
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The object is missing or belongs to another school: the same answer either way. */
export function notFoundError(what = "That record"): DomainError {
  return new DomainError(`${what} was not found.`, undefined, "NOT_FOUND");
}
