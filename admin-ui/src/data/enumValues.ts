/**
 * The members of a union the API document defines, listed for the UI (choices, labels, their order), checked at
 * compile time to be exactly the union's members: a value the API adds or drops fails the typecheck here.
 *   export const CASE_STAGES = valuesOf<CaseStage>()(['judgement', …]);
 */
export const valuesOf =
  <T extends string | number>() =>
  <const A extends readonly T[]>(values: A & ([Exclude<T, A[number]>] extends [never] ? unknown : { missing: Exclude<T, A[number]> })): A =>
    values;
