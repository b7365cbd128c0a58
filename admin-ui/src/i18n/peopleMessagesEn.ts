/** Strings of the person picker in English. */
export const peopleMessagesEn = {
  placeholder: 'Type a name to search, e.g. 李稽查',
  noOptions: 'No matching people',
  loading: 'Loading people…',
  loadError: 'Could not load the people list; try again later',
  openCases: '%{smart_count} open case |||| %{smart_count} open cases',
};
