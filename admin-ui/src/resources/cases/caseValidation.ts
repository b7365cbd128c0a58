import { maxLength, regex, required } from 'react-admin';
import { ACCOUNT_NO_PATTERN, NOTE_MAX_LENGTH } from './caseCreateInput';

export const validateCustomerAccountNo = [
  required(),
  regex(ACCOUNT_NO_PATTERN, 'resources.cases.validation.customerAccountNo'),
];

export const validateOrigin = [required()];

export const validateNote = [maxLength(NOTE_MAX_LENGTH)];
