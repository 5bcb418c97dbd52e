/** An error whose message is meant for the operator as it is (Chinese, actionable): no stack trace. */
export class UserError extends Error {}
