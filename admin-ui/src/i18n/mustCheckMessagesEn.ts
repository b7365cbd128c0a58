import type { mustCheckMessagesZh } from './mustCheckMessagesZh';

/** Strings of the must-check items, in English. */
export const mustCheckMessagesEn: typeof mustCheckMessagesZh = {
  name: 'Must-check items |||| Must-check items',
  list: {
    title: 'Must-check items',
    hint: 'The items an inspector must check on site, per problem type. The judgement gives a case the items of its suspected problem types; cases already judged keep theirs.',
    notConfigured: 'Not configured: the judgement uses the rule set\'s own check items.',
    updated: 'Updated by %{by} on %{at}',
    edit: 'Edit',
  },
  fields: {
    code: 'Code',
    textZh: 'Text (Chinese)',
    textEn: 'Text (English)',
  },
  editor: {
    title: 'Edit the must-check items of "%{type}"',
    add: 'Add an item',
    up: 'Move up',
    down: 'Move down',
    remove: 'Remove',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Must-check items of "%{type}" saved (%{smart_count} items)',
    fixErrors: 'Correct the items marked and save again.',
    codeHint: 'Starts with an upper-case letter; upper-case letters, digits and underscores',
    count: '%{count} items (%{min}–%{max})',
  },
  errors: {
    'code-format': 'A code starts with an upper-case letter and has only upper-case letters, digits and underscores, 2–50 long.',
    'code-duplicate': 'Code %{code} repeats item %{row}; each code appears once.',
    'text-length': 'The text takes %{min}–%{max} characters.',
    'too-few': 'At least %{min} item is needed.',
    'too-many': 'At most %{max} items.',
    server: 'The server refused this item: %{message}',
  },
};
