import { useCallback } from 'react';
import { useSaveContext } from 'react-admin';
import { mapServerErrors, type FieldPatterns, type SubmissionErrors } from './serverErrorMapping';

/**
 * A form's onSubmit that saves through the page's controller (Create or Edit, pessimistic) and puts the server's
 * field errors on the editor's inputs (serverErrorMapping) instead of paths no input has.
 */
export function useMappedSubmit<V>(patterns: FieldPatterns, toBody: (values: V) => object) {
  const { save } = useSaveContext();
  return useCallback(
    async (values: Record<string, unknown>) => {
      const errors = (await save?.(toBody(values as V) as never)) as SubmissionErrors | undefined | void;
      return mapServerErrors(errors || undefined, patterns);
    },
    [save, patterns, toBody],
  );
}
