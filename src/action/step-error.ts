// A reason to fail the step that the user can act on (a bad input, a check run the token may not
// create): the step fails with this one line, never a stack trace.
export class StepError extends Error {}
