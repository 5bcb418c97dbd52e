// One error shape for the whole API: {error: {code, message, field?}} with a Chinese message that a
// worker can act on, and for bad input the field it concerns.
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const notFound = (what = "记录") => new ApiError(404, "not_found", `${what}不存在或您无权查看`);
export const forbidden = (message = "您的角色无权执行此操作") => new ApiError(403, "forbidden", message);
export const badInput = (field: string, message: string) =>
  new ApiError(400, "invalid_input", message, field);
export const conflict = (message: string) => new ApiError(409, "conflict", message);
