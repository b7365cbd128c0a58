/**
 * The API names a refused field by its full path ("rules.1.params.maxOwnRatio", "priorityThresholds"); an editor
 * has inputs for some paths only. These map each server error onto the input that shows it:
 * - the input with exactly that path;
 * - else the nearest input above it (a JSON box for "params" takes "maxOwnRatio: …");
 * - else, for an object-level error (a refine on a group), the group's first input;
 * - else the form's root error (shown above the buttons), prefixed with the path.
 */
export type SubmissionErrors = Record<string, string | { serverError: string }>;

/**
 * Input paths of an editor; `*` stands for an array index ("rules.*.weight"). An input stored under another name
 * than the server's field says so after a colon: "rules.*.params:paramsJson" (the server's `params` is edited as
 * the JSON text `paramsJson`).
 */
export type FieldPatterns = readonly string[];

const serverPath = (pattern: string) => pattern.split(':')[0]!;
/** The input's name for a matched server path: the last segment renamed when the pattern says so. */
const inputPath = (pattern: string, head: string[]) => {
  const rename = pattern.split(':')[1];
  return (rename ? [...head.slice(0, -1), rename] : head).join('.');
};

const matches = (pattern: string, path: string[]) => {
  const p = serverPath(pattern).split('.');
  return p.length === path.length && p.every((seg, i) => seg === path[i] || (seg === '*' && /^\d+$/.test(path[i]!)));
};

/** The input that shows an error at `path`, and the text to show there. */
export function fieldFor(patterns: FieldPatterns, path: string, message: string): { field: string; message: string } | null {
  const segs = path.split('.').filter(Boolean);
  for (let n = segs.length; n > 0; n--) {
    const head = segs.slice(0, n);
    const pattern = patterns.find((p) => matches(p, head));
    if (pattern) {
      const rest = segs.slice(n).join('.');
      return { field: inputPath(pattern, head), message: rest ? `${rest}: ${message}` : message };
    }
  }
  // An error on a group of inputs: its first input (the patterns list inputs in screen order).
  const child = patterns.find((p) => {
    const ps = serverPath(p).split('.');
    return ps.length > segs.length && matches(ps.slice(0, segs.length).join('.'), segs) && !ps.slice(segs.length).includes('*');
  });
  if (child && segs.length) {
    const full = [...segs, ...serverPath(child).split('.').slice(segs.length)];
    return { field: inputPath(child, full), message };
  }
  return null;
}

/** Server errors (flat path → message, as HttpError.body.errors) → errors the form can show on its inputs. */
export function mapServerErrors(errors: SubmissionErrors | undefined | null, patterns: FieldPatterns): SubmissionErrors | undefined {
  if (!errors) return undefined;
  const fields: Record<string, string[]> = {};
  const root = errors.root;
  // The server's own summary first, then what no input shows.
  const general: string[] = typeof root === 'object' && root.serverError ? [root.serverError] : [];
  for (const [path, value] of Object.entries(errors)) {
    if (path === 'root') continue;
    const message = typeof value === 'string' ? value : value.serverError;
    const target = fieldFor(patterns, path, message);
    if (target) (fields[target.field] ??= []).push(target.message);
    else general.push(path && path !== '(body)' ? `${path}: ${message}` : message);
  }
  const out: SubmissionErrors = {};
  for (const [field, messages] of Object.entries(fields)) out[field] = messages.join('；');
  if (general.length) out.root = { serverError: general.join('；') };
  return Object.keys(out).length ? out : undefined;
}
