// Expected outcomes as values: a use case returns ok(value) or fail(code), and only the edge turns a
// code into words for the user. Exceptions stay for bugs and outages.

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Fail<C extends string, D = never> = { readonly ok: false; readonly code: C; readonly details?: D };
export type Result<T, C extends string, D = never> = Ok<T> | Fail<C, D>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const fail = <C extends string, D = never>(code: C, details?: D): Fail<C, D> =>
  details === undefined ? { ok: false, code } : { ok: false, code, details };
